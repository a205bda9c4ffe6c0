import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { formatLocalTime } from '../../app/presentation/timeFormats';
import { deadTokenRemedy } from '../../app/health/deadTokenRemedy';
import { joinSentences } from '../../app/presentation/sentences';
import type { WechatRefusal } from '../../core/diagnostics/diagnosticTypes';
import type { AccessToken } from '../../core/tokenTypes';
import { copyToken, obtainToken } from './acquireToken';
import { COMMAND_ID } from '../commandIds';
import type { CommandServices } from './commandServices';
import { UI_INVOCATION } from '../invocationOrigin';
import { NORMAL_REFRESH } from '../flows/acquireToken';
import { showWarningMessage } from '../notifications';

/**
 * WeChat refused the app's token: say so, say the likely cause for the app's source, and offer what fixes it there.
 * Nothing is fetched until the user clicks, and nothing is ever forced: a stable app gets a normal stable call, a
 * cache-backed app one more normal fetch, a classic app a new classic token through its usual consent.
 */
export async function offerDeadTokenRemedy(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	refusal: WechatRefusal,
	/** Checks a token just fetched (the check command itself, passed in to keep the two files apart). */
	recheck: (token: AccessToken) => Promise<void>,
): Promise<void> {
	const l10n = vscode.l10n;
	const refused = l10n.t({
		message: 'WeChat no longer accepts the token of “{0}” (errcode {1}).',
		args: [app.name, refusal.errcode],
		comment: ['{0} is the app name, {1} a number'],
	});
	const remedy = remedyFor(services, app, token, recheck);
	const choice = await showWarningMessage(joinSentences(refused, remedy.cause), remedy.button);
	if (choice === remedy.button) {
		await remedy.apply();
	}
}

/** The likely cause of a dead token for the app's source, the button that fixes it, and what the button does. */
function remedyFor(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	recheck: (token: AccessToken) => Promise<void>,
): { readonly cause: string; readonly button: string; readonly apply: () => PromiseLike<unknown> } {
	const l10n = vscode.l10n;
	switch (deadTokenRemedy(app.source)) {
		case 'get-current-stable-token':
			return {
				cause: l10n.t(
					'Stable tokens are replaced only by a forced refresh, so someone forced one elsewhere. A normal request returns the token now in force and invalidates nothing.',
				),
				button: l10n.t('Get New Token'),
				apply: () =>
					vscode.commands.executeCommand(COMMAND_ID.refreshToken, app.name, NORMAL_REFRESH, UI_INVOCATION),
			};
		case 'mint-classic-token':
			return {
				cause: l10n.t(
					'Another classic fetch replaced it, or it expired. Only a new classic token fixes it, and that one invalidates the token your servers use.',
				),
				button: l10n.t('Get New Classic Token'),
				apply: () => vscode.commands.executeCommand(COMMAND_ID.refreshToken, app.name, UI_INVOCATION),
			};
		case 'ask-the-cache-again':
			return {
				cause: l10n.t({
					message:
						'The cache at {0} hands out a token that someone killed by fetching a classic token outside it. Fetching again shows whether the cache has a new one; nothing is forced or minted.',
					args: [app.host],
					comment: ['{0} is the address of the server that holds the token (Authing or a team’s own server)'],
				}),
				button: l10n.t('Fetch Again'),
				apply: () => askTheCacheAgain(services, app, token, recheck),
			};
	}
}

/**
 * One normal fetch past the local cache. The same dead token back means the cache will keep serving it until it
 * expires; only whoever runs the cache can renew it there. A new token is copied and checked.
 */
async function askTheCacheAgain(
	services: CommandServices,
	app: WechatApp,
	dead: AccessToken,
	recheck: (token: AccessToken) => Promise<void>,
): Promise<void> {
	// The click on Fetch Again is the user's, whoever started the check.
	const fetched = await obtainToken(services, app, true, { caller: 'user' });
	if (fetched === undefined) {
		return;
	}
	if (fetched.accessToken === dead.accessToken) {
		services.log.warn(`The cache of "${app.name}" still hands out the token WeChat refused.`);
		void showWarningMessage(
			vscode.l10n.t({
				message:
					'The cache at {1} still hands out the token WeChat refused for “{0}”, and will keep serving it until it expires at {2}. Only whoever runs that cache can renew the token there (in Authing, its administrator); this extension never forces or mints one.',
				args: [app.name, app.host, formatLocalTime(fetched.expiresAt, Date.now(), vscode.env.language)],
				comment: [
					'{0} is the app name, {1} the address of the server that holds the token, {2} a time of day (with the date when not today)',
				],
			}),
		);
		return;
	}
	await copyToken(app, fetched);
	await recheck(fetched);
}
