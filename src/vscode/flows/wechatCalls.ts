import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { formatLocalTime } from '../../app/presentation/timeFormats';
import type { WechatRefusal } from '../../core/diagnostics/diagnosticTypes';
import { WechatApiError } from '../../core/diagnostics/wechatApiError';
import type { AccessToken } from '../../core/tokenTypes';
import type { CommandServices } from './commandServices';
import { withCancellableProgress } from '../progress';
import { offerDeadTokenRemedy } from './deadTokenFlow';
import { showWechatRefusal } from './wechatRefusalMessage';
import { showInformationMessage } from '../notifications';

/*
 * The calls made with a token that the health commands share: a check, and the way every such call treats WeChat's
 * refusals (a dead token is recorded and its fix offered; anything else is told in WeChat's words).
 */

/** Checks `token` of `app` and tells the user; also what "Fetch Again" runs on a token it just fetched. */
export async function checkToken(services: CommandServices, app: WechatApp, token: AccessToken): Promise<void> {
	const title = vscode.l10n.t({
		message: 'Checking the access token of “{0}”…',
		args: [app.name],
		comment: ['{0} is the app name'],
	});
	const check = await askWechat(services, app, token, title, (signal) =>
		services.healthCalls.check({ app, accessToken: token.accessToken, signal }),
	);
	if (check === undefined) {
		return;
	}
	if (check.works) {
		services.log.info(`Checked the token of "${app.name}": it works.`);
		void showInformationMessage(
			vscode.l10n.t({
				message: 'The token of “{0}” works (checked at {1}).',
				args: [app.name, formatLocalTime(check.checkedAt, check.checkedAt, vscode.env.language)],
				comment: ['{0} is the app name, {1} a time of day'],
			}),
		);
		return;
	}
	await reportDeadToken(services, app, token, check.refusal);
}

/**
 * WeChat refused `token` (at a check or any other call): HealthCalls has marked it invalid until a fetch replaces it;
 * here the user is offered the fix.
 */
export async function reportDeadToken(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	refusal: WechatRefusal,
): Promise<void> {
	services.log.warn(`WeChat no longer accepts the token of "${app.name}" (${refusal.errcode}).`);
	await offerDeadTokenRemedy(services, app, token, refusal, (fetched) => checkToken(services, app, fetched));
}

/**
 * Runs a call made with `token` under a cancellable progress notification. WeChat's refusals are the answer, told to
 * the user here (a dead token as such, with its fix; anything else in WeChat's words), and resolve to `undefined`;
 * other failures go to the command's wrapper, which presents them like any token failure.
 */
export async function askWechat<T>(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	title: string,
	call: (signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
	try {
		return await withCancellableProgress(title, call);
	} catch (error) {
		if (WechatApiError.is(error) && error.tokenNoLongerWorks) {
			await reportDeadToken(services, app, token, error.refusal);
			return undefined;
		}
		if (WechatApiError.is(error)) {
			services.log.info(
				`WeChat refused a call for "${app.name}" with ${error.refusal.errcode}, not a token problem.`,
			);
			showWechatRefusal(app, error);
			return undefined;
		}
		throw error;
	}
}
