/**
 * An access token written into a request file's header or body: `access_token=…` (a URL pasted into a header or a
 * form-style body) or `"access_token": "…"` (JSON). Only a value that looks like a real token counts, so WeChat's own
 * placeholder `ACCESS_TOKEN` and template variables (`{{token}}`) are left alone: a real token is long and mixes
 * letters with digits (`86_nGsj…`).
 */
export interface LiteralTokenMatch {
	/** Where the token's value starts and ends on the line (the quotes of a JSON string excluded). */
	readonly start: number;
	readonly end: number;
}

const MIN_TOKEN_LENGTH = 20;
/** The characters of a token, URL-encoded or not. */
const TOKEN_CHARS = '[A-Za-z0-9_\\-.~%*]';
/** `access_token=VALUE`, not inside a longer name (`my_access_token=`). */
const QUERY_FORM = new RegExp(`(?<![A-Za-z0-9_])access_token=(${TOKEN_CHARS}+)`, 'gi');
/** `"access_token": "VALUE"`. */
const JSON_FORM = new RegExp(`"access_token"\\s*:\\s*"(${TOKEN_CHARS}+)"`, 'gi');

/** Every token-like `access_token` value on one line, left to right, never overlapping. */
export function findLiteralTokens(line: string): LiteralTokenMatch[] {
	const matches: LiteralTokenMatch[] = [];
	for (const pattern of [QUERY_FORM, JSON_FORM]) {
		for (const match of line.matchAll(pattern)) {
			const value = match[1] ?? '';
			if (looksLikeToken(value)) {
				const end = (match.index ?? 0) + match[0].length - (pattern === JSON_FORM ? 1 : 0);
				matches.push({ start: end - value.length, end });
			}
		}
	}
	return matches.sort((a, b) => a.start - b.start);
}

/** Long enough, and letters mixed with digits: a real token, not a placeholder such as `YOUR_ACCESS_TOKEN`. */
export function looksLikeToken(value: string): boolean {
	return value.length >= MIN_TOKEN_LENGTH && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}
