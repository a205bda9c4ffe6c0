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
 * Calls never show any UI and never do anything that would invalidate a token your servers use. When no token can be
 * had they reject with an `Error` whose `code` is one of `ACCESS_TOKEN_ERROR_CODES` and whose `message` is a
 * localized sentence for the user, without secrets.
 */
export interface WechatAccessTokenApi {
	/** 1 for this shape; a change that breaks callers comes with a new number. */
	readonly apiVersion: 1;

	/**
	 * A valid access token for the app, fetched if the cached one is missing or close to its expiry.
	 *
	 * @param app The app's name in the `wechatAccessToken.apps` setting, or its AppID (when only one app has it).
	 * Omitted: the app the status bar shows, else the only app configured.
	 */
	getAccessToken(app?: string, options?: GetAccessTokenOptions): Promise<string>;

	/** The same token with when it expires and which app it belongs to. */
	getAccessTokenInfo(app?: string, options?: GetAccessTokenOptions): Promise<AccessTokenInfo>;
}

export interface GetAccessTokenOptions {
	/**
	 * Skip the extension's cache and ask the token's source again. Authing and WeChat's stable_token then return the
	 * token in force (it never invalidates anything). Refused for apps of the classic `wechat` source, where a new
	 * token would invalidate the one your servers use.
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
	// Anything else; the extension's log has the details.
	'unexpected',
] as const;

export type AccessTokenErrorCode = (typeof ACCESS_TOKEN_ERROR_CODES)[number];

/** What the API's promises reject with. Check `code`, never the message (it is localized). */
export interface AccessTokenError extends Error {
	readonly code: AccessTokenErrorCode;
}
