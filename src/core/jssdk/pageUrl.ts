/**
 * The page URL a JS-SDK signature is made for, from what the user pasted (PROTOCOLS.md §7). WeChat signs the page's
 * `location.href.split('#')[0]` character for character, so the text is kept as typed: `new URL` only judges it,
 * and its serialization (which adds a `/`, lower-cases the host, escapes spaces) is never what gets signed.
 */
export type PageUrl =
	| {
			readonly ok: true;
			/** The text to sign: the trimmed input before its first `#`. */
			readonly url: string;
			/** What was cut off, `#` included (`#/home`); undefined when there was no `#`. */
			readonly fragmentRemoved: string | undefined;
			/** The whole URL looks percent-encoded (`https%3A%2F%2F…`): no page has that as its address. */
			readonly looksEncoded: boolean;
			/** When `looksEncoded`: the text decoded once, the address the page most likely has. */
			readonly decoded: string | undefined;
	  }
	| { readonly ok: false; readonly problem: PageUrlProblem };

/**
 * `empty`: nothing but whitespace (or only a fragment). `not-absolute`: a path, a bare host or `host:port` without a
 * scheme. `not-http`: an absolute URL of another scheme (`file:`, `ftp:`, `javascript:`): JS-SDK pages are web pages.
 */
export type PageUrlProblem = 'empty' | 'not-absolute' | 'not-http';

/** `http%3A` / `https%3A%2F%2F` at the start: the whole address went through `encodeURIComponent`. */
const ENCODED_SCHEME = /^https?%3A/i;
/** Scheme and host, up to the first `/`, `?` or `#` of the path. */
const SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
/** An escaped `/` or `:` where only a host can be: the path or the port went through an encoder. */
const ESCAPED_SEPARATOR = /%2F|%3A/i;

export function preparePageUrl(input: string): PageUrl {
	const text = input.trim();
	const hash = text.indexOf('#');
	const url = hash < 0 ? text : text.slice(0, hash);
	const fragmentRemoved = hash < 0 ? undefined : text.slice(hash);
	if (url === '') {
		return { ok: false, problem: 'empty' };
	}
	const looksEncoded = ENCODED_SCHEME.test(url) || ESCAPED_SEPARATOR.test(SCHEME_AND_HOST.exec(url)?.[0] ?? '');
	const decoded = looksEncoded ? decodeOnce(url) : undefined;
	const problem = addressProblem(decoded ?? url);
	if (problem !== undefined) {
		return { ok: false, problem };
	}
	return { ok: true, url, fragmentRemoved, looksEncoded, decoded };
}

/** Why `text` is not an absolute http(s) address a browser could show, or undefined when it is one. */
function addressProblem(text: string): PageUrlProblem | undefined {
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
	// `example.com:8080/x` and `localhost:3000` parse as URLs of scheme `example.com` / `localhost`: they lack one.
	if (scheme === undefined || scheme.includes('.') || /^[a-z][a-z0-9+.-]*:\d/i.test(text)) {
		return 'not-absolute';
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return /^https?$/i.test(scheme) ? 'not-absolute' : 'not-http';
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return 'not-http';
	}
	// `http:example.com` and `https:\\host` parse (WHATWG repairs them) but are no page's `location.href`.
	return /^https?:\/\/[^/?#\\]/i.test(text) ? undefined : 'not-absolute';
}

function decodeOnce(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}
