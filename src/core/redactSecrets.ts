import { TokenError } from './errors';
import type { TokenRequest } from './tokenTypes';

/**
 * A server can echo what it was sent: a gateway that quotes the request, an Authing relay that quotes WeChat's answer.
 * Its words become the TokenError's message and `upstreamMessage`, which are logged and shown. So the secrets the
 * request carried are blanked out of every error text before the error leaves the client (found by the secret-hygiene
 * tests, issue 6).
 */

/**
 * From this length on a secret is blanked wherever it occurs, even inside a longer word: such a string does not turn
 * up in a message by chance. A shorter one (a 1-character header value is allowed) is blanked where it stands alone,
 * between characters that are not letters or digits (`key=a`, `"a"`, `a` at either end), so a secret `a` does not turn
 * "invalid appsecret" into "inv•••lid •••ppsecret". It is still never shown as itself: only the letters of other words.
 */
const WHOLE_WORD_BELOW_LENGTH = 8;
const BLANK = '•••';

/**
 * The secrets a request carries: the AppSecret, the access key secret or user access token of the Authing routes, or a
 * custom token server's auth header value (also without its `Bearer ` prefix, which a server may quote on its own).
 * The credentials a source makes on the way (a management token, a request signature) are added with `RequestSecrets`.
 */
export function secretsOf(request: TokenRequest): string[] {
	const values: string[] = [];
	switch (request.source) {
		case 'custom':
			if (request.authHeaderValue !== undefined) {
				values.push(request.authHeaderValue, withoutBearer(request.authHeaderValue));
			}
			break;
		case 'authing-management':
			values.push(request.appSecret, request.accessKeySecret);
			break;
		case 'authing':
			values.push(
				request.appSecret,
				...(request.userAccessToken === undefined ? [] : [withoutBearer(request.userAccessToken)]),
			);
			break;
		default:
			values.push(request.appSecret);
	}
	return distinct(values);
}

/**
 * The secrets of one request under way: its own, and those its source makes on the way (the management token it
 * sends, the signature of a signed request), which exist nowhere in the request itself.
 */
export class RequestSecrets {
	private values: readonly string[];

	constructor(initial: readonly string[]) {
		this.values = distinct(initial);
	}

	add(value: string): void {
		this.values = distinct([...this.values, value]);
	}

	get all(): readonly string[] {
		return this.values;
	}
}

/** Trimmed, once each, empty ones dropped. */
function distinct(values: readonly string[]): string[] {
	return [...new Set(values.map((value) => value.trim()))].filter((value) => value !== '');
}

function withoutBearer(value: string): string {
	return value.replace(/^bearer\s+/i, '');
}

/**
 * `text` with every secret blanked (see WHOLE_WORD_BELOW_LENGTH for short ones). Longest first: a value that holds
 * another (`Bearer abc` and `abc`) is blanked whole before its part, so nothing of it is left showing.
 */
export function redactText(text: string, secrets: readonly string[]): string {
	return [...secrets]
		.sort((a, b) => b.length - a.length)
		.reduce((result, secret) => result.replace(secretPattern(secret), BLANK), text);
}

function secretPattern(secret: string): RegExp {
	const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return secret.length >= WHOLE_WORD_BELOW_LENGTH
		? new RegExp(escaped, 'g')
		: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
}

/** The same error when none of its texts holds a secret; else a copy, same reason and details, with the secrets blanked. */
export function redactTokenError(error: TokenError, secrets: readonly string[]): TokenError {
	const redact = (text: string): string => redactText(text, secrets);
	const texts = [error.message, error.details.upstreamMessage ?? '', ...causeMessages(error.cause)];
	if (texts.every((text) => redact(text) === text)) {
		return error;
	}
	const details =
		error.details.upstreamMessage === undefined
			? error.details
			: { ...error.details, upstreamMessage: redact(error.details.upstreamMessage) };
	const cause = redactCause(error.cause, redact);
	return new TokenError(error.reason, redact(error.message), details, cause === undefined ? undefined : { cause });
}

function causeMessages(cause: unknown): string[] {
	const messages: string[] = [];
	for (let current = cause, depth = 0; current !== undefined && depth < 10; depth++) {
		messages.push(current instanceof Error ? current.message : textOf(current));
		current = current instanceof Error ? current.cause : undefined;
	}
	return messages;
}

/** Causes are rebuilt as plain Errors with redacted messages: their stacks would repeat the secret. */
function redactCause(cause: unknown, redact: (text: string) => string): unknown {
	if (cause === undefined) {
		return undefined;
	}
	if (!(cause instanceof Error)) {
		return redact(textOf(cause));
	}
	const inner = redactCause(cause.cause, redact);
	return new Error(redact(`${cause.name}: ${cause.message}`), inner === undefined ? undefined : { cause: inner });
}

/** A cause that is not an Error (a string, a plain object), as text. */
function textOf(value: unknown): string {
	try {
		return typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value);
	} catch {
		return typeof value;
	}
}
