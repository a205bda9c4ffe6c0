import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { explainWechatErrcode } from '../../app/health/wechatErrcodes';
import type { WechatApiError } from '../../core/diagnostics/wechatApiError';
import { showWarningMessage } from '../notifications';

/**
 * WeChat refused a diagnostics call for a reason that is not the token's (48001 API not authorized, 76021 unknown
 * path…): what it means in the user's language, and WeChat's own words, which name the rid.
 */
export function showWechatRefusal(app: WechatApp, error: WechatApiError): void {
	const { errcode, errmsg } = error.refusal;
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
