import * as assert from 'node:assert/strict';
import { TokenError } from '../../../../src/core/errors';
import { DEFAULT_RETRY_POLICY } from '../../../../src/core/http/retry';
import { createTokenClient } from '../../../../src/core/tokenClient';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import type { Fault } from '../../../sandbox/faults';
import type { Sandbox } from '../../../sandbox/sandboxServer';
import { startSandbox } from '../../../sandbox/sandboxServer';
import { closedPort } from '../../../../scripts/host/closedPort';
import { requestFor, testClient, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';

const STABLE = TOKEN_PATH['wechat-stable'];

/** Issue 11, item 5: `force_refresh: true` rotates every server's token; it must reach WeChat at most once per call. */
describe('client: a forced stable refresh is sent once', () => {
	const env = useSandbox();

	function forcedRequest(host = env.sandbox.url): ReturnType<typeof requestFor> {
		return requestFor('wechat-stable', host, { forceNewStableToken: true });
	}

	function forcesReceived(sandbox: Sandbox = env.sandbox): number {
		return sandbox.requests.filter(
			(request) =>
				request.path === STABLE &&
				(request.body as { force_refresh?: unknown } | undefined)?.force_refresh === true,
		).length;
	}

	/** Answers lost after the request went out. `acted`: the sandbox's route ran, so WeChat did rotate the token. */
	const lostAnswers: readonly {
		readonly name: string;
		readonly fault: Fault;
		readonly acted: boolean;
		readonly timeoutMs?: number;
	}[] = [
		{
			name: 'the connection is reset halfway through the answer',
			fault: { kind: 'reset-mid-body', times: 1, path: STABLE },
			acted: true,
		},
		{
			name: 'the answer stops halfway (truncated JSON)',
			fault: { kind: 'truncated-json', times: 1, path: STABLE },
			acted: true,
		},
		{
			name: 'the answer is too slow: timeout after sending',
			fault: { kind: 'drip', intervalMs: 100, times: 1, path: STABLE },
			acted: true,
			timeoutMs: 400,
		},
		{
			name: 'the connection is dropped without an answer',
			fault: { kind: 'drop', times: 1, path: STABLE },
			acted: false,
		},
		{
			name: 'a gateway answers 502',
			fault: { kind: 'http-error', status: 502, body: 'html', times: 1, path: STABLE },
			acted: false,
		},
	];

	for (const { name, fault, acted, timeoutMs } of lostAnswers) {
		it(`${name}: one force_refresh request, and "WeChat may have issued a new token"`, async () => {
			const before = await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url));
			env.sandbox.addFault(fault);
			const client = testClient(timeoutMs === undefined ? {} : { timeoutMs });
			await assert.rejects(client.fetchToken(forcedRequest()), (error: unknown) => {
				assert.ok(TokenError.is(error, 'force-refresh-unconfirmed'), String(error));
				assert.equal(error.retryable, false);
				assert.ok(TokenError.is(error.cause), 'the lost answer is kept as the cause');
				return true;
			});
			assert.equal(forcesReceived(), 1, 'exactly one force reached WeChat');
			assert.deepEqual(client.delays, [], 'no retry was even scheduled');
			if (acted) {
				assert.equal(
					env.sandbox.isTokenValid(before.accessToken),
					false,
					'WeChat did rotate the token: the old one is dead',
				);
				assert.notEqual(env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId), before.accessToken);
			}
		});
	}

	it('after a lost answer, a normal request returns the token WeChat issued, without forcing', async () => {
		env.sandbox.addFault({ kind: 'reset-mid-body', times: 1, path: STABLE });
		await assert.rejects(testClient().fetchToken(forcedRequest()), (error: unknown) =>
			TokenError.is(error, 'force-refresh-unconfirmed'),
		);
		const current = await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url));
		assert.equal(current.accessToken, env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId));
		assert.ok(env.sandbox.isTokenValid(current.accessToken));
		assert.equal(forcesReceived(), 1);
	});

	it('a refused connection never reached WeChat: still retried per the policy, and reported as a network failure', async () => {
		const client = testClient();
		const host = `http://127.0.0.1:${await closedPort()}`;
		await assert.rejects(
			client.fetchToken(forcedRequest(host)),
			(error: unknown) => TokenError.is(error, 'network') && error.details.requestSent === false,
		);
		assert.equal(client.delays.length, DEFAULT_RETRY_POLICY.maxAttempts - 1);
	});

	it('refused, then the server comes up: the retry forces a new token with one request', async () => {
		const port = await closedPort();
		let late: Sandbox | undefined;
		try {
			// The backoff is where the server starts: the first attempt is refused, the second reaches it.
			const client = createTokenClient({ sleep: async () => void (late ??= await startSandbox({ port })) });
			const token = await client.fetchToken(forcedRequest(`http://127.0.0.1:${port}`));
			assert.ok(late?.isTokenValid(token.accessToken));
			assert.equal(forcesReceived(late), 1);
		} finally {
			await late?.close();
		}
	});

	it('WeChat says it did nothing (-1, system busy): the force is sent again', async () => {
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: -1, times: 1, path: STABLE });
		const token = await testClient().fetchToken(forcedRequest());
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.equal(forcesReceived(), 2);
	});

	it('a refusal WeChat worded itself is reported as it is (no doubt about what happened)', async () => {
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 45009, times: 1, path: STABLE });
		await assert.rejects(testClient().fetchToken(forcedRequest()), (error: unknown) =>
			TokenError.is(error, 'quota-exceeded'),
		);
		assert.equal(forcesReceived(), 1);
	});

	it('a normal (not forced) request still retries a lost answer: it changes nothing at WeChat', async () => {
		env.sandbox.addFault({ kind: 'reset-mid-body', times: 1, path: STABLE });
		const token = await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url));
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.equal(env.sandbox.countRequests(STABLE), 2);
	});
});
