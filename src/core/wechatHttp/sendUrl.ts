import { isAccessTokenKey } from './requestFile';
import type { QueryPair, RequestTarget } from './requestFile';

/**
 * The address a request from a `.wechat.http` file is sent to, with the app's token in the query (PROTOCOLS.md §8).
 * The token only ever goes to the app's own WeChat API host: a path is sent there, and a full URL only when its origin
 * (scheme, host and port, as a browser compares them: host case and default ports do not matter) is that host's.
 * `https://api.weixin.qq.com@evil.com/` (user info) and `https://api.weixin.qq.com.evil.com/` are other hosts.
 */
export type SendUrl =
	| {
			readonly ok: true;
			/** The address to send to: the only value that holds the token. */
			readonly url: string;
			/** The same address with `access_token=ACCESS_TOKEN` (WeChat's own placeholder), for logs and views. */
			readonly redactedUrl: string;
	  }
	| {
			readonly ok: false;
			/** A full-URL target on another origin than the app's API host. */
			readonly problem: 'other-host';
			/** The target's host (with its port when not the default). */
			readonly host: string;
			/** The target's origin: tells `http:` from `https:` when the hosts are the same. */
			readonly origin: string;
	  }
	| {
			readonly ok: false;
			/** The API base URL is not an http(s) address with a host, without user info, query or fragment. */
			readonly problem: 'bad-base-url';
	  }
	| { readonly ok: false; readonly problem: 'no-token' };

/** What `redactedUrl` shows in place of the token. */
export const TOKEN_PLACEHOLDER = 'ACCESS_TOKEN';

/**
 * `target` on `apiBaseUrl` (`https://api.weixin.qq.com`, `http://127.0.0.1:8378`; a path prefix such as a proxy's
 * `/wechat` is kept for path targets), any `access_token` of the file removed and `token` appended last.
 */
export function withAccessToken(target: RequestTarget, apiBaseUrl: string, token: string): SendUrl {
	if (token.trim() === '') {
		return { ok: false, problem: 'no-token' };
	}
	const base = parseBase(apiBaseUrl);
	if (base === undefined) {
		return { ok: false, problem: 'bad-base-url' };
	}
	if (target.kind === 'url' && target.origin !== base.origin) {
		return otherHost(target.origin);
	}
	const address =
		target.kind === 'path' ? `${base.origin}${base.pathPrefix}${target.path}` : `${target.origin}${target.path}`;
	const query = queryWithoutToken(target.query);
	const build = (value: string): string => `${address}?${[...query, `access_token=${value}`].join('&')}`;
	let url: URL;
	try {
		url = new URL(build(encodeURIComponent(token)));
	} catch {
		return { ok: false, problem: 'bad-base-url' };
	}
	// The parser already refuses what could move the host (`//`, `\`, user info): this holds even if it did not.
	if (url.origin !== base.origin) {
		return otherHost(url.origin);
	}
	return { ok: true, url: url.href, redactedUrl: new URL(build(TOKEN_PLACEHOLDER)).href };
}

/** The path and query of `target` as the file writes them for the API host, `access_token` removed. */
export function pathAndQueryOf(target: RequestTarget): string {
	const query = queryWithoutToken(target.query);
	return query.length === 0 ? target.path : `${target.path}?${query.join('&')}`;
}

function queryWithoutToken(query: readonly QueryPair[]): string[] {
	return query
		.filter(([key]) => !isAccessTokenKey(key))
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
}

function parseBase(text: string): { origin: string; pathPrefix: string } | undefined {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return undefined;
	}
	if (
		(url.protocol !== 'https:' && url.protocol !== 'http:') ||
		url.hostname === '' ||
		url.username !== '' ||
		url.password !== '' ||
		url.search !== '' ||
		url.hash !== ''
	) {
		return undefined;
	}
	return { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
}

function otherHost(origin: string): SendUrl {
	let host = origin;
	try {
		host = new URL(origin).host;
	} catch {
		// An origin the parser made is always a URL; keep it whole otherwise.
	}
	return { ok: false, problem: 'other-host', host, origin };
}
