/** What a test (or `POST /__sandbox/config`) can tune. Defaults are the real services' numbers. */
export interface SandboxConfig {
	/** Lifetime of every WeChat access token the sandbox issues. E2E tests shorten it to see expiring tokens. */
	readonly tokenLifetimeSeconds: number;
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
}

export type AuthingRelayStyle = 'json' | 'errmsg';

export const DEFAULT_CONFIG: SandboxConfig = {
	tokenLifetimeSeconds: 7200,
	managementTokenLifetimeSeconds: 7200,
	classicDailyQuota: 2000,
	forceRefreshDailyQuota: 20,
	forceRefreshIntervalSeconds: 30,
	authingRequiresUserToken: false,
	authingMirrorsHttpStatus: false,
	authingRelayStyle: 'json',
};

const NUMBER_KEYS = [
	'tokenLifetimeSeconds',
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
		} else {
			throw new Error(`unknown config key ${key}`);
		}
	}
	return patch;
}
