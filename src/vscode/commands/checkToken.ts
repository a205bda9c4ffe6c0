import * as vscode from 'vscode';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { tokenForDiagnostics } from '../flows/diagnosticsToken';
import { checkToken } from '../flows/wechatCalls';

/**
 * "Check WeChat Access Token": asks WeChat whether the app's current token still works, with its cheapest call that
 * needs one (`get_api_domain_ip`, no side effects). A dead token is marked invalid in the tree and the status bar until
 * a fetch replaces it, and the message offers what fixes it for the app's source.
 */
export function checkTokenCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Check the access token of which app?'),
		});
		if (app === undefined) {
			return;
		}
		const token = await tokenForDiagnostics(services, run, app);
		if (token !== undefined) {
			await checkToken(services, app, token);
		}
	};
}
