import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { isQuotaLow, quotaBar } from '../../app/health/quotaBar';
import { joinSentences } from '../../app/presentation/sentences';
import { cgiPathProblem } from '../../core/diagnostics/cgiPath';
import type { ApiQuota } from '../../core/diagnostics/diagnosticTypes';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { askWechat } from '../flows/wechatCalls';
import { tokenForDiagnostics } from '../flows/diagnosticsToken';
import { cgiPathProblemText, pickQuotaPath } from '../flows/quotaPaths';
import { showErrorMessage, showInformationMessage, showWarningMessage } from '../notifications';

/**
 * "Show WeChat API Quota…": an API's daily limit, what the app used today and what is left (read-only: quota resets
 * are never offered, they are few and shared with the WeChat console). Arguments from the API or a tree item: the app,
 * then the path, checked like a typed one.
 */
export function showQuotaCommand(services: CommandServices): CommandHandler {
	return async (run, arg, pathArg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Show the API quota of which app?'),
		});
		if (app === undefined) {
			return;
		}
		const path =
			typeof pathArg === 'string'
				? pathArg.trim()
				: await pickQuotaPath(services.health.recentQuotas(app.identity).map((quota) => quota.path));
		if (path === undefined) {
			return;
		}
		const problem = cgiPathProblem(path);
		if (problem !== undefined) {
			void showErrorMessage(cgiPathProblemText(problem));
			return;
		}
		const token = await tokenForDiagnostics(services, run, app);
		if (token === undefined) {
			return;
		}
		const title = vscode.l10n.t({
			message: 'Reading the quota of {0} for “{1}”…',
			args: [path, app.name],
			comment: ['{0} is an API path, {1} the app name'],
		});
		const quota = await askWechat(services, app, token, title, (signal) =>
			services.healthCalls.quota({ app, accessToken: token.accessToken, signal }, path),
		);
		if (quota === undefined) {
			return;
		}
		services.log.info(
			`Quota of ${path} for "${app.name}": ${quota.used} used of ${quota.dailyLimit}, ${quota.remain} left.`,
		);
		showQuota(app, quota);
	};
}

function showQuota(app: WechatApp, quota: ApiQuota): void {
	const l10n = vscode.l10n;
	const rate =
		quota.rateLimit === undefined
			? ''
			: l10n.t({
					message: 'At most {0} calls every {1} s.',
					args: [quota.rateLimit.callCount, quota.rateLimit.refreshSeconds],
					comment: ['{0} and {1} are numbers'],
				});
	if (isQuotaLow(quota)) {
		void showWarningMessage(
			joinSentences(
				l10n.t({
					message:
						'“{0}”, {1}: only {2} of {3} calls left today ({4} used). The quota resets at midnight Beijing time.',
					args: [app.name, quota.path, quota.remain, quota.dailyLimit, quota.used],
					comment: ['{0} is the app name, {1} an API path, {2} {3} {4} numbers'],
				}),
				rate,
			),
		);
		return;
	}
	void showInformationMessage(
		joinSentences(
			l10n.t({
				message: '“{0}”, {1}: {2} left today, {3} used.',
				args: [app.name, quota.path, quotaBar(quota), quota.used],
				comment: [
					'{0} is the app name, {1} an API path, {2} what is left as a bar and numbers (▰▰▰▱▱ 612 / 1000), {3} a number',
				],
			}),
			rate,
		),
	);
}
