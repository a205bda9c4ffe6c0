import { TokenError } from './errors';
import type { TokenRequest } from './tokenTypes';

/**
 * A server can echo what it was sent: a gateway that quotes the request, an Authing relay that quotes WeChat's answer.
 * Its words become the TokenError's message and `upstreamMessage`, which are logged and shown. So the secrets the
 * request carried are blanked out of every error text before the error leaves the client (found by the secret-hygiene
 * tests, issue 6).
 */

/** Shorter values are not searched for: blanking a short string everywhere would garble messages, and no real secret is. */
const MIN_SECRET_LENGTH = 8;
const BLANK = '•••';

/**
 * The secrets a request carries: the AppSecret, the access key secret or user access token of the Authing routes, or a
 * custom token server's auth header value (also without its `Bearer ` prefix, which a server may quote on its own).
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
			values.push(request.appSecret, ...(request.userAccessToken === undefined ? [] : [withoutBearer(request.userAccessToken)]));
			break;
		default:
			values.push(request.appSecret);
	}
	// A custom header value comes before its bare form: blanked first, it leaves nothing of itself showing.
	return [...new Set(values.map((value) => value.trim()))].filter((value) => value.length >= MIN_SECRET_LENGTH);
}

function withoutBearer(value: string): string {
	return value.replace(/^bearer\s+/i, '');
}

/** The same error when none of its texts holds a secret; else a copy, same reason and details, with the secrets blanked. */
export function redactTokenError(error: TokenError, secrets: readonly string[]): TokenError {
	const texts = [error.message, error.details.upstreamMessage ?? '', ...causeMessages(error.cause)];
	if (!secrets.some((secret) => texts.some((text) => text.includes(secret)))) {
		return error;
	}
	const redact = (text: string): string => secrets.reduce((result, secret) => result.split(secret).join(BLANK), text);
	const details = error.details.upstreamMessage === undefined ? error.details : { ...error.details, upstreamMessage: redact(error.details.upstreamMessage) };
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
