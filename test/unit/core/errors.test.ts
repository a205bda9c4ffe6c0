import * as assert from 'node:assert/strict';
import type { TokenErrorReason } from '../../../src/core/errors';
import { TokenError } from '../../../src/core/errors';
import { SANDBOX_CALLER_IP } from '../../sandbox/fixtures';
import type { Fault } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/sandboxServer';
import { closedPort } from '../../../scripts/host/closedPort';
import { rejectsWith } from '../support/rejectsWith';
import { ALL_SOURCES, TOKEN_PATH, requestFor, testClient, useSandbox } from '../support/sandboxHarness';

/** WeChat errcodes with the reason each must become, whichever route relays them. */
const WECHAT_CODES: ReadonlyArray<readonly [number, TokenErrorReason]> = [
	[40164, 'ip-not-whitelisted'],
	[61004, 'ip-not-whitelisted'],
	[89503, 'ip-awaiting-confirmation'],
	[89506, 'ip-refused'],
	[45009, 'quota-exceeded'],
	[40243, 'frozen'],
	[50007, 'frozen'],
];

describe('client: every error reason, produced by the sandbox failing that way', () => {
	const env = useSandbox();

	describe('credentials and WeChat codes, for each source', () => {
		for (const source of ALL_SOURCES) {
			it(`${source}: a wrong AppID is invalid-app-id`, async () => {
				await assert.rejects(
					testClient().fetchToken(requestFor(source, env.sandbox.url, { appId: 'wx0000000000000000' })),
					rejectsWith('invalid-app-id'),
				);
			});

			it(`${source}: a wrong AppSecret is invalid-app-secret`, async () => {
				await assert.rejects(
					testClient().fetchToken(requestFor(source, env.sandbox.url, { appSecret: 'f'.repeat(32) })),
					rejectsWith('invalid-app-secret'),
				);
			});

			for (const [errcode, reason] of WECHAT_CODES) {
				it(`${source}: WeChat ${errcode} is ${reason}`, async () => {
					env.sandbox.addFault({ kind: 'wechat-errcode', errcode, path: TOKEN_PATH[source] });
					await assert.rejects(
						testClient().fetchToken(requestFor(source, env.sandbox.url)),
						rejectsWith(reason),
					);
				});
			}

			it(`${source}: an IP whitelist error names the caller's IP`, async () => {
				env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: TOKEN_PATH[source] });
				await assert.rejects(
					testClient().fetchToken(requestFor(source, env.sandbox.url)),
					rejectsWith('ip-not-whitelisted', (e) => assert.equal(e.details.ip, SANDBOX_CALLER_IP)),
				);
			});
		}

		for (const relayStyle of ['json', 'errmsg'] as const) {
			it(`Authing relays WeChat's failures, with or without the errcode (${relayStyle})`, async () => {
				env.sandbox.configure({ authingRelayStyle: relayStyle });
				for (const source of ['authing', 'authing-management'] as const) {
					for (const [errcode, reason] of WECHAT_CODES) {
						env.sandbox.addFault({ kind: 'wechat-errcode', errcode, path: TOKEN_PATH[source], times: 1 });
						await assert.rejects(
							testClient().fetchToken(requestFor(source, env.sandbox.url)),
							rejectsWith(reason),
							`${source} ${errcode}`,
						);
					}
				}
			});
		}

		it('wechat: errors carry the rid for support', async () => {
			env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40013, path: TOKEN_PATH.wechat });
			await assert.rejects(
				testClient().fetchToken(requestFor('wechat', env.sandbox.url)),
				rejectsWith('invalid-app-id', (e) => assert.match(e.details.requestId ?? '', /\w+/)),
			);
		});
	});

	describe('Authing codes', () => {
		it('an unknown Authing application is app-not-found (apiCode 2011)', async () => {
			await assert.rejects(
				testClient().fetchToken(
					requestFor('authing', env.sandbox.url, { authingAppId: 'ffffffffffffffffffffffff' }),
				),
				rejectsWith('app-not-found', (e) => assert.equal(e.details.apiCode, 2011)),
			);
		});

		it('a wrong user access token is unauthorized', async () => {
			await assert.rejects(
				testClient().fetchToken(requestFor('authing', env.sandbox.url, { userAccessToken: 'nope' })),
				rejectsWith('unauthorized'),
			);
		});

		it('apiCode sent as a string is still read (2224 user pool does not exist)', async () => {
			env.sandbox.addFault({
				kind: 'authing-status',
				statusCode: 400,
				apiCode: '2224',
				message: 'user pool does not exist',
			});
			await assert.rejects(
				testClient().fetchToken(requestFor('authing', env.sandbox.url)),
				rejectsWith('app-not-found', (e) => assert.equal(e.details.apiCode, 2224)),
			);
		});

		it('a failure envelope with HTTP 200 is still a failure', async () => {
			env.sandbox.addFault({
				kind: 'authing-status',
				statusCode: 403,
				apiCode: 1001,
				message: 'no permission',
				httpStatus: 200,
			});
			await assert.rejects(
				testClient().fetchToken(requestFor('authing', env.sandbox.url)),
				rejectsWith('unauthorized', (e) => assert.equal(e.details.httpStatus, 200)),
			);
		});

		it('an unmapped failure is rejected, with the server message kept', async () => {
			env.sandbox.addFault({ kind: 'authing-status', statusCode: 400, apiCode: 9999, message: 'something odd' });
			await assert.rejects(
				testClient().fetchToken(requestFor('authing', env.sandbox.url)),
				rejectsWith('rejected', (e) => assert.equal(e.details.upstreamMessage, 'something odd')),
			);
		});
	});

	describe('transport failures', () => {
		it('a refused connection is network, known not to have sent anything', async () => {
			const port = await closedPort();
			await assert.rejects(
				testClient().fetchToken(requestFor('wechat-stable', `http://127.0.0.1:${port}`)),
				rejectsWith('network', (e) => assert.equal(e.details.requestSent, false)),
			);
		});

		for (const source of ALL_SOURCES) {
			it(`${source}: a slow server is timeout`, async () => {
				env.sandbox.addFault({ kind: 'slow', delayMs: 3000 });
				await assert.rejects(
					testClient({ timeoutMs: 150 }).fetchToken(requestFor(source, env.sandbox.url)),
					rejectsWith('timeout'),
				);
			});
		}

		it('a body dripped byte by byte cannot stretch the deadline', async () => {
			env.sandbox.addFault({ kind: 'drip', intervalMs: 50 });
			const started = Date.now();
			await assert.rejects(
				testClient({ timeoutMs: 300, retryPolicy: { maxAttempts: 1 } }).fetchToken(
					requestFor('wechat-stable', env.sandbox.url),
				),
				rejectsWith('timeout'),
			);
			assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
		});

		it('a connection dropped without an answer is network, not known to be unsent', async () => {
			env.sandbox.addFault({ kind: 'drop' });
			await assert.rejects(
				testClient().fetchToken(requestFor('authing', env.sandbox.url)),
				rejectsWith('network', (e) => assert.equal(e.details.requestSent, undefined)),
			);
		});

		it('a connection reset in the middle of the body is network', async () => {
			env.sandbox.addFault({ kind: 'reset-mid-body' });
			await assert.rejects(
				testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url)),
				(e: unknown) => TokenError.is(e) && ['network', 'bad-response'].includes(e.reason),
			);
		});

		it('cancelling stops the request at once', async () => {
			env.sandbox.addFault({ kind: 'slow', delayMs: 5000 });
			const controller = new AbortController();
			const started = Date.now();
			const pending = testClient({ timeoutMs: 10_000 }).fetchToken(requestFor('authing', env.sandbox.url), {
				signal: controller.signal,
			});
			setTimeout(() => controller.abort(), 50);
			await assert.rejects(pending, rejectsWith('cancelled'));
			assert.ok(Date.now() - started < 1000);
		});

		it('an already-cancelled signal sends nothing', async () => {
			const controller = new AbortController();
			controller.abort();
			await assert.rejects(
				testClient().fetchToken(requestFor('authing', env.sandbox.url), { signal: controller.signal }),
				rejectsWith('cancelled'),
			);
			assert.equal(env.sandbox.requests.length, 0);
		});
	});

	describe('bad responses are typed errors, never a bogus token', () => {
		const faults: Array<[string, Fault]> = [
			['a non-JSON 200', { kind: 'non-json' }],
			['truncated JSON', { kind: 'truncated-json' }],
			['a 50 MB body', { kind: 'huge-body', bytes: 50 * 1024 * 1024 }],
			['a missing token', { kind: 'token', value: 'missing' }],
			['a token that is a number', { kind: 'token', value: 'number' }],
			['an empty token', { kind: 'token', value: 'empty' }],
			['a missing expiry', { kind: 'expiry-format', format: 'missing' }],
			['an expiry in ISO text', { kind: 'expiry-format', format: 'iso' }],
			['an unreadable expiry', { kind: 'expiry-format', format: 'garbage' }],
			['an expiry in the past', { kind: 'expiry-format', format: 'past' }],
			['an HTML page with HTTP 404', { kind: 'http-error', status: 418, body: 'html' }],
		];
		for (const source of ALL_SOURCES) {
			for (const [what, fault] of faults) {
				it(`${source}: ${what} is bad-response`, async () => {
					env.sandbox.addFault({ ...fault, path: TOKEN_PATH[source] });
					await assert.rejects(
						testClient().fetchToken(requestFor(source, env.sandbox.url)),
						rejectsWith('bad-response'),
					);
				});
			}
		}

		// WeChat answers token requests with HTTP 200; a token in a 404 body came from something on the way.
		for (const source of ['wechat-stable', 'wechat'] as const) {
			it(`${source}: a well-formed token in an HTTP 404 answer is bad-response, not a token`, async () => {
				const body = JSON.stringify({ access_token: 'TOKEN_FROM_A_PROXY_0123456789', expires_in: 7200 });
				env.sandbox.addFault({ kind: 'http-error', status: 404, body, path: TOKEN_PATH[source] });
				await assert.rejects(
					testClient().fetchToken(requestFor(source, env.sandbox.url)),
					rejectsWith('bad-response', (e) => assert.equal(e.details.httpStatus, 404)),
				);
			});
		}
	});

	describe('the http rule and the redirect rule', () => {
		it('refuses plain http to a non-loopback host before any request', async () => {
			for (const source of ALL_SOURCES) {
				await assert.rejects(
					testClient().fetchToken(requestFor(source, 'http://api.weixin.qq.com')),
					rejectsWith('invalid-host'),
				);
			}
			assert.equal(env.sandbox.requests.length, 0);
		});

		it('never follows a redirect: nothing reaches the other origin', async () => {
			const elsewhere = await startSandbox();
			try {
				for (const source of ALL_SOURCES) {
					env.sandbox.addFault({
						kind: 'redirect',
						location: `${elsewhere.url}${TOKEN_PATH[source]}`,
						path: TOKEN_PATH[source],
						times: 1,
					});
					await assert.rejects(
						testClient().fetchToken(requestFor(source, env.sandbox.url)),
						rejectsWith('redirect-refused', (e) => assert.ok(e.message.includes(elsewhere.url), e.message)),
					);
				}
				assert.equal(elsewhere.requests.length, 0);
			} finally {
				await elsewhere.close();
			}
		});
	});
});
