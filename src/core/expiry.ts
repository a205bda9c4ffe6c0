import { TokenError } from './errors';

/** WeChat tokens live two hours; anything beyond a day is a misread value, not a token lifetime. */
const MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Unix seconds stay below this until the year 5138; a larger value is milliseconds (PROTOCOLS.md §3, inferred). */
const MILLISECONDS_THRESHOLD = 1e11;

/**
 * Authing's `data.expiresAt`: a Unix timestamp in seconds, sent as a number by some server versions and as a
 * numeric string by others; a value above 1e11 is taken as milliseconds. Returns milliseconds on the server's clock.
 */
export function parseAuthingExpiresAt(value: unknown): number {
	const numeric = toFiniteNumber(value);
	if (numeric === undefined || numeric <= 0) {
		throw new TokenError('bad-response', `The token's expiry time ${describe(value)} is not a Unix timestamp.`);
	}
	return numeric > MILLISECONDS_THRESHOLD ? numeric : numeric * 1000;
}

/** ISO 8601 date and time with a zone: `2024-05-01T12:00:00Z`, `2024-05-01T20:00:00.000+08:00`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A custom token server's expiry instant: a Unix timestamp as `parseAuthingExpiresAt` reads it, or ISO 8601 text.
 * ISO text must name its zone: without one it would be read in this machine's zone, hours off for a server elsewhere,
 * which a plausibility check cannot catch. Returns milliseconds on the server's clock.
 */
export function parseExpiryInstant(value: unknown): number {
	if (typeof value !== 'string' || toFiniteNumber(value) !== undefined) {
		return parseAuthingExpiresAt(value);
	}
	const text = value.trim();
	const instant = ISO_INSTANT.test(text) ? Date.parse(text.replace(' ', 'T')) : Number.NaN;
	if (Number.isNaN(instant)) {
		const why = /^\d{4}-\d{2}-\d{2}[T ][\d:.]+$/.test(text)
			? 'ISO 8601 time without a time zone'
			: 'neither a Unix timestamp nor an ISO 8601 time';
		throw new TokenError('bad-response', `The token's expiry time ${describe(value)} is ${why}.`);
	}
	return instant;
}

/** WeChat's `expires_in`: seconds from now, normally 7200. Returns milliseconds. */
export function parseWechatExpiresIn(value: unknown): number {
	const numeric = toFiniteNumber(value);
	// Above ~1.8e305 s the product is Infinity, which is no lifetime either (found by the property tests, issue 6).
	if (numeric === undefined || numeric <= 0 || !Number.isFinite(numeric * 1000)) {
		throw new TokenError(
			'bad-response',
			`The token's lifetime ${describe(value)} is not a positive number of seconds.`,
		);
	}
	return numeric * 1000;
}

/** A token that is already dead, or claims to live implausibly long, is a bad response: never a bogus token. */
export function checkPlausibleExpiry(expiresAt: number, now: number): number {
	// NaN passes both comparisons below, so it is refused first (found by the property tests, issue 6).
	if (!Number.isFinite(expiresAt)) {
		throw new TokenError(
			'bad-response',
			`The server returned a token with an unreadable expiry time (${expiresAt}).`,
		);
	}
	if (expiresAt <= now) {
		throw new TokenError('bad-response', `The server returned a token that expired at ${isoTime(expiresAt)}.`);
	}
	if (expiresAt - now > MAX_LIFETIME_MS) {
		throw new TokenError(
			'bad-response',
			`The server returned a token that would live until ${isoTime(expiresAt)}, longer than any WeChat token.`,
		);
	}
	return expiresAt;
}

/**
 * `toISOString` throws a RangeError beyond ±8.64e15 ms, and a server can send such an expiry (`expiresAt: 1e20`):
 * that must stay a bad-response TokenError, so the raw number is shown instead (found by the property tests, issue 6).
 */
function isoTime(ms: number): string {
	return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms after 1970`;
}

function toFiniteNumber(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value) ? value : undefined;
	}
	if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
		// 309 digits or more is Infinity: not a time (found by the property tests, issue 6).
		const numeric = Number(value);
		return Number.isFinite(numeric) ? numeric : undefined;
	}
	return undefined;
}

function describe(value: unknown): string {
	if (value === undefined) {
		return '(missing)';
	}
	const text = JSON.stringify(value) ?? typeof value;
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
