import { invalidHost, parseCheckedUrl } from './serviceUrl';

/** The only placeholder a custom token server's URL (and body) may hold. */
export const APP_ID_PLACEHOLDER = '${appId}';

/** A custom token server's URL, checked, with the AppID filled in. */
export interface Endpoint {
	/** Where the request goes, e.g. `https://tokens.example.com`: what messages name, and the app's host. */
	readonly origin: string;
	/** Path and query, already encoded: appended to the origin as they are. */
	readonly pathAndQuery: string;
	/** The whole normalized URL. */
	readonly href: string;
}

/**
 * Fills `${appId}` into a custom token server's URL (URL-encoded) and validates the result by the rules for every
 * address credentials go to (`parseServiceUrl`), except that a query is allowed, since the AppID often travels in one:
 * https, or http to 127.0.0.1 or localhost only; no user info, backslash, fragment or "." / ".." path segments.
 * Throws `invalid-host`.
 */
export function parseEndpointUrl(template: string, appId: string): Endpoint {
	const unknown = /\$\{(?!appId\})[^}]*\}?/.exec(template)?.[0];
	if (unknown !== undefined) {
		throw invalidHost(template, `${unknown} is not a placeholder; only ${APP_ID_PLACEHOLDER} is`);
	}
	const url = parseCheckedUrl(template.split(APP_ID_PLACEHOLDER).join(encodeURIComponent(appId)), {
		allowQuery: true,
	});
	return { origin: url.origin, pathAndQuery: `${url.pathname}${url.search}`, href: url.href };
}
