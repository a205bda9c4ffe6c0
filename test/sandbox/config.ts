import { SANDBOX_WECHAT_APP_2 } from './fixtures';

/** What a test (or `POST /__sandbox/config`) can tune. Defaults are the real services' numbers. */
export interface SandboxConfig {
	/** Lifetime of every WeChat access token the sandbox issues. E2E tests shorten it to see expiring tokens. */
	readonly tokenLifetimeSeconds: number;
	/** Lifetime of the JS-SDK tickets `getticket` hands out (WeChat: 7200). */
	readonly ticketLifetimeSeconds: number;
	/** Lifetime of Authing management tokens (`expires_in`). */
	readonly managementTokenLifetimeSeconds: number;
	/** Calls of the classic `/cgi-bin/token` allowed per app and day before 45009. */
	readonly classicDailyQuota: number;
	/** `stable_token` calls with `force_refresh: true` allowed per app and day before 45009. */
	readonly forceRefreshDailyQuota: number;
	/** Minimum gap between two forced refreshes of one app, else 45011. */
	readonly forceRefreshIntervalSeconds: number;
	/** When true, the Authing application route rejects calls without the user access token (apiCode 2020). */
	readonly authingRequiresUserToken: boolean;
	/**
	 * Authing answers most failures with HTTP 200 and the real status in the envelope's `statusCode`. When true, the
	 * sandbox uses the envelope's `statusCode` as the HTTP status too, the other behaviour a client must survive.
	 */
	readonly authingMirrorsHttpStatus: boolean;
	/**
	 * How Authing words a WeChat refusal in `message` (inferred: no source shows it). `json`: WeChat's answer as is,
	 * `{"errcode":40125,"errmsg":"invalid appsecret rid: …"}`, so the errcode survives. `errmsg`: the errmsg alone.
	 */
	readonly authingRelayStyle: AuthingRelayStyle;
	/**
	 * Daily limits by API path for the quota endpoint and the 45009 of the routes that enforce them, over the defaults
	 * of `wechatCalls.ts` (e.g. a tiny one, to see a quota nearly used up).
	 */
	readonly apiDailyLimits: Readonly<Record<string, number>>;
	/**
	 * How Authing and the team servers get their WeChat token: `stable` (they never invalidate anyone's), or `classic`:
	 * then they hold the token they minted until it expires, even after a classic fetch elsewhere killed it.
	 */
	readonly centralCacheLineage: 'stable' | 'classic';
	/**
	 * API paths an app may not call, by AppID: such a call answers 48001 `api unauthorized` (after the token check),
	 * as WeChat does for an API the account has no permission for. By default the second fixture app may not send
	 * customer-service messages.
	 */
	readonly unauthorizedApis: Readonly<Record<string, readonly string[]>>;
}

export type AuthingRelayStyle = 'json' | 'errmsg';

export const DEFAULT_CONFIG: SandboxConfig = {
	tokenLifetimeSeconds: 7200,
	ticketLifetimeSeconds: 7200,
	managementTokenLifetimeSeconds: 7200,
	classicDailyQuota: 2000,
	forceRefreshDailyQuota: 20,
	forceRefreshIntervalSeconds: 30,
	authingRequiresUserToken: false,
	authingMirrorsHttpStatus: false,
	authingRelayStyle: 'json',
	apiDailyLimits: {},
	centralCacheLineage: 'stable',
	unauthorizedApis: { [SANDBOX_WECHAT_APP_2.appId]: ['/cgi-bin/message/custom/send'] },
};

const NUMBER_KEYS = [
	'tokenLifetimeSeconds',
	'ticketLifetimeSeconds',
	'managementTokenLifetimeSeconds',
	'classicDailyQuota',
	'forceRefreshDailyQuota',
	'forceRefreshIntervalSeconds',
] as const;
const BOOLEAN_KEYS = ['authingRequiresUserToken', 'authingMirrorsHttpStatus'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Checks a config change that arrived as JSON over the control API. Throws on unknown keys or wrong types, so a typo
 * in an e2e test fails loudly instead of silently testing the defaults.
 */
export function parseConfigPatch(input: unknown): Partial<SandboxConfig> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new Error('config must be a JSON object');
	}
	const patch: Partial<Mutable<SandboxConfig>> = {};
	for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
		if ((NUMBER_KEYS as readonly string[]).includes(key)) {
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
				throw new Error(`${key} must be a non-negative number`);
			}
			patch[key as (typeof NUMBER_KEYS)[number]] = value;
		} else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
			if (typeof value !== 'boolean') {
				throw new Error(`${key} must be a boolean`);
			}
			patch[key as (typeof BOOLEAN_KEYS)[number]] = value;
		} else if (key === 'authingRelayStyle') {
			if (value !== 'json' && value !== 'errmsg') {
				throw new Error('authingRelayStyle must be "json" or "errmsg"');
			}
			patch.authingRelayStyle = value;
		} else if (key === 'centralCacheLineage') {
			if (value !== 'stable' && value !== 'classic') {
				throw new Error('centralCacheLineage must be "stable" or "classic"');
			}
			patch.centralCacheLineage = value;
		} else if (key === 'apiDailyLimits') {
			patch.apiDailyLimits = parseDailyLimits(value);
		} else if (key === 'unauthorizedApis') {
			patch.unauthorizedApis = parseUnauthorizedApis(value);
		} else {
			throw new Error(`unknown config key ${key}`);
		}
	}
	return patch;
}

function parseDailyLimits(value: unknown): Record<string, number> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error('apiDailyLimits must be an object of API paths to numbers');
	}
	const limits: Record<string, number> = {};
	for (const [path, limit] of Object.entries(value as Record<string, unknown>)) {
		if (!path.startsWith('/') || typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
			throw new Error(`apiDailyLimits: ${path} must be an API path with a non-negative whole number`);
		}
		limits[path] = limit;
	}
	return limits;
}

function parseUnauthorizedApis(value: unknown): Record<string, string[]> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error('unauthorizedApis must be an object of AppIDs to lists of API paths');
	}
	const apis: Record<string, string[]> = {};
	for (const [appId, paths] of Object.entries(value as Record<string, unknown>)) {
		if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string' && path.startsWith('/'))) {
			throw new Error(`unauthorizedApis: ${appId} must be a list of API paths`);
		}
		apis[appId] = paths as string[];
	}
	return apis;
}
