import type { TokenError } from '../errors';

/**
 * Requests that change something at WeChat: a classic `/cgi-bin/token` call mints a token (and kills the previous
 * one), a stable `force_refresh` rotates the token in force (20 a day, 30 s apart). Sending one again after a failure
 * that may have reached WeChat would act twice, so these retry only failures that say WeChat did nothing: its own
 * "system busy" (-1) and rate limits (45011, HTTP 429), and connections that failed before the request left.
 * A timeout, a cut connection or a 5xx may come after WeChat acted: those are not retried.
 */
export function nothingWasDone(error: TokenError): boolean {
	return error.details.errcode === -1 || error.reason === 'rate-limited' || error.details.requestSent === false;
}

/** Failures where a request went out and no readable answer came back. */
const LOST_ANSWER_REASONS: ReadonlySet<TokenError['reason']> = new Set([
	'network',
	'timeout',
	'server-error',
	'bad-response',
]);

/**
 * Whether WeChat may have acted on a request that failed: it was (or may have been) sent, and what came back, if
 * anything, was not WeChat saying it refused (an errcode).
 */
export function wechatMayHaveActed(error: TokenError): boolean {
	return (
		LOST_ANSWER_REASONS.has(error.reason) &&
		error.details.errcode === undefined &&
		error.details.requestSent !== false
	);
}
