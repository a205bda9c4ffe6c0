import * as assert from 'node:assert/strict';
import { TokenError } from '../../../../src/core/errors';
import type { RetryPolicy } from '../../../../src/core/http/retry';
import { DEFAULT_RETRY_POLICY, parseRetryAfterMs, retryDelayMs, withRetry } from '../../../../src/core/http/retry';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 };

describe('retry with backoff', () => {
	it('grows the delay exponentially, with jitter within each step', () => {
		const error = new TokenError('server-error', 'busy');
		assert.deepEqual(
			[1, 2, 3, 4, 5].map((n) => retryDelayMs(error, n, policy, () => 0)),
			[50, 100, 200, 400, 500],
		);
		assert.deepEqual(
			[1, 2, 3, 4, 5].map((n) => retryDelayMs(error, n, policy, () => 1)),
			[100, 200, 400, 800, 1000],
		);
	});

	it('honours Retry-After, and gives up when it is longer than a person should wait', () => {
		assert.equal(
			retryDelayMs(new TokenError('rate-limited', '429', { retryAfterMs: 3000 }), 1, policy, () => 0.5),
			3000,
		);
		assert.equal(
			retryDelayMs(new TokenError('rate-limited', '429', { retryAfterMs: 60_000 }), 1, policy, () => 0.5),
			undefined,
		);
	});

	it('parses Retry-After as seconds or an HTTP date', () => {
		assert.equal(parseRetryAfterMs('7', 0), 7000);
		assert.equal(parseRetryAfterMs(new Date(10_000).toUTCString(), 4000), 6000);
		assert.equal(parseRetryAfterMs('soon', 0), undefined);
		assert.equal(parseRetryAfterMs(undefined, 0), undefined);
	});

	it('retries retryable failures up to the limit, then rethrows the last one', async () => {
		const delays: number[] = [];
		let calls = 0;
		await assert.rejects(
			withRetry(
				() => {
					calls++;
					return Promise.reject(new TokenError('network', `refused ${calls}`));
				},
				{ policy, sleep: (ms) => (delays.push(ms), Promise.resolve()), random: () => 0 },
				undefined,
			),
			(e: unknown) => TokenError.is(e, 'network') && e.message === 'refused 4',
		);
		assert.equal(calls, 4);
		assert.deepEqual(delays, [50, 100, 200]);
	});

	it('does not retry failures that will not pass by waiting', async () => {
		let calls = 0;
		await assert.rejects(
			withRetry(
				() => {
					calls++;
					return Promise.reject(new TokenError('invalid-app-secret', 'wrong'));
				},
				{ policy: DEFAULT_RETRY_POLICY, sleep: () => Promise.resolve() },
				undefined,
			),
		);
		assert.equal(calls, 1);
	});

	it('stops waiting when cancelled', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const run = withRetry(
			() => Promise.reject(new TokenError('timeout', 'slow')),
			{ policy: { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 } },
			controller.signal,
		);
		setTimeout(() => controller.abort(), 20);
		await assert.rejects(run, (e: unknown) => TokenError.is(e, 'cancelled'));
		assert.ok(Date.now() - started < 1000);
	});
});
