import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import type { TokenCaller } from '../../app/tokens/classicMintGuard';
import type { TokenAnswers, TokenQuestion } from '../../app/tokens/tokenUseCase';
import { expiresInAndAt } from '../../app/presentation/timeFormats';
import type { AccessToken } from '../../core/tokenTypes';
import { withCancellableProgress } from '../progress';
import { addAppFlow } from './addAppFlow';
import { resolveApp } from './appPicker';
import type { CommandRun, CommandServices } from './commandServices';
import { enterCredentials } from './credentialsFlow';
import { commandCaller } from '../invocationOrigin';
import { showInformationMessage, showWarningMessage } from '../notifications';

/**
 * Get (or, with `refresh`, re-fetch) an app's token and put it on the clipboard: pick the app, ask for missing
 * secrets, ask what only the user may decide (classic opt-in, forcing a stable refresh), fetch under a cancellable
 * progress notification unless a fresh cached token exists, copy, and say for how long it is valid.
 */
export async function acquireToken(
	services: CommandServices,
	run: CommandRun,
	arg: unknown,
	refresh: boolean,
	options: RefreshOptions = {},
): Promise<void> {
	const l10n = vscode.l10n;
	const app = await resolveApp(services, run, arg, {
		placeHolder: refresh
			? l10n.t('Refresh the access token of which app?')
			: l10n.t('Get the access token of which app?'),
		addApp: () => addAppWithCredentials(services),
	});
	if (app === undefined) {
		return;
	}
	const token = await obtainToken(services, app, refresh, { ...options, caller: commandCaller(run.origin) });
	if (token !== undefined) {
		await copyToken(app, token);
	}
}

/**
 * How a refresh treats a `wechat-stable` app: `ask` whether to force a new token (the Refresh command), or `normal`
 * without asking (the expiry alert's Refresh: a normal refresh never invalidates anyone's token).
 */
export interface RefreshOptions {
	readonly stableRefresh?: 'ask' | 'normal';
}

/** The second argument the expiry alert's Refresh passes: a normal refresh, without the question about forcing. */
export const NORMAL_REFRESH: RefreshOptions = { stableRefresh: 'normal' };

/** How `obtainToken` goes about it: the refresh question, and who asked (a classic request asks anyone but the user). */
export interface ObtainOptions extends RefreshOptions {
	readonly caller: TokenCaller;
}

/** For `resolveApp`'s `addApp`: the app just added, once its secrets are stored (before that there is no token to get). */
export async function addAppWithCredentials(services: CommandServices): Promise<WechatApp | undefined> {
	const added = await addAppFlow(services);
	return added?.credentialsStored ? added.app : undefined;
}

/**
 * A valid token for an app already chosen, the way Get (or, with `refresh`, Refresh) obtains it (`TokenUseCase`): the
 * user asked what only they may decide (missing secrets, the classic opt-in, a stable force), then a fresh cached
 * token reused, else fetched under a cancellable progress notification (where a classic request asks first, unless
 * the user started it and none went out in the last 5 minutes). `undefined` when the user backed out of a question.
 */
export async function obtainToken(
	services: CommandServices,
	app: WechatApp,
	refresh: boolean,
	options: ObtainOptions,
): Promise<AccessToken | undefined> {
	let answers: TokenAnswers = options.stableRefresh === 'normal' ? { stableRefresh: 'normal' } : {};
	for (;;) {
		const step = await services.tokens.prepare({ app, refresh, caller: options.caller, answers });
		if (step.kind === 'obtain') {
			const title = vscode.l10n.t({
				message: 'Getting the access token of “{0}”…',
				args: [app.name],
				comment: ['{0} is the app name'],
			});
			return step.cached ? step.obtain() : withCancellableProgress(title, step.obtain);
		}
		const answer = await askUser(services, app, step.question);
		if (answer === undefined) {
			return undefined;
		}
		answers = { ...answers, ...answer };
	}
}

/** The user's answer to a question of the use case; `undefined` when they backed out. */
async function askUser(
	services: CommandServices,
	app: WechatApp,
	question: TokenQuestion,
): Promise<TokenAnswers | undefined> {
	switch (question.kind) {
		case 'missing-secrets':
			// Stored by the flow; the next round reads them.
			return (await enterCredentials(services, app)) ? {} : undefined;
		case 'classic-consent':
			return (await askClassicConsent(app)) ? { classicConsent: 'allow' } : undefined;
		case 'stable-force': {
			const choice = await askStableRefresh(app);
			return choice === undefined ? undefined : { stableRefresh: choice };
		}
	}
}

/** Puts the raw token on the clipboard and says which app's it is and how long it has left. */
export async function copyToken(app: WechatApp, token: AccessToken): Promise<void> {
	await vscode.env.clipboard.writeText(token.accessToken);
	void showInformationMessage(
		vscode.l10n.t({
			message: 'Copied the access token of “{0}”. It expires in {1}, at {2}.',
			args: [app.name, ...expiresInAndAt(token.expiresAt, Date.now(), vscode.l10n, vscode.env.language)],
			comment: ['{0} is the app name, {1} a duration such as 1h 59m, {2} a time of day'],
		}),
	);
}

/** WeChat's classic endpoint kills the token other servers use: only after the user opted in for this app. */
async function askClassicConsent(app: WechatApp): Promise<boolean> {
	const allow = vscode.l10n.t('Allow for This App');
	const choice = await showWarningMessage(
		vscode.l10n.t({
			message: 'Use WeChat’s classic token endpoint for “{0}”?',
			args: [app.name],
			comment: ['{0} is the app name'],
		}),
		{
			modal: true,
			detail: vscode.l10n.t(
				'Every token it issues invalidates the token your servers use for this AppID about 5 minutes later, and it counts against a daily quota. Prefer the stable token or Authing for apps in production. You are asked once per app.',
			),
		},
		allow,
	);
	return choice === allow;
}

/** A stable token is only forced after the user read what it costs; the default asks WeChat normally. */
async function askStableRefresh(app: WechatApp): Promise<'normal' | 'force' | undefined> {
	const normal = vscode.l10n.t('Get Current Token');
	const force = vscode.l10n.t('Force New Token');
	const choice = await showWarningMessage(
		vscode.l10n.t({
			message: 'Force WeChat to issue a new token for “{0}”?',
			args: [app.name],
			comment: ['{0} is the app name'],
		}),
		{
			modal: true,
			detail: vscode.l10n.t(
				'Without forcing, WeChat returns the token in force, which it renews by itself 5 minutes before it expires. Forcing invalidates the current token at once for every server that uses it, and is allowed 20 times a day, at least 30 seconds apart.',
			),
		},
		normal,
		force,
	);
	return choice === force ? 'force' : choice === normal ? 'normal' : undefined;
}
