import * as assert from 'node:assert/strict';
import { TokenError } from '../../../src/core/errors';
import { requestIdentity } from '../../../src/core/requestIdentity';
import { TokenCache } from '../../../src/core/tokenCache';
import { TOKEN_PATH, requestFor, testClient, useSandbox } from '../support/sandboxHarness';

describe('client + cache over real HTTP', () => {
	const env = useSandbox();

	it('1000 simultaneous callers for the same app cause exactly 1 upstream request', async () => {
		const client = testClient();
		const cache = new TokenCache();
		const request = requestFor('wechat', env.sandbox.url);
		const key = requestIdentity(request);
		env.sandbox.addFault({ kind: 'slow', delayMs: 50 });
		const tokens = await Promise.all(
			Array.from({ length: 1000 }, () => cache.get(key, (signal) => client.fetchToken(request, { signal }))),
		);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.wechat), 1);
		assert.equal(new Set(tokens.map((t) => t.accessToken)).size, 1);
	});

	it('a failed refresh leaves the cached, still-valid token in place', async () => {
		const client = testClient();
		const cache = new TokenCache();
		const request = requestFor('wechat-stable', env.sandbox.url);
		const key = requestIdentity(request);
		const good = await cache.get(key, (signal) => client.fetchToken(request, { signal }));
		env.sandbox.addFault({ kind: 'http-error', status: 500, body: 'html' });
		await assert.rejects(
			cache.get(key, (signal) => client.fetchToken(request, { signal }), { bypassCache: true }),
			(e: unknown) => TokenError.is(e, 'server-error'),
		);
		assert.equal((await cache.peek(key))?.accessToken, good.accessToken);
	});

	it('a short-lived token inside the margin is fetched again', async () => {
		env.sandbox.setTokenLifetimeSeconds(120);
		const client = testClient();
		const cache = new TokenCache({ marginMs: 5 * 60_000 });
		const request = requestFor('wechat', env.sandbox.url);
		const key = requestIdentity(request);
		await cache.get(key, (signal) => client.fetchToken(request, { signal }));
		await cache.get(key, (signal) => client.fetchToken(request, { signal }));
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.wechat), 2);
	});

	it('cancelling the only caller aborts the upstream request', async () => {
		env.sandbox.addFault({ kind: 'slow', delayMs: 5000 });
		const cache = new TokenCache();
		const request = requestFor('authing', env.sandbox.url);
		const controller = new AbortController();
		const client = testClient({ timeoutMs: 10_000 });
		const pending = cache.get(requestIdentity(request), (signal) => client.fetchToken(request, { signal }), {
			signal: controller.signal,
		});
		setTimeout(() => controller.abort(), 50);
		await assert.rejects(pending, (e: unknown) => TokenError.is(e, 'cancelled'));
		assert.equal(await cache.peek(requestIdentity(request)), undefined);
	});

	it('the identity ignores secrets and host spelling', () => {
		const a = requestIdentity(requestFor('authing', 'https://Example.authing.cn/'));
		const b = requestIdentity(requestFor('authing', 'https://example.authing.cn', { appSecret: 'x'.repeat(32) }));
		assert.equal(a, b);
		assert.notEqual(a, requestIdentity(requestFor('authing', 'https://other.authing.cn')));
	});
});
