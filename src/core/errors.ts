/**
 * Why a token could not be had, in terms a user can act on. The UI maps each reason to a localized message and
 * actions; nothing ever matches on the message text.
 */
export const TOKEN_ERROR_REASONS = [
	'invalid-app-id',
	'invalid-app-secret',
	'ip-not-whitelisted',
	'ip-awaiting-confirmation',
	'ip-refused',
	'quota-exceeded',
	'rate-limited',
	'frozen',
	'app-not-found',
	'unauthorized',
	'server-error',
	'rejected',
	'network',
	'timeout',
	'cancelled',
	'bad-response',
	'redirect-refused',
	'invalid-host',
	'classic-not-acknowledged',
	// A forced stable refresh went out and its answer was lost: WeChat may have rotated the token. Not retried.
	'force-refresh-unconfirmed',
] as const;
export type TokenErrorReason = (typeof TOKEN_ERROR_REASONS)[number];

export interface TokenErrorDetails {
	/** The caller's IP, when WeChat names it (IP whitelist errors). */
	readonly ip?: string;
	/** WeChat's `rid` or Authing's `requestId`, for support tickets. */
	readonly requestId?: string;
	readonly errcode?: number;
	readonly apiCode?: number;
	readonly httpStatus?: number;
	/** How long the server asked us to wait (Retry-After), in ms. */
	readonly retryAfterMs?: number;
	/** The upstream's own message (WeChat errmsg, Authing message). Never contains our secrets. */
	readonly upstreamMessage?: string;
	/**
	 * `false` when the connection failed before any byte of the request left (refused, host name not resolved): the
	 * server cannot have acted on it. Absent when that is not known.
	 */
	readonly requestSent?: boolean;
}

/** Failures that may pass if the same request is sent again a little later (PROTOCOLS.md §5). */
const RETRYABLE: ReadonlySet<TokenErrorReason> = new Set(['network', 'timeout', 'server-error', 'rate-limited']);

export class TokenError extends Error {
	override readonly name = 'TokenError';

	constructor(
		readonly reason: TokenErrorReason,
		message: string,
		readonly details: TokenErrorDetails = {},
		options?: { cause?: unknown },
	) {
		super(message, options);
	}

	get retryable(): boolean {
		return RETRYABLE.has(this.reason);
	}

	static is(error: unknown, reason?: TokenErrorReason): error is TokenError {
		return error instanceof TokenError && (reason === undefined || error.reason === reason);
	}
}

export function cancelledError(): TokenError {
	return new TokenError('cancelled', 'The request was cancelled.');
}
