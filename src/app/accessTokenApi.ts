import type { AccessTokenErrorCode, AccessTokenInfo, GetAccessTokenOptions, WechatAccessTokenApi } from '../api/wechatAccessTokenApi';
import { ACCESS_TOKEN_ERROR_CODES } from '../api/wechatAccessTokenApi';
import { TokenError } from '../core/errors';
import type { WechatApp } from './appConfig';
import { CredentialError } from './appErrors';
import type { ClassicConsent } from './classicConsent';
import { presentError } from './errorMessages';
import type { Localizer } from './localizer';
import type { Log } from './log';
import type { TokenService } from './tokenService';
import { sameAppName } from './validation';

export interface AccessTokenApiDeps {
	readonly service: Pick<TokenService, 'getApps' | 'activeState' | 'get'>;
	readonly consent: Pick<ClassicConsent, 'isGranted'>;
	readonly l10n: Localizer;
	readonly log: Log;
	/** The request timeout setting, named in a timeout's message. */
	readonly timeoutSeconds: () => number;
}

/** What the API rejects with: a stable `code` for the caller's code, a localized message for its user. */
export class AccessTokenApiError extends Error {
	override readonly name = 'AccessTokenError';

	constructor(
		readonly code: AccessTokenErrorCode,
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
	}
}

/**
 * The API other extensions get from `activate()`. It never asks the user anything: an app without stored secrets,
 * a classic app the user has not allowed, or a question only the user may answer makes it reject instead. Tokens come
 * through the same service (and cache) as the commands', so the sidebar and the status bar show them too.
 */
export function createAccessTokenApi(deps: AccessTokenApiDeps): WechatAccessTokenApi {
	const getAccessTokenInfo = async (app?: string, options?: GetAccessTokenOptions): Promise<AccessTokenInfo> => {
		const target = resolveApiApp(deps.service, app, deps.l10n);
		const forceRefresh = options?.forceRefresh === true;
		refuseClassicWithoutConsent(target, forceRefresh, deps);
		// Never `forceNewStableToken`: only the user may make WeChat invalidate the token in force.
		const token = await deps.service.get(target, { forceRefresh, allowClassic: deps.consent.isGranted(target) }).catch((error: unknown) => {
			throw toApiError(error, target, deps);
		});
		deps.log.info(`Gave the token of "${target.name}" to another extension.`);
		return { accessToken: token.accessToken, expiresAt: token.expiresAt, appName: target.name, appId: target.appId, source: target.source };
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
export function resolveApiApp(service: Pick<TokenService, 'getApps' | 'activeState'>, ref: unknown, l10n: Localizer): WechatApp {
	const apps = service.getApps();
	if (ref !== undefined && typeof ref !== 'string') {
		throw new AccessTokenApiError('unknown-app', l10n.t('Name the WeChat app by its name or AppID.'));
	}
	if (ref === undefined || ref.trim() === '') {
		const chosen = service.activeState()?.app ?? (apps.length === 1 ? apps[0] : undefined);
		if (chosen !== undefined) {
			return chosen;
		}
		throw apps.length === 0
			? new AccessTokenApiError('no-app', l10n.t('No WeChat app is configured yet.'))
			: new AccessTokenApiError('ambiguous-app', l10n.t('Several WeChat apps are configured and none has been used yet: name the app.'));
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
			l10n.t({ message: 'Several WeChat apps have the AppID {0}: name the app instead.', args: [ref.trim()], comment: ['{0} is a WeChat AppID'] }),
		);
	}
	throw new AccessTokenApiError(
		'unknown-app',
		l10n.t({ message: 'No WeChat app in the settings is named “{0}” or has that AppID.', args: [ref], comment: ['{0} is the app name or AppID asked for'] }),
	);
}

/**
 * Classic tokens invalidate the one the user's servers use: only for apps the user allowed it for, and never a new one
 * on another extension's say-so (the cache keeps the allowed calls to one per token lifetime).
 */
function refuseClassicWithoutConsent(app: WechatApp, forceRefresh: boolean, deps: AccessTokenApiDeps): void {
	if (app.source !== 'wechat') {
		return;
	}
	if (!deps.consent.isGranted(app)) {
		throw new AccessTokenApiError(
			'classic-not-allowed',
			deps.l10n.t({
				message: '“{0}” uses WeChat’s classic token endpoint, which is only called after you allow it: run “Get WeChat Access Token” for it once.',
				args: [app.name],
				comment: ['{0} is the app name'],
			}),
		);
	}
	if (forceRefresh) {
		throw new AccessTokenApiError(
			'classic-not-allowed',
			deps.l10n.t({
				message: '“{0}” uses WeChat’s classic token endpoint: another extension cannot force a new token, because it would invalidate the token your servers use.',
				args: [app.name],
				comment: ['{0} is the app name'],
			}),
		);
	}
}

/** The failure as the API reports it: the reason as code (the classic refusal under the API's own name), the UI's message. */
function toApiError(error: unknown, app: WechatApp, deps: AccessTokenApiDeps): AccessTokenApiError {
	const known = TokenError.is(error) || CredentialError.is(error);
	if (!known) {
		deps.log.error(error instanceof Error ? error : new Error(`The API failed for "${app.name}": ${String(error)}`));
	}
	const reason = known ? (error.reason === 'classic-not-acknowledged' ? 'classic-not-allowed' : error.reason) : 'unexpected';
	const code = isAccessTokenErrorCode(reason) ? reason : 'unexpected';
	const context = { appName: app.name, host: app.host, source: app.source, timeoutSeconds: deps.timeoutSeconds() };
	const message = presentError(error, context, deps.l10n)?.message ?? deps.l10n.t('Cancelled.');
	return new AccessTokenApiError(code, message, { cause: error });
}

function isAccessTokenErrorCode(value: string): value is AccessTokenErrorCode {
	return (ACCESS_TOKEN_ERROR_CODES as readonly string[]).includes(value);
}
