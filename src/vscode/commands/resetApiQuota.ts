import * as vscode from 'vscode';
import type { ApiCallRequest } from '../../core/wechatHttp/apiAnswer';
import { presentAnswer } from '../flows/apiAnswerFlow';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { tokenForDiagnostics } from '../flows/diagnosticsToken';
import { showInformationMessage, showWarningMessage } from '../notifications';
import { withCancellableProgress } from '../progress';

/** WeChat's quota reset (PROTOCOLS.md §8): every API's daily count starts over, for the whole account. */
const CLEAR_QUOTA_PATH = '/cgi-bin/clear_quota';

/**
 * "Reset WeChat API Quota…" (and the Reset button of a 45009 answer): only after a modal that says what it spends, a
 * month allows 10 resets per account, shared with the WeChat web console. Cancel sends nothing; 48006 (the month's
 * resets are used up) is explained like any refusal.
 */
export function resetApiQuotaCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Reset the API quota of which app?'),
		});
		if (app === undefined) {
			return;
		}
		const reset = vscode.l10n.t('Reset Quota');
		const choice = await showWarningMessage(
			vscode.l10n.t({
				message: 'Reset the API quota of “{0}” (AppID {1})?',
				args: [app.name, app.appId],
				comment: ['{0} is the app name, {1} a WeChat AppID'],
			}),
			{
				modal: true,
				detail: vscode.l10n.t(
					'Every API’s daily count starts over for the whole account. A month allows 10 resets per account, shared with the WeChat web console, and this uses one of them; when they are used up WeChat answers 48006.',
				),
			},
			reset,
		);
		if (choice !== reset) {
			return;
		}
		const token = await tokenForDiagnostics(services, run, app);
		if (token === undefined) {
			return;
		}
		const call: ApiCallRequest = {
			method: 'POST',
			pathAndQuery: CLEAR_QUOTA_PATH,
			headers: [['Content-Type', 'application/json']],
			body: JSON.stringify({ appid: app.appId }),
		};
		const title = vscode.l10n.t({
			message: 'Resetting the API quota of “{0}”…',
			args: [app.name],
			comment: ['{0} is the app name'],
		});
		const answer = await withCancellableProgress(title, (signal) =>
			services.healthCalls.api({ app, accessToken: token.accessToken, signal }, call),
		);
		if (answer.kind === 'json' && answer.refusal === undefined) {
			services.log.info(`Reset the API quota of "${app.name}".`);
			void showInformationMessage(
				vscode.l10n.t({
					message: 'Reset the API quota of “{0}”: every API’s daily count starts over.',
					args: [app.name],
					comment: ['{0} is the app name'],
				}),
			);
			return;
		}
		await presentAnswer(services, app, token, call, answer);
	};
}
