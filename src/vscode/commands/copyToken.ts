import * as vscode from 'vscode';
import { acquireToken, copyToken } from '../flows/acquireToken';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** "Copy WeChat Access Token" (tree and status bar): the known token while it works, else a new one like getToken. */
export function copyTokenCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Copy the access token of which app?'),
		});
		if (app === undefined) {
			return;
		}
		const { token } = services.service.state(app);
		if (token === undefined || token.expiresAt <= Date.now()) {
			await acquireToken(services, run, app.name, false);
			return;
		}
		services.service.markUsed(app);
		await copyToken(app, token);
	};
}
