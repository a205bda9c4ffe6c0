import { TokenError } from '../errors';
import { abortableSleep, throwIfAborted } from './abort';

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	readonly maxAttempts: number;
	readonly baseDelayMs: number;
	readonly maxDelayMs: number;
	/** A server asking us to wait longer than this fails at once instead: a person is waiting. */
	readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 3,
	baseDelayMs: 300,
	maxDelayMs: 5_000,
	maxRetryAfterMs: 65_000,
};

export interface RetryEvent {
	readonly attempt: number;
	readonly delayMs: number;
	readonly error: TokenError;
}

export interface RetryDependencies {
	readonly policy: RetryPolicy;
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	readonly random?: () => number;
	readonly onRetry?: (event: RetryEvent) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not worth retrying, or the attempts run out
 * (PROTOCOLS.md §5). `shouldRetry` lets a source be stricter than the default, e.g. classic WeChat tokens.
 */
export async function withRetry<T>(
	attempt: () => Promise<T>,
	dependencies: RetryDependencies,
	signal: AbortSignal | undefined,
	shouldRetry: (error: TokenError) => boolean = (error) => error.retryable,
): Promise<T> {
	const { policy, sleep = abortableSleep, random = Math.random, onRetry } = dependencies;
	for (let attemptNumber = 1; ; attemptNumber++) {
		throwIfAborted(signal);
		try {
			return await attempt();
		} catch (error) {
			if (!(error instanceof TokenError) || !shouldRetry(error) || attemptNumber >= policy.maxAttempts) {
				throw error;
			}
			const delayMs = retryDelayMs(error, attemptNumber, policy, random);
			if (delayMs === undefined) {
				throw error;
			}
			onRetry?.({ attempt: attemptNumber, delayMs, error });
			await sleep(delayMs, signal);
		}
	}
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, so the delays grow, and half random, so many
 * clients do not retry in lockstep. A server's Retry-After wins when it gives one. `undefined`: do not retry.
 */
export function retryDelayMs(
	error: TokenError,
	attemptNumber: number,
	policy: RetryPolicy,
	random: () => number,
): number | undefined {
	const retryAfter = error.details.retryAfterMs;
	if (retryAfter !== undefined) {
		return retryAfter <= policy.maxRetryAfterMs ? retryAfter : undefined;
	}
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
	return Math.round(step / 2 + random() * (step / 2));
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | undefined, now: number): number | undefined {
	if (!value) {
		return undefined;
	}
	if (/^\d+$/.test(value.trim())) {
		return Number(value.trim()) * 1000;
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
