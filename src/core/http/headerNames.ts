/** RFC 9110 `token`: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers the transport itself writes, or that decide how the message is framed or routed: an auth header of that
 * name would break the request or smuggle another one.
 */
const RESERVED = new Set([
	'host',
	'content-length',
	'content-type',
	'transfer-encoding',
	'connection',
	'keep-alive',
	'upgrade',
	'te',
	'trailer',
	'expect',
	'user-agent',
]);

/** Whether `name` can carry a custom token server's credential: a valid header name the transport does not own. */
export function isUsableAuthHeaderName(name: string): boolean {
	return HEADER_NAME.test(name) && !RESERVED.has(name.toLowerCase()) && !name.toLowerCase().startsWith('proxy-');
}

/** Visible ASCII, spaces and tabs: what a header value can carry without being rejected or split (no CR or LF). */
export function isUsableHeaderValue(value: string): boolean {
	return /^[\x20-\x7e\t]+$/.test(value);
}
