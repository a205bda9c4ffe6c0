import { parseEndpointUrl } from './http/endpointUrl';
import { parseServiceUrl } from './http/serviceUrl';
import type { TokenSourceKind } from './tokenTypes';

/** What decides an identity: a `TokenRequest`, or an app configured in the settings. */
export interface IdentityFields {
	readonly source: TokenSourceKind;
	readonly appId: string;
	/** Every source but `custom`, whose address is its URL. */
	readonly host?: string;
	readonly authingAppId?: string;
	readonly accessKeyId?: string;
	/** `custom` only. */
	readonly custom?: { readonly url: string; readonly method?: 'GET' | 'POST'; readonly authHeader?: string };
}

/**
 * What makes two requests ask for the same token: the source, where it goes, and the ids it names. Secrets are not
 * part of it. Used as the token cache key, and by the extension to bind stored secrets to where they may be sent.
 * The host is normalized first, so `https://API.weixin.qq.com/` and `https://api.weixin.qq.com` are one identity.
 * A custom token server's identity holds its method, whole URL and auth header name: pointing the app at another URL,
 * or sending its secret in another header, makes the stored secret "missing" until it is entered or reused again.
 */
export function requestIdentity(request: IdentityFields): string {
	if (request.source === 'custom') {
		if (request.custom === undefined) {
			throw new TypeError('A custom request names no token server.');
		}
		const endpoint = parseEndpointUrl(request.custom.url, request.appId);
		const parts = [
			request.source,
			endpoint.origin,
			request.appId,
			`${request.custom.method ?? 'GET'} ${endpoint.href}`,
		];
		if (request.custom.authHeader !== undefined) {
			// Header names are case-insensitive.
			parts.push(`header:${request.custom.authHeader.toLowerCase()}`);
		}
		return parts.join('|');
	}
	if (request.host === undefined) {
		throw new TypeError(`A ${request.source} request names no host.`);
	}
	const parts = [request.source, parseServiceUrl(request.host), request.appId];
	if (request.authingAppId) {
		parts.push(`authing-app:${request.authingAppId}`);
	}
	if (request.accessKeyId) {
		parts.push(`access-key:${request.accessKeyId}`);
	}
	return parts.join('|');
}
