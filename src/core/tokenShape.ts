import { TokenError } from './errors';
import type { AccessToken, TokenSourceKind } from './tokenTypes';

/**
 * What a token may be made of, checked before anyone uses it. A token goes where text turns into commands: a shell
 * through `${command:wechatAccessToken.token}` in a task, a terminal's environment, a `curl` line from Copy As…, a
 * header. A server that is wrong, or not what it claims to be, must not get a space, a line break, a control character
 * or `$(…)` in there: such an answer is a bad response, and its value is never shown. Nor may a token start with
 * anything but a letter or a digit: a value starting with `-` passed as `${command:…}` to a program becomes an option.
 */
interface TokenShape {
	readonly pattern: RegExp;
	/** One character that may appear somewhere in the token, to name the first one that may not. */
	readonly character: RegExp;
	readonly kind: string;
}

/** WeChat's access tokens: letters, digits, `_` and `-` (e.g. `86_…`). Authing's routes hand out WeChat's token. */
const WECHAT_TOKEN: TokenShape = {
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
	character: /^[A-Za-z0-9_-]$/,
	kind: 'WeChat access token',
};

/**
 * RFC 6750 §2.1 `b64token`, what a bearer token may be: letters, digits and `-._~+/`, then `=` padding; for a team's
 * server, which may hand out a token of its own kind. None of these is a shell metacharacter (`~` is expanded only at
 * the start of a word, and a token starts with a letter or a digit).
 */
const BEARER_TOKEN: TokenShape = {
	pattern: /^[A-Za-z0-9][A-Za-z0-9\-._~+/]*=*$/,
	character: /^[A-Za-z0-9\-._~+/=]$/,
	kind: 'bearer token (RFC 6750)',
};

const SHAPE_BY_SOURCE: { readonly [K in TokenSourceKind]: TokenShape } = {
	authing: WECHAT_TOKEN,
	'authing-management': WECHAT_TOKEN,
	'wechat-stable': WECHAT_TOKEN,
	wechat: WECHAT_TOKEN,
	custom: BEARER_TOKEN,
};

/** Whether `value` has the shape of a bearer token (RFC 6750 `b64token`), as a JWT has. */
export function isBearerToken(value: string): boolean {
	return BEARER_TOKEN.pattern.test(value);
}

/** Whether `value` has the shape of the tokens `source` hands out. */
export function hasTokenShape(value: string, source: TokenSourceKind): boolean {
	return SHAPE_BY_SOURCE[source].pattern.test(value);
}

/** The token as it came, when its characters are a token's; else a `bad-response` naming the character, not the value. */
export function checkTokenShape(token: AccessToken): AccessToken {
	const shape = SHAPE_BY_SOURCE[token.source];
	if (shape.pattern.test(token.accessToken)) {
		return token;
	}
	throw new TokenError(
		'bad-response',
		`The access token in the answer has ${offendingCharacter(token.accessToken, shape)}, which no ${shape.kind} has; it was not used.`,
	);
}

/**
 * The first character that may not be there, as a code point (printable ASCII also as itself); or a first character
 * that is not a letter or a digit; or a misplaced `=`.
 */
function offendingCharacter(value: string, shape: TokenShape): string {
	const bad = Array.from(value).find((character) => !shape.character.test(character));
	if (bad !== undefined) {
		return `the character ${describeCharacter(bad)}`;
	}
	if (value === '') {
		return 'no characters';
	}
	const first = value.charAt(0);
	return /^[A-Za-z0-9]$/.test(first) ? 'a “=” before its end' : `${describeCharacter(first)} as its first character`;
}

function describeCharacter(character: string): string {
	const codePoint = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
	return /^[\x21-\x7e]$/.test(character) ? `“${character}” (${codePoint})` : codePoint;
}
