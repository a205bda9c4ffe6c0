/**
 * The API the WeChat Access Token extension (`wechat-access-token.wechat-access-token`) returns from `activate()`.
 *
 * This file depends on nothing: copy it into your extension and use it like this.
 *
 * ```ts
 * import * as vscode from 'vscode';
 * import type { WechatAccessTokenApi } from './wechatAccessTokenApi';
 *
 * const extension = vscode.extensions.getExtension<WechatAccessTokenApi>('wechat-access-token.wechat-access-token');
 * const api = extension && (extension.isActive ? extension.exports : await extension.activate());
 * const token = await api?.getAccessToken('Shop');
 * ```
 *
 * Calls hand out tokens (never secrets) without asking the user, as VS Code lets installed extensions do: a cached
 * token, or a new one from Authing, WeChat's stable_token or a custom token server, none of which invalidates a token
 * in use. The exception is an app of the classic `wechat` source: there every new token invalidates the one your
 * servers use about 5 minutes later, so when the cached token is missing or inside the refresh margin the call shows
 * the user a modal dialog naming "another extension", every time, and waits for the answer. A "no" rejects with
 * `classic-not-allowed` and nothing is requested. A cached classic token that is still fresh is handed out without
 * asking.
 *
 * When no token can be had calls reject with an `Error` whose `code` is one of `ACCESS_TOKEN_ERROR_CODES` and whose
 * `message` is a localized sentence for the user, without secrets. Do not retry `classic-not-allowed` by yourself:
 * the user said no, or has to allow the classic endpoint in VS Code first.
 */
export interface WechatAccessTokenApi {
	/** 1 for this shape; a change that breaks callers comes with a new number. */
	readonly apiVersion: 1;

	/**
	 * A valid access token for the app, fetched if the cached one is missing or close to its expiry (for a classic
	 * `wechat` app only after the user said yes in a modal dialog).
	 *
	 * @param app The app's name in the `wechatAccessToken.apps` setting, or its AppID (when only one app has it).
	 * Omitted: the app the status bar shows, else the only app configured.
	 */
	getAccessToken(app?: string, options?: GetAccessTokenOptions): Promise<string>;

	/** The same token with when it expires and which app it belongs to. */
	getAccessTokenInfo(app?: string, options?: GetAccessTokenOptions): Promise<AccessTokenInfo>;

	/**
	 * Whether WeChat still accepts the app's current token (obtained as `getAccessToken` obtains it), asked with
	 * WeChat's cheapest call that needs one (`/cgi-bin/get_api_domain_ip`, no side effects). A dead token (40001,
	 * 40014, 42001) resolves with `works: false`; the sidebar and the status bar then show it as refused. Nothing is
	 * fetched to replace it.
	 */
	checkToken(app?: string): Promise<TokenCheckInfo>;

	/**
	 * An API's daily quota for the app (`/cgi-bin/openapi/quota/get`, read-only).
	 *
	 * @param path The API path alone, e.g. `/cgi-bin/message/custom/send` (no host, no query): else `invalid-path`.
	 */
	getQuota(app: string | undefined, path: string): Promise<ApiQuotaInfo>;

	/**
	 * What WeChat recorded of a failed call of the app, by its rid (`/cgi-bin/openapi/rid/get`). Access tokens in the
	 * recorded URL and body are masked and secrets blanked. Only the app that made the call can look it up, for about
	 * 7 days: otherwise `wechat-refused` (76001).
	 *
	 * @param rid The rid, or a text holding `rid: …` (WeChat's errmsg): else `invalid-rid`.
	 */
	explainRid(app: string | undefined, rid: string): Promise<RidInfo>;

	/**
	 * The app's JS-SDK ticket (`/cgi-bin/ticket/getticket`), cached like tokens: shared with the extension's own
	 * commands and every window, fetched (with the token `getAccessToken` would give) only when no fresh one is held.
	 * Treat it like a token: never log it.
	 *
	 * @param type `jsapi` (default) for `wx.config`, or `wx_card`: else `invalid-ticket-type`.
	 */
	getJsapiTicket(app?: string, type?: 'jsapi' | 'wx_card'): Promise<JsapiTicketInfo>;

	/**
	 * The values a page's `wx.config` needs, signed with the app's `jsapi` ticket (WeChat's JS-SDK signature): a new
	 * nonce, the time in Unix seconds, and the URL without its `#` part.
	 *
	 * @param url The page's URL as it shows in `location.href`, absolute http(s): else `invalid-url`.
	 */
	signJsSdkPage(app: string | undefined, url: string): Promise<JsSdkPageSignature>;
}

export interface JsapiTicketInfo {
	readonly appName: string;
	readonly type: 'jsapi' | 'wx_card';
	readonly ticket: string;
	/** When the ticket stops working, in milliseconds since the epoch. */
	readonly expiresAt: number;
}

/** What `wx.config({ appId, timestamp, nonceStr, signature, jsApiList })` takes, and the URL it was signed for. */
export interface JsSdkPageSignature {
	readonly appName: string;
	readonly appId: string;
	/** The URL signed: the one given, without its `#` part. */
	readonly url: string;
	/** Unix seconds. */
	readonly timestamp: number;
	readonly nonceStr: string;
	readonly signature: string;
	/** The `#…` part removed from the URL given, if it had one. */
	readonly fragmentRemoved?: string;
}

export interface TokenCheckInfo {
	readonly appName: string;
	readonly works: boolean;
	/** When WeChat answered, in milliseconds since the epoch. */
	readonly checkedAt: number;
	/** WeChat's errcode and errmsg when the token no longer works. */
	readonly errcode?: number;
	readonly errmsg?: string;
}

export interface ApiQuotaInfo {
	readonly appName: string;
	readonly path: string;
	readonly dailyLimit: number;
	readonly used: number;
	readonly remain: number;
	/** A per-interval limit, when WeChat reports one for the path. */
	readonly rateLimit?: { readonly callCount: number; readonly refreshSeconds: number };
	readonly checkedAt: number;
}

export interface RidInfo {
	readonly appName: string;
	readonly rid: string;
	/** When the call was made, in milliseconds since the epoch. */
	readonly invokedAt: number;
	readonly costMs: number;
	/** The URL called, with any access token masked. */
	readonly requestUrl: string;
	/** The body sent, with tokens masked and secrets blanked. */
	readonly requestBody: string;
	readonly responseBody: string;
	/** The caller's IP as WeChat saw it. */
	readonly clientIp: string;
}

export interface GetAccessTokenOptions {
	/**
	 * Skip the extension's cache and ask the token's source again. Authing and WeChat's stable_token then return the
	 * token in force (it never invalidates anything). Refused (`classic-not-allowed`, without asking) for apps of the
	 * classic `wechat` source, where a new token would invalidate the one your servers use.
	 */
	readonly forceRefresh?: boolean;
}

export interface AccessTokenInfo {
	readonly accessToken: string;
	/** When the token stops working, in milliseconds since the epoch. */
	readonly expiresAt: number;
	readonly appName: string;
	readonly appId: string;
	/** The app's `source` setting: `authing`, `authing-management`, `wechat-stable`, `wechat` or `custom`. */
	readonly source: string;
}

/** Why a call was rejected: the `code` of the error. */
export const ACCESS_TOKEN_ERROR_CODES = [
	// Which app: none configured, none with that name or AppID, or several and nothing says which.
	'no-app',
	'unknown-app',
	'ambiguous-app',
	// What the user has to do in VS Code first.
	'credentials-missing',
	'secret-storage-unavailable',
	// A classic `wechat` app: the user has not allowed the classic endpoint for it, declined the new token in the
	// dialog, or a forced refresh was asked for.
	'classic-not-allowed',
	// What the token's source answered, or why it could not be reached.
	'invalid-app-id',
	'invalid-app-secret',
	'ip-not-whitelisted',
	'ip-awaiting-confirmation',
	'ip-refused',
	'quota-exceeded',
	'rate-limited',
	'frozen',
	'app-not-found',
	'unauthorized',
	'server-error',
	'rejected',
	'network',
	'timeout',
	'cancelled',
	'bad-response',
	'redirect-refused',
	'invalid-host',
	// The user forced a new stable token and the answer was lost (a call that joined it shares its outcome): WeChat may
	// have issued a new one. Asking again without forcing returns the token in force.
	'force-refresh-unconfirmed',
	// Token health: WeChat refused the call for a reason of its own (48001, 76001…: WeChat's words in the message),
	// or the API path or rid given cannot be one.
	'wechat-refused',
	'invalid-path',
	'invalid-rid',
	// JS-SDK: a ticket type other than `jsapi` or `wx_card`, or a page URL that is not absolute http(s).
	'invalid-ticket-type',
	'invalid-url',
	// Anything else; the extension's log has the details.
	'unexpected',
] as const;

export type AccessTokenErrorCode = (typeof ACCESS_TOKEN_ERROR_CODES)[number];

/** What the API's promises reject with. Check `code`, never the message (it is localized). */
export interface AccessTokenError extends Error {
	readonly code: AccessTokenErrorCode;
}
