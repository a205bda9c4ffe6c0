import { TokenError } from '../errors';
import { DIRECT_HOSTNAMES_TEXT, isDirectHostname } from './directHosts';

/**
 * Validates a configured host before anything is sent to it. Credentials travel in every request, so:
 * `https` is required except for this machine by a name no proxy is ever asked about (`isDirectHostname`: the
 * sandbox server), and a host must not carry user info, a query, a fragment or a path that climbs out of its base
 * ("..", also percent-encoded).
 * Returns the normalized base URL without a trailing slash.
 */
export function parseServiceUrl(host: string): string {
	const url = parseCheckedUrl(host, { allowQuery: false });
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The checks of `parseServiceUrl`, shared with custom token server URLs (`parseEndpointUrl`), which may carry a
 * query. Throws `invalid-host`; returns the parsed URL.
 */
export function parseCheckedUrl(text: string, options: { readonly allowQuery: boolean }): URL {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw invalidHost(text, 'it is not a valid URL (expected e.g. https://api.weixin.qq.com)');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw invalidHost(text, `the scheme ${url.protocol} is not supported`);
	}
	if (url.protocol === 'http:' && !isDirectHostname(url.hostname)) {
		throw invalidHost(
			text,
			`plain http is only allowed to ${DIRECT_HOSTNAMES_TEXT}, which are never sent through a proxy; use https`,
		);
	}
	// "@" anywhere: `https://evil.example\@api.weixin.qq.com` has no user info for the URL parser (the backslash
	// ends the host), yet reads as api.weixin.qq.com. No service address needs "@" or a backslash (found by the property
	// tests, issue 6).
	if (url.username || url.password || text.includes('@')) {
		throw invalidHost(text, 'it contains a user name or password');
	}
	if (text.includes('\\')) {
		throw invalidHost(text, 'it contains a backslash');
	}
	if (!options.allowQuery && (url.search || url.hash || text.includes('?') || text.includes('#'))) {
		throw invalidHost(text, 'it contains a query or fragment');
	}
	if (url.hash || text.includes('#')) {
		throw invalidHost(text, 'it contains a fragment');
	}
	if (/(^|\/)\.\.?(\/|$)|%2e/i.test(rawPath(text))) {
		throw invalidHost(text, 'its path contains "." or ".." segments');
	}
	// An encoded slash or backslash is one path segment to the URL parser and may be two to the server or a proxy
	// in front of it, which could then route the credentials elsewhere on the host. No service path needs one.
	if (/%2f|%5c/i.test(rawPath(text))) {
		throw invalidHost(text, 'its path contains an encoded "/" or "\\"');
	}
	return url;
}

/** The path as typed, up to a query: `new URL` would already have resolved the ".." segments we want to refuse. */
function rawPath(host: string): string {
	const afterScheme = host
		.trim()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
		.replace(/[?#].*$/s, '');
	const slash = afterScheme.indexOf('/');
	return slash < 0 ? '' : afterScheme.slice(slash);
}

/** An `invalid-host` error that names the address without any user info in it. */
export function invalidHost(host: string, why: string): TokenError {
	// The host is echoed with any user info stripped, since that part may hold a password: everything up to the last
	// "@", with or without "//" (`https:user:pw@host` is user info too, and a password may hold "/").
	const shown = host.replace(/^(\s*[a-z][a-z0-9+.-]*:[/\\]*)?.*@/is, '$1***@');
	return new TokenError('invalid-host', `Refusing to send credentials to "${shown}": ${why}.`);
}
