import type {
	AccessTokenErrorCode,
	AccessTokenInfo,
	GetAccessTokenOptions,
	WechatAccessTokenApi,
} from '../../api/wechatAccessTokenApi';
import type { ActiveApp } from '../tokens/activeApp';
import type { WechatApp } from '../config/appConfig';
import { ClassicMintDeclinedError, CredentialError } from '../errors/appErrors';
import { failureApiCode, presentError } from '../errors/errorMessages';
import { isKnownFailure } from '../errors/knownFailure';
import type { Localizer } from '../ports/localizer';
import type { Log } from '../ports/log';
import type { TokenService } from '../tokens/tokenService';
import type { TokenQuestion, TokenUseCase } from '../tokens/tokenUseCase';
import { sameAppName } from '../config/validation';
import { inertText } from '../presentation/inertText';

export interface AccessTokenApiDeps {
	readonly service: Pick<TokenService, 'getApps'>;
	/** Get and Refresh as the commands run them; the API answers the use case's questions by refusing. */
	readonly tokens: Pick<TokenUseCase, 'prepare'>;
	readonly activeApp: Pick<ActiveApp, 'state'>;
	readonly l10n: Localizer;
	readonly log: Log;
	/** The request timeout setting, named in a timeout's message. */
	readonly timeoutSeconds: () => number;
}

/**
 * What the API rejects with: a stable `code` for the caller's code, a localized message for its user. The message
 * can quote a server and name apps from the settings, and a caller will most likely show it in a notification: it is
 * made inert there (see inertText), as the extension's own notifications are.
 */
export class AccessTokenApiError extends Error {
	override readonly name = 'AccessTokenError';

	constructor(
		readonly code: AccessTokenErrorCode,
		message: string,
		options?: { cause?: unknown },
	) {
		super(inertText(message, 'notification'), options);
	}
}

/**
 * The API other extensions get from `activate()`. Tokens come through the same service (and cache) as the commands',
 * so the sidebar and the status bar show them too, and are handed out without asking: VS Code trusts installed
 * extensions. Secrets never leave. The one question it asks is before a new classic token, which would invalidate the
 * token the user's servers use: a modal every time (the guard in the token service asks it, as the caller is
 * `extension`), and a "no" rejects with `classic-not-allowed`. An app without stored secrets, a classic app the user
 * has not allowed, or a forced classic token makes it reject without asking.
 */
/** The part of the API that hands out tokens (`healthApi.ts` is the rest). */
export type TokenApi = Pick<WechatAccessTokenApi, 'apiVersion' | 'getAccessToken' | 'getAccessTokenInfo'>;

export function createAccessTokenApi(deps: AccessTokenApiDeps): TokenApi {
	const getAccessTokenInfo = async (app?: string, options?: GetAccessTokenOptions): Promise<AccessTokenInfo> => {
		const target = resolveApiApp(deps.service, deps.activeApp, app, deps.l10n);
		// The API's `forceRefresh` skips the cache; it never makes WeChat issue a new token.
		const refresh = options?.forceRefresh === true;
		if (refresh && target.source === 'wechat') {
			throw classicRefusal(target, 'forced', deps.l10n);
		}
		// Never a stable force: only the user may make WeChat invalidate the token in force.
		const step = await deps.tokens
			.prepare({ app: target, refresh, caller: 'extension', answers: { stableRefresh: 'normal' } })
			.catch((error: unknown) => {
				throw toApiError(error, target, deps);
			});
		if (step.kind === 'ask') {
			throw refuseQuestion(step.question, target, deps);
		}
		const token = await step.obtain().catch((error: unknown) => {
			throw toApiError(error, target, deps);
		});
		deps.log.info(`Gave the token of "${target.name}" to another extension.`);
		return {
			accessToken: token.accessToken,
			expiresAt: token.expiresAt,
			appName: target.name,
			appId: target.appId,
			source: target.source,
		};
	};
	return {
		apiVersion: 1,
		getAccessTokenInfo,
		getAccessToken: async (app, options) => (await getAccessTokenInfo(app, options)).accessToken,
	};
}

/**
 * The app a caller means: by name (as the settings spell it, in any case), else by AppID when exactly one app has it.
 * Without one: the app the status bar shows (whose token was used last), else the only app.
 */
export function resolveApiApp(
	service: Pick<TokenService, 'getApps'>,
	activeApp: Pick<ActiveApp, 'state'>,
	ref: unknown,
	l10n: Localizer,
): WechatApp {
	const apps = service.getApps();
	if (ref !== undefined && typeof ref !== 'string') {
		throw new AccessTokenApiError('unknown-app', l10n.t('Name the WeChat app by its name or AppID.'));
	}
	if (ref === undefined || ref.trim() === '') {
		const chosen = activeApp.state()?.app ?? (apps.length === 1 ? apps[0] : undefined);
		if (chosen !== undefined) {
			return chosen;
		}
		throw apps.length === 0
			? new AccessTokenApiError('no-app', l10n.t('No WeChat app is configured yet.'))
			: new AccessTokenApiError(
					'ambiguous-app',
					l10n.t('Several WeChat apps are configured and none has been used yet: name the app.'),
				);
	}
	const byName = apps.find((app) => sameAppName(app.name, ref));
	if (byName !== undefined) {
		return byName;
	}
	const byAppId = apps.filter((app) => app.appId === ref.trim());
	if (byAppId.length === 1 && byAppId[0] !== undefined) {
		return byAppId[0];
	}
	if (byAppId.length > 1) {
		throw new AccessTokenApiError(
			'ambiguous-app',
			l10n.t({
				message: 'Several WeChat apps have the AppID {0}: name the app instead.',
				args: [ref.trim()],
				comment: ['{0} is a WeChat AppID'],
			}),
		);
	}
	throw new AccessTokenApiError(
		'unknown-app',
		l10n.t({
			message: 'No WeChat app in the settings is named “{0}” or has that AppID.',
			args: [ref],
			comment: ['{0} is the app name or AppID asked for'],
		}),
	);
}

/**
 * The API asks the user nothing the commands would ask (only the classic mint guard's modal, see above): a question
 * of the use case is a refusal naming what the user must do first.
 */
function refuseQuestion(question: TokenQuestion, app: WechatApp, deps: AccessTokenApiDeps): AccessTokenApiError {
	switch (question.kind) {
		case 'missing-secrets':
			return toApiError(
				new CredentialError(
					'credentials-missing',
					`No ${question.fields.join(', ')} stored for "${app.name}" at ${app.host}.`,
					[...question.fields],
				),
				app,
				deps,
			);
		case 'classic-consent':
			return classicRefusal(app, 'not-allowed', deps.l10n);
		case 'stable-force':
			// Answered up front (`normal`): the API never forces a stable token.
			throw new Error('The API answered the stable refresh question before asking.');
	}
}

/**
 * Classic tokens invalidate the one the user's servers use: only for apps the user allowed it for, and never a forced
 * one. A new one once the cached token is inside the refresh margin is the user's to allow, in the modal.
 */
function classicRefusal(app: WechatApp, why: 'not-allowed' | 'forced', l10n: Localizer): AccessTokenApiError {
	return new AccessTokenApiError(
		'classic-not-allowed',
		why === 'not-allowed'
			? l10n.t({
					message:
						'“{0}” uses WeChat’s classic token endpoint, which is only called after you allow it: run “Get WeChat Access Token” for it once.',
					args: [app.name],
					comment: ['{0} is the app name'],
				})
			: l10n.t({
					message:
						'“{0}” uses WeChat’s classic token endpoint: another extension cannot force a new token, because it would invalidate the token your servers use.',
					args: [app.name],
					comment: ['{0} is the app name'],
				}),
	);
}

/** The failure as the API reports it: the code from the failure table (errorMessages.ts), the UI's message. */
export function toApiError(
	error: unknown,
	app: WechatApp,
	deps: Pick<AccessTokenApiDeps, 'l10n' | 'log' | 'timeoutSeconds'>,
): AccessTokenApiError {
	if (ClassicMintDeclinedError.is(error)) {
		return new AccessTokenApiError(
			'classic-not-allowed',
			deps.l10n.t({
				message: '“{0}”: you declined a new token from WeChat’s classic endpoint, so none was requested.',
				args: [app.name],
				comment: ['{0} is the app name'],
			}),
			{ cause: error },
		);
	}
	if (!isKnownFailure(error)) {
		deps.log.error(
			error instanceof Error ? error : new Error(`The API failed for "${app.name}": ${String(error)}`),
		);
	}
	const code = failureApiCode(error);
	const context = { appName: app.name, host: app.host, source: app.source, timeoutSeconds: deps.timeoutSeconds() };
	const message = presentError(error, context, deps.l10n)?.message ?? deps.l10n.t('Cancelled.');
	return new AccessTokenApiError(code, message, { cause: error });
}
