import type { JsonPath } from './jsonPath';

/** The places a WeChat access token can come from. See ../shared/PROTOCOLS.md for the wire facts of each. */
export const TOKEN_SOURCES = ['authing', 'authing-management', 'wechat-stable', 'wechat', 'custom'] as const;
export type TokenSourceKind = (typeof TOKEN_SOURCES)[number];

export function isTokenSourceKind(value: unknown): value is TokenSourceKind {
	return typeof value === 'string' && (TOKEN_SOURCES as readonly string[]).includes(value);
}

/** A token as every source returns it. Times are milliseconds since the epoch, on this machine's clock. */
/** What the token cache keeps: a value that stops working at `expiresAt` (a token, a JS-SDK ticket). */
export interface Expiring {
	/** When the value stops working, corrected for the server's clock skew. */
	readonly expiresAt: number;
	readonly fetchedAt: number;
}

export interface AccessToken {
	readonly accessToken: string;
	/** When the token stops working, corrected for the server's clock skew. */
	readonly expiresAt: number;
	readonly source: TokenSourceKind;
	readonly fetchedAt: number;
}

/** The WeChat app's own credentials: the Authing and WeChat sources send them (Authing relays them to WeChat). */
export interface WechatCredentials {
	readonly appId: string;
	readonly appSecret: string;
}

/** Authing/GenAuth application route (`AuthenticationClient.getWechatMpAccessTokenInfo`). */
export interface AuthingRequest extends WechatCredentials {
	readonly source: 'authing';
	/** The Authing application's own domain, e.g. `https://example.authing.cn`. */
	readonly host: string;
	readonly authingAppId: string;
	/** An Authing user's access token, for applications that require a logged-in user. */
	readonly userAccessToken?: string;
}

export type ManagementAuthScheme = 'management-token' | 'signature';

/** Authing/GenAuth management route (`ManagementClient.getWechatMpAccessTokenInfo`). */
export interface AuthingManagementRequest extends WechatCredentials {
	readonly source: 'authing-management';
	readonly host: string;
	readonly accessKeyId: string;
	readonly accessKeySecret: string;
	/** Defaults to `management-token`, the scheme of the Java, Python and Go SDKs. */
	readonly scheme?: ManagementAuthScheme;
}

/** WeChat's `stable_token`: the team-safe direct route. */
export interface WechatStableRequest extends WechatCredentials {
	readonly source: 'wechat-stable';
	readonly host: string;
	/**
	 * Sends WeChat's `force_refresh: true`: WeChat issues a new token, invalidating the one in force for everyone;
	 * limited to 20 a day. Only when the user explicitly asked.
	 */
	readonly forceNewStableToken?: boolean;
}

/** WeChat's classic `/cgi-bin/token`: every call kills the token other servers are using. */
export interface WechatClassicRequest extends WechatCredentials {
	readonly source: 'wechat';
	readonly host: string;
	/** The caller must say, in code, that the user accepted that this invalidates other servers' tokens. */
	readonly invalidatesOtherTokensAcknowledged: boolean;
}

/** Where a custom token server's answer keeps the expiry: seconds from now, or an instant (Unix s/ms or ISO 8601). */
export type CustomExpiryField =
	{ readonly kind: 'expires-in'; readonly path: JsonPath } | { readonly kind: 'expires-at'; readonly path: JsonPath };

/** When a custom token server's answer counts as a success: the value at `path` equals `equals` (or is absent). */
export interface SuccessRule {
	readonly path: JsonPath;
	readonly equals: string | number | boolean;
	/** A missing (or null) value counts as success too: WeChat's own answers carry no `errcode` on success. */
	readonly orAbsent?: boolean;
}

/** How to ask a team's own token server, and how to read its answer. Paths come parsed (`parseJsonPath`). */
export interface CustomEndpoint {
	/** https (http only to 127.0.0.1 or localhost), query allowed; `${appId}` is the only placeholder, URL-encoded when filled in. */
	readonly url: string;
	readonly method: 'GET' | 'POST';
	/** POST only: sent as JSON, with `${appId}` filled into its string values. */
	readonly body?: Readonly<Record<string, unknown>>;
	/** The name of the header that carries `CustomRequest.authHeaderValue`. */
	readonly authHeader?: string;
	readonly tokenPath: JsonPath;
	readonly expiry: CustomExpiryField;
	readonly success: SuccessRule;
}

/**
 * A team's own token server, which holds the central token for its servers. It needs no AppSecret on this machine:
 * at most the value of one auth header.
 */
export interface CustomRequest {
	readonly source: 'custom';
	readonly appId: string;
	readonly custom: CustomEndpoint;
	/** A secret, e.g. `Bearer …`: sent only in the `custom.authHeader` header, never logged. */
	readonly authHeaderValue?: string;
}

export type TokenRequest =
	AuthingRequest | AuthingManagementRequest | WechatStableRequest | WechatClassicRequest | CustomRequest;

export interface FetchOptions {
	readonly signal?: AbortSignal;
}

/** One source of tokens. Every source implements this, so callers never branch on the source themselves. */
export interface TokenSource<R extends TokenRequest = TokenRequest> {
	readonly kind: R['source'];
	fetch(request: R, options?: FetchOptions): Promise<AccessToken>;
}

/** Time, injectable so tests can move it. `Date` satisfies `now`; Node's timers satisfy the rest. */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
