import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { explainWechatErrcode } from '../../app/health/wechatErrcodes';
import type { WechatApiError } from '../../core/diagnostics/wechatApiError';
import { showWarningMessage } from '../notifications';
import { TICKET_PATH } from '../../core/jssdk/jsapiTicket';
import { COMMAND_ID } from '../commandIds';
import { UI_INVOCATION } from '../invocationOrigin';

/**
 * WeChat refused a diagnostics call for a reason that is not the token's (48001 API not authorized, 76021 unknown
 * path…): what it means in the user's language, and WeChat's own words, which name the rid.
 */
export function showWechatRefusal(app: WechatApp, error: WechatApiError): void {
	const { errcode, errmsg } = error.refusal;
	if (error.path === TICKET_PATH && errcode === 45009) {
		void showTicketQuotaSpent(app, errmsg);
		return;
	}
	const meaning =
		explainWechatErrcode(errcode, vscode.l10n) ?? vscode.l10n.t('The extension does not know this errcode.');
	void showWarningMessage(
		vscode.l10n.t({
			message: 'WeChat refused the call for “{0}” with errcode {1}: {2} WeChat said: “{3}”',
			args: [app.name, errcode, meaning, errmsg],
			comment: [
				'{0} is the app name, {1} a number, {2} what the number means (a sentence), {3} WeChat’s own message',
			],
		}),
	);
}

/**
 * 45009 at getticket: the second cause of 45009 in SDK trackers is a ticket fetched on every page view. Says which
 * quota it is and offers its quota read (a reset is never offered: resets are few and shared with the web console).
 */
async function showTicketQuotaSpent(app: WechatApp, errmsg: string): Promise<void> {
	const showQuota = vscode.l10n.t('Show Quota');
	const choice = await showWarningMessage(
		vscode.l10n.t({
			message:
				'“{0}” has used up today’s quota of JS-SDK tickets ({1}, errcode 45009). A server that fetches a ticket on every page view spends it: cache the ticket for its 2 hours and share it, as this extension does. The quota resets at midnight Beijing time. WeChat said: “{2}”',
			args: [app.name, TICKET_PATH, errmsg],
			comment: ['{0} is the app name, {1} an API path, {2} WeChat’s own message'],
		}),
		showQuota,
	);
	if (choice === showQuota) {
		await vscode.commands.executeCommand(COMMAND_ID.showQuota, app.name, TICKET_PATH, UI_INVOCATION);
	}
}
