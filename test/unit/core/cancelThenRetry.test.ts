import * as assert from 'node:assert/strict';
import { TokenError } from '../../../src/core/errors';
import { TokenCache } from '../../../src/core/tokenCache';
import type { AccessToken } from '../../../src/core/tokenTypes';

/** A fetch that, like the HTTP transport, takes a moment to wind down after its signal fires. */
function slowToCancel(calls: { count: number }): (signal: AbortSignal) => Promise<AccessToken> {
	return (signal) => {
		calls.count++;
		return new Promise((_, reject) =>
			signal.addEventListener('abort', () =>
				setTimeout(() => reject(new TokenError('cancelled', 'cancelled')), 20),
			),
		);
	};
}

describe('token cache: asking again right after cancelling', () => {
	it('starts a new request instead of joining the one being cancelled', async () => {
		const cache = new TokenCache();
		const calls = { count: 0 };
		const controller = new AbortController();
		const first = cache.get('app', slowToCancel(calls), { signal: controller.signal });
		controller.abort();
		await assert.rejects(first, (error: unknown) => TokenError.is(error, 'cancelled'));

		// The user clicks again at once: before the fix this joined the dying request and failed with "cancelled"
		// (which the UI shows as nothing at all) without sending anything.
		const token: AccessToken = {
			accessToken: 'fresh-token-0123456789abcdef',
			expiresAt: Date.now() + 3_600_000,
			source: 'authing',
			fetchedAt: Date.now(),
		};
		const second = await cache.get('app', () => {
			calls.count++;
			return Promise.resolve(token);
		});
		assert.equal(second, token);
		assert.equal(calls.count, 2);
		await new Promise((resolve) => setTimeout(resolve, 30));
		assert.equal(
			await cache.peek('app'),
			token,
			'the cancelled request finishing later does not clear the new one',
		);
	});

	it('a caller still waiting keeps the request alive, and a newcomer joins it', async () => {
		const cache = new TokenCache();
		let resolve: (token: AccessToken) => void = () => undefined;
		let calls = 0;
		const fetch = (): Promise<AccessToken> => {
			calls++;
			return new Promise((r) => (resolve = r));
		};
		const leaving = new AbortController();
		const staying = cache.get('app', fetch);
		const left = cache.get('app', fetch, { signal: leaving.signal });
		leaving.abort();
		await assert.rejects(left);
		const joining = cache.get('app', fetch);
		resolve({
			accessToken: 'shared-token-0123456789abcdef',
			expiresAt: Date.now() + 3_600_000,
			source: 'authing',
			fetchedAt: Date.now(),
		});
		assert.equal((await staying).accessToken, (await joining).accessToken);
		assert.equal(calls, 1);
	});
});
