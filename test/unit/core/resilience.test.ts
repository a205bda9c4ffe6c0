import * as assert from 'node:assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { TokenError } from '../../../src/core/errors';
import type { RetryEvent } from '../../../src/core/http/retry';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/http/retry';
import { createTokenClient } from '../../../src/core/tokenClient';
import { SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import type { Sandbox } from '../../sandbox/sandboxServer';
import { startSandbox } from '../../sandbox/sandboxServer';
import { closedPort } from '../../../scripts/host/closedPort';
import { ALL_SOURCES, TOKEN_PATH, requestFor, testClient, useSandbox } from '../support/sandboxHarness';

describe('client: retries, backoff and clock skew', () => {
	const env = useSandbox();

	for (const source of ALL_SOURCES.filter((s) => s !== 'wechat')) {
		it(`${source}: retries a 502 HTML page with growing delays, then succeeds`, async () => {
			env.sandbox.addFault({ kind: 'http-error', status: 502, body: 'html', times: 2, path: TOKEN_PATH[source] });
			const client = testClient({ random: () => 0.5 });
			const token = await client.fetchToken(requestFor(source, env.sandbox.url));
			assert.ok(env.sandbox.isTokenValid(token.accessToken));
			assert.equal(env.sandbox.countRequests(TOKEN_PATH[source]), 3);
			assert.equal(client.delays.length, 2);
			assert.ok(client.delays[1]! > client.delays[0]!, `delays ${client.delays.join(', ')}`);
		});

		it(`${source}: gives up after the bounded attempts with server-error`, async () => {
			env.sandbox.addFault({ kind: 'http-error', status: 503, body: 'html', path: TOKEN_PATH[source] });
			const client = testClient();
			await assert.rejects(client.fetchToken(requestFor(source, env.sandbox.url)), (e: unknown) =>
				TokenError.is(e, 'server-error'),
			);
			assert.equal(env.sandbox.countRequests(TOKEN_PATH[source]), 3);
		});

		it(`${source}: a dropped connection is retried`, async () => {
			env.sandbox.addFault({ kind: 'drop', times: 1, path: TOKEN_PATH[source] });
			const token = await testClient().fetchToken(requestFor(source, env.sandbox.url));
			assert.ok(env.sandbox.isTokenValid(token.accessToken));
		});
	}

	it('Authing statusCode 500 with apiCode "1000" as a string is retried', async () => {
		env.sandbox.addFault({
			kind: 'authing-status',
			statusCode: 500,
			apiCode: '1000',
			message: 'system busy',
			times: 2,
		});
		const token = await testClient().fetchToken(requestFor('authing', env.sandbox.url));
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.authing), 3);
	});

	it('a retry event carries the error with the secrets a server echoed blanked out, as the final error does', async () => {
		const request = requestFor('authing', env.sandbox.url);
		const secret = SANDBOX_WECHAT_APP.appSecret;
		const echoed = `system busy, appSecret=${secret}`;
		env.sandbox.addFault({ kind: 'authing-status', statusCode: 500, apiCode: '1000', message: echoed, times: 1 });
		const events: RetryEvent[] = [];
		await testClient({ onRetry: (event) => events.push(event) }).fetchToken(request);
		assert.equal(events.length, 1);
		const [{ error }] = events as [RetryEvent];
		assert.equal(error.reason, 'server-error');
		// The server's words are still there, so the redaction is what removed the secret.
		assert.match(error.details.upstreamMessage ?? '', /system busy, appSecret=•••/);
		assert.ok(
			![error.message, error.details.upstreamMessage ?? '', String(error.stack)].some((text) =>
				text.includes(secret),
			),
		);
	});

	it('WeChat -1 (system busy) is retried', async () => {
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: -1, times: 1 });
		const token = await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url));
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
	});

	it('WeChat 45011 waits for the next minute before retrying', async () => {
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 45011, times: 1 });
		const client = testClient();
		await client.fetchToken(requestFor('wechat-stable', env.sandbox.url));
		assert.equal(client.delays.length, 1);
		assert.ok(client.delays[0]! > 0 && client.delays[0]! <= 60_250, String(client.delays[0]));
	});

	it('a non-retryable error is not retried', async () => {
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40125 });
		const client = testClient();
		await assert.rejects(client.fetchToken(requestFor('wechat-stable', env.sandbox.url)));
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['wechat-stable']), 1);
	});

	it('classic wechat: a dropped request is not sent again (it may have minted a token)', async () => {
		env.sandbox.addFault({ kind: 'drop', times: 1, path: TOKEN_PATH.wechat });
		await assert.rejects(testClient().fetchToken(requestFor('wechat', env.sandbox.url)), (e: unknown) =>
			TokenError.is(e, 'network'),
		);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.wechat), 1);
	});

	it('classic wechat: a refused connection is retried per the policy (nothing was sent, so nothing was minted)', async () => {
		const client = testClient();
		const host = `http://127.0.0.1:${await closedPort()}`;
		await assert.rejects(
			client.fetchToken(requestFor('wechat', host)),
			(e: unknown) => TokenError.is(e, 'network') && e.details.requestSent === false,
		);
		assert.equal(client.delays.length, DEFAULT_RETRY_POLICY.maxAttempts - 1);
	});

	it('classic wechat: refused, then the server comes up: the retry gets a valid token with one request', async () => {
		const port = await closedPort();
		let late: Sandbox | undefined;
		try {
			// The backoff is where the server starts: the first attempt is refused, the second reaches it.
			const client = createTokenClient({ sleep: async () => void (late ??= await startSandbox({ port })) });
			const token = await client.fetchToken(requestFor('wechat', `http://127.0.0.1:${port}`));
			assert.ok(late?.isTokenValid(token.accessToken));
			assert.equal(late?.countRequests(TOKEN_PATH.wechat), 1);
		} finally {
			await late?.close();
		}
	});

	it('classic wechat: -1 is retried (WeChat did nothing)', async () => {
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: -1, times: 1, path: TOKEN_PATH.wechat });
		await testClient().fetchToken(requestFor('wechat', env.sandbox.url));
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.wechat), 2);
	});

	it('honours Retry-After on a 429, on a fake clock', async () => {
		env.sandbox.addFault({ kind: 'http-error', status: 429, body: 'html', retryAfterSeconds: 7, times: 1 });
		const fake = FakeTimers.createClock(Date.now());
		const client = createTokenClient({
			sleep: (ms) => new Promise((resolve) => fake.setTimeout(() => resolve(), ms)),
		});
		let settled = false;
		const pending = client.fetchToken(requestFor('wechat-stable', env.sandbox.url)).finally(() => (settled = true));
		while (fake.countTimers() === 0) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await fake.tickAsync(6_999);
		assert.equal(settled, false);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['wechat-stable']), 1);
		await fake.tickAsync(1);
		const token = await pending;
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['wechat-stable']), 2);
	});

	it('fails at once when Retry-After asks for longer than a person should wait', async () => {
		env.sandbox.addFault({ kind: 'http-error', status: 429, body: 'html', retryAfterSeconds: 3600 });
		await assert.rejects(
			testClient().fetchToken(requestFor('authing', env.sandbox.url)),
			(e: unknown) => TokenError.is(e, 'rate-limited') && e.details.retryAfterMs === 3_600_000,
		);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.authing), 1);
	});

	for (const format of ['number', 'string', 'ms'] as const) {
		it(`authing: reads expiresAt sent as ${format}`, async () => {
			env.sandbox.addFault({ kind: 'expiry-format', format });
			const token = await testClient().fetchToken(requestFor('authing', env.sandbox.url));
			const lifetime = token.expiresAt - token.fetchedAt;
			assert.ok(lifetime > 7_190_000 && lifetime <= 7_201_000, `lifetime ${lifetime}`);
		});
	}

	for (const offsetSeconds of [600, -900]) {
		it(`corrects the countdown for a server clock ${offsetSeconds} s off`, async () => {
			env.sandbox.addFault({ kind: 'server-date', offsetSeconds });
			for (const source of ['authing', 'authing-management'] as const) {
				const token = await testClient().fetchToken(requestFor(source, env.sandbox.url));
				const lifetime = token.expiresAt - token.fetchedAt;
				assert.ok(Math.abs(lifetime - 7_200_000) < 2000, `${source}: lifetime ${lifetime}`);
			}
		});
	}
});
