import { createHash, randomInt } from 'node:crypto';

/**
 * WeChat's JS-SDK page signature (PROTOCOLS.md §7, "附录1-JS-SDK使用权限签名算法"). A page calls
 * `wx.config({appId, timestamp, nonceStr, signature})`; WeChat rebuilds string1 from the account's jsapi_ticket, that
 * nonce and timestamp and the page's `location.href.split('#')[0]`, and compares sha1 hex. Nothing here changes a
 * value: WeChat signs the page's exact text, so an escaped, trimmed or re-serialized value is a different signature.
 */
export interface JsSdkFields {
	readonly jsapiTicket: string;
	/** `nonceStr` in `wx.config`, `noncestr` in string1: the same text. */
	readonly nonceStr: string;
	/** Unix seconds; kept as the text the page sends (a number or a string in `wx.config`). */
	readonly timestamp: string | number;
	/** The page's URL without `#` and what follows, exactly as the page sees it. */
	readonly url: string;
}

/** The field names of string1, written as WeChat spells them (lower case, `noncestr` without the capital S). */
type String1Name = 'jsapi_ticket' | 'noncestr' | 'timestamp' | 'url';

/** `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`: the names sorted in ASCII order, the values raw (no URL escaping). */
export function jsSdkString1(fields: JsSdkFields): string {
	const pairs: readonly (readonly [String1Name, string])[] = [
		['noncestr', fields.nonceStr],
		['jsapi_ticket', fields.jsapiTicket],
		['timestamp', String(fields.timestamp)],
		['url', fields.url],
	];
	return [...pairs]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => `${name}=${value}`)
		.join('&');
}

/** The signature `wx.config` must carry: lower-case sha1 hex of string1 (its UTF-8 bytes). */
export function signJsSdk(fields: JsSdkFields): string {
	return sha1Hex(jsSdkString1(fields));
}

/** sha1 hex of any text, for the variants a diagnosis tries (string1 built by another rule). */
export function sha1Hex(text: string): string {
	return createHash('sha1').update(text, 'utf8').digest('hex');
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const NONCE_LENGTH = 16;

/**
 * A fresh nonce like WeChat's example (`Wm3WZYTPz0wzccnW`): letters and digits only, so it survives any page,
 * template or URL unchanged. `randomInt` draws without the modulo bias of a byte taken modulo 62.
 */
export function makeNonce(): string {
	let nonce = '';
	for (let index = 0; index < NONCE_LENGTH; index += 1) {
		nonce += NONCE_ALPHABET.charAt(randomInt(NONCE_ALPHABET.length));
	}
	return nonce;
}

/** WeChat's timestamps are Unix seconds; a clock gives milliseconds, and signing those is a classic failure. */
export function unixSeconds(nowMs: number): number {
	return Math.floor(nowMs / 1000);
}
