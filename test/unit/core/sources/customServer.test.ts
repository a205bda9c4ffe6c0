import * as assert from 'node:assert/strict';
import type { TokenErrorReason } from '../../../../src/core/errors';
import type { CustomRequest } from '../../../../src/core/tokenTypes';
import { SANDBOX_CALLER_IP, SANDBOX_TEAM, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../../sandbox/fixtures';
import type { Sandbox } from '../../../sandbox/sandboxServer';
import { startSandbox } from '../../../sandbox/sandboxServer';
import { rejectsWith } from '../../support/rejectsWith';
import { teamEnvelopeRequest, teamWechatStyleRequest, testClient, useSandbox } from '../../support/sandboxHarness';

const WECHAT_STYLE_PATH = '/team/wechat/token';
const ENVELOPE_PATH = '/team/api/token';

/** A request with parts of its `custom` settings replaced. */
function withCustom(
	request: CustomRequest,
	custom: Partial<CustomRequest['custom']>,
	rest: Partial<CustomRequest> = {},
): CustomRequest {
	return { ...request, ...rest, custom: { ...request.custom, ...custom } };
}

describe('custom source: a team token server, against the sandbox over loopback HTTP', () => {
	const env = useSandbox();
	const wechatStyle = (): CustomRequest => teamWechatStyleRequest(env.sandbox.url);
	const envelope = (): CustomRequest => teamEnvelopeRequest(env.sandbox.url);

	describe('both shapes', () => {
		it('WeChat-style GET: the team key in its header, ${appId} in the query, the central token with its lifetime', async () => {
			const before = Date.now();
			const token = await testClient().fetchToken(wechatStyle());
			assert.equal(token.source, 'custom');
			assert.equal(
				token.accessToken,
				env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'),
				'the token the team server holds',
			);
			assert.ok(env.sandbox.isTokenValid(token.accessToken));
			const lifetime = token.expiresAt - token.fetchedAt;
			assert.ok(lifetime > 7_195_000 && lifetime <= 7_200_000, `lifetime ${lifetime}`);
			assert.ok(token.fetchedAt >= before);
			const [request] = env.sandbox.requests;
			assert.equal(request?.method, 'GET');
			assert.equal(request?.path, WECHAT_STYLE_PATH);
			assert.deepEqual(request?.query, { appid: SANDBOX_WECHAT_APP.appId });
			assert.equal(request?.headers['x-team-key'], SANDBOX_TEAM.wechatStyleKey);
			assert.equal(request?.rawBody, '', 'a GET has no body');
		});

		it('envelope POST: the bearer token, ${appId} in the JSON body, expireAt read as Unix seconds', async () => {
			const token = await testClient().fetchToken(envelope());
			assert.equal(token.accessToken, env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
			const lifetime = token.expiresAt - token.fetchedAt;
			assert.ok(lifetime > 7_190_000 && lifetime <= 7_201_000, `lifetime ${lifetime}`);
			const [request] = env.sandbox.requests;
			assert.equal(request?.method, 'POST');
			assert.equal(request?.headers.authorization, `Bearer ${SANDBOX_TEAM.envelopeBearerToken}`);
			assert.match(String(request?.headers['content-type']), /^application\/json/);
			assert.deepEqual(request?.body, { appId: SANDBOX_WECHAT_APP.appId });
			assert.equal(request?.headers['x-authing-app-id'], undefined, 'nothing of the other sources is sent');
		});

		it('${appId} picks the app: the second fixture app gets its own token', async () => {
			const client = testClient();
			const first = await client.fetchToken(envelope());
			const second = await client.fetchToken({ ...envelope(), appId: SANDBOX_WECHAT_APP_2.appId });
			assert.equal(second.accessToken, env.sandbox.currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'));
			assert.notEqual(second.accessToken, first.accessToken);
			const viaQuery = await client.fetchToken({ ...wechatStyle(), appId: SANDBOX_WECHAT_APP_2.appId });
			assert.equal(viaQuery.accessToken, second.accessToken);
			assert.deepEqual(env.sandbox.requests[2]?.query, { appid: SANDBOX_WECHAT_APP_2.appId });
		});

		it('the central token, call after call, and nobody’s token invalidated', async () => {
			const client = testClient();
			const first = await client.fetchToken(wechatStyle());
			const second = await client.fetchToken(envelope());
			assert.equal(second.accessToken, first.accessToken);
			assert.ok(env.sandbox.isTokenValid(first.accessToken));
		});

		it('reads an ISO 8601 expiry and one in milliseconds, and corrects the server’s clock skew', async () => {
			env.sandbox.addFault({ kind: 'expiry-format', format: 'iso', path: ENVELOPE_PATH, times: 1 });
			const iso = await testClient().fetchToken(envelope());
			assert.ok(Math.abs(iso.expiresAt - iso.fetchedAt - 7_200_000) < 2_000);
			env.sandbox.addFault({ kind: 'expiry-format', format: 'ms', path: ENVELOPE_PATH, times: 1 });
			const ms = await testClient().fetchToken(envelope());
			assert.ok(Math.abs(ms.expiresAt - ms.fetchedAt - 7_200_000) < 2_000);
			// The server's clock is an hour ahead: its expireAt is too, and the Date header says so.
			env.sandbox.addFault({ kind: 'server-date', offsetSeconds: 3600, path: ENVELOPE_PATH, times: 1 });
			const skewed = await testClient().fetchToken(envelope());
			assert.ok(
				Math.abs(skewed.expiresAt - skewed.fetchedAt - 7_200_000) < 3_000,
				`${skewed.expiresAt - skewed.fetchedAt}`,
			);
		});
	});

	describe('failures', () => {
		it('a wrong or missing key is unauthorized (HTTP 401), with the server’s words', async () => {
			await assert.rejects(
				testClient().fetchToken({ ...wechatStyle(), authHeaderValue: 'team-key-wrong-0000000000' }),
				rejectsWith('unauthorized', (e) => {
					assert.equal(e.details.httpStatus, 401);
					assert.equal(e.details.upstreamMessage, 'missing or wrong X-Team-Key');
				}),
			);
			await assert.rejects(
				testClient().fetchToken(withCustom(envelope(), { authHeader: undefined })),
				rejectsWith('unauthorized'),
			);
			assert.equal(env.sandbox.countRequests(), 2, 'refused credentials are not retried');
		});

		it('an answer that misses the success rule is rejected with the server’s message', async () => {
			await assert.rejects(
				testClient().fetchToken({ ...envelope(), appId: 'wx0000000000000000' }),
				rejectsWith('rejected', (e) => {
					assert.equal(e.details.upstreamMessage, 'app not registered');
					assert.match(e.message, /success rule code = 0 not met/);
				}),
			);
			assert.equal(env.sandbox.countRequests(ENVELOPE_PATH), 1);
		});

		it('without a message, says what failed the rule', async () => {
			env.sandbox.addFault({
				kind: 'http-error',
				status: 200,
				body: JSON.stringify({ code: 7 }),
				path: ENVELOPE_PATH,
			});
			await assert.rejects(
				testClient().fetchToken(envelope()),
				rejectsWith('rejected', (e) => assert.equal(e.details.upstreamMessage, 'code is 7')),
			);
		});

		it('a success rule pointed at the token: the failure names the path and “text of N characters”, never the token', async () => {
			const misread = withCustom(wechatStyle(), { success: { path: ['access_token'], equals: 0 } });
			await assert.rejects(
				testClient().fetchToken(misread),
				rejectsWith('rejected', (e) => {
					const token = env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable') ?? '';
					assert.ok(token.length > 100, 'the team server did hand out its token');
					assert.equal(e.details.upstreamMessage, `access_token is text of ${token.length} characters`);
					const texts = `${e.message} ${e.stack ?? ''} ${JSON.stringify(e.details)}`;
					assert.ok(!texts.includes(token.slice(0, 40)), texts);
				}),
			);
		});

		it('WeChat’s own errcode, relayed by either shape, keeps its meaning: 40164 names the IP', async () => {
			for (const [request, path] of [
				[wechatStyle(), WECHAT_STYLE_PATH],
				[envelope(), ENVELOPE_PATH],
			] as const) {
				env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path, times: 1 });
				await assert.rejects(
					testClient().fetchToken(request),
					rejectsWith('ip-not-whitelisted', (e) => {
						assert.equal(e.details.ip, SANDBOX_CALLER_IP);
						assert.equal(e.details.errcode, 40164);
						assert.match(e.details.requestId ?? '', /\w+/, 'the rid for support');
					}),
					path,
				);
			}
			// WeChat-style, an unknown AppID is WeChat's 40013.
			await assert.rejects(
				testClient().fetchToken({ ...wechatStyle(), appId: 'wx0000000000000000' }),
				rejectsWith('invalid-app-id'),
			);
		});

		it('WeChat’s -1 (busy) is retried, then works', async () => {
			env.sandbox.addFault({ kind: 'wechat-errcode', errcode: -1, path: ENVELOPE_PATH, times: 1 });
			const client = testClient();
			const token = await client.fetchToken(envelope());
			assert.ok(env.sandbox.isTokenValid(token.accessToken));
			assert.equal(client.delays.length, 1);
		});

		it('non-2xx fails whatever the body says: 404 app-not-found, 429 honours Retry-After, 5xx server-error', async () => {
			env.sandbox.addFault({ kind: 'not-found', path: ENVELOPE_PATH, times: 1 });
			await assert.rejects(
				testClient().fetchToken(envelope()),
				rejectsWith('app-not-found', (e) => assert.equal(e.details.httpStatus, 404)),
			);

			env.sandbox.addFault({
				kind: 'http-error',
				status: 429,
				body: 'json',
				retryAfterSeconds: 2,
				path: ENVELOPE_PATH,
				times: 1,
			});
			const client = testClient();
			await client.fetchToken(envelope());
			assert.deepEqual(client.delays, [2000], 'waited what Retry-After said, then got the token');

			// A 503 whose JSON body claims success is still a failure.
			const fakeSuccess = JSON.stringify({
				code: 0,
				data: { token: 'not-a-real-token', expireAt: Math.floor(Date.now() / 1000) + 7200 },
			});
			env.sandbox.addFault({ kind: 'http-error', status: 503, body: fakeSuccess, path: ENVELOPE_PATH });
			await assert.rejects(testClient().fetchToken(envelope()), rejectsWith('server-error'));
			assert.equal(env.sandbox.countRequests(ENVELOPE_PATH), 3 + 3, 'server errors are retried');
		});

		it('another 4xx is rejected in the server’s words: a wrong method is HTTP 405', async () => {
			await assert.rejects(
				testClient().fetchToken(withCustom(envelope(), { method: 'GET' })),
				rejectsWith('rejected', (e) => {
					assert.equal(e.details.httpStatus, 405);
					assert.equal(e.details.upstreamMessage, 'GET is not allowed here; use POST');
				}),
			);
		});

		it('a body that is not JSON, a token missing at its path, an unreadable or implausible expiry: bad-response', async () => {
			env.sandbox.addFault({ kind: 'non-json', path: ENVELOPE_PATH, times: 1 });
			await assert.rejects(
				testClient().fetchToken(envelope()),
				rejectsWith('bad-response', (e) => assert.match(e.message, /not JSON/)),
			);

			await assert.rejects(
				testClient().fetchToken(withCustom(envelope(), { tokenPath: ['data', 'accessToken'] })),
				rejectsWith('bad-response', (e) => assert.match(e.message, /no access token at "data\.accessToken"/)),
			);
			env.sandbox.addFault({ kind: 'token', value: 'empty', path: ENVELOPE_PATH, times: 1 });
			await assert.rejects(testClient().fetchToken(envelope()), rejectsWith('bad-response'));

			for (const format of ['garbage', 'past', 'missing'] as const) {
				env.sandbox.addFault({ kind: 'expiry-format', format, path: ENVELOPE_PATH, times: 1 });
				await assert.rejects(
					testClient().fetchToken(envelope()),
					rejectsWith('bad-response', (e) => assert.match(e.message, /data\.expireAt|expired/)),
					format,
				);
			}
			// A lifetime in milliseconds read as seconds: 83 days, no token lives that long.
			env.sandbox.addFault({ kind: 'expiry-format', format: 'ms', path: WECHAT_STYLE_PATH, times: 1 });
			await assert.rejects(testClient().fetchToken(wechatStyle()), rejectsWith('bad-response'));
			// Reading the lifetime as an instant: a time in 1970.
			await assert.rejects(
				testClient().fetchToken(
					withCustom(wechatStyle(), { expiry: { kind: 'expires-at', path: ['expires_in'] } }),
				),
				rejectsWith('bad-response'),
			);
		});

		it('a redirect is refused and not followed: the auth header never reaches the other origin', async () => {
			const elsewhere: Sandbox = await startSandbox();
			try {
				env.sandbox.addFault({
					kind: 'redirect',
					location: `${elsewhere.url}${ENVELOPE_PATH}`,
					status: 307,
					path: ENVELOPE_PATH,
				});
				await assert.rejects(testClient().fetchToken(envelope()), rejectsWith('redirect-refused'));
				assert.equal(elsewhere.countRequests(), 0);
			} finally {
				await elsewhere.close();
			}
		});

		it('times out, retried; a cancelled request stops at once', async () => {
			env.sandbox.addFault({ kind: 'slow', delayMs: 3_000, path: ENVELOPE_PATH });
			const client = testClient({ timeoutMs: 100 });
			await assert.rejects(client.fetchToken(envelope()), rejectsWith('timeout'));
			assert.equal(client.delays.length, 2);

			const controller = new AbortController();
			const pending = testClient().fetchToken(envelope(), { signal: controller.signal });
			setTimeout(() => controller.abort(), 50);
			const started = Date.now();
			await assert.rejects(pending, rejectsWith('cancelled'));
			assert.ok(Date.now() - started < 1_000, 'did not wait for the slow answer');
		});

		it('refuses a bad URL, an unknown placeholder or an unusable header before anything is sent', async () => {
			const cases: readonly [CustomRequest, TokenErrorReason][] = [
				[withCustom(envelope(), { url: 'http://tokens.example.com/token' }), 'invalid-host'],
				[withCustom(envelope(), { url: `${env.sandbox.url}/team/api/token?s=\${appSecret}` }), 'invalid-host'],
				[withCustom(envelope(), { authHeader: 'Content-Type' }), 'invalid-host'],
				[{ ...envelope(), authHeaderValue: 'Bearer x\r\nX-Injected: 1' }, 'unauthorized'],
				[{ ...envelope(), authHeaderValue: '' }, 'unauthorized'],
			];
			for (const [request, reason] of cases) {
				await assert.rejects(testClient().fetchToken(request), rejectsWith(reason));
			}
			assert.equal(env.sandbox.countRequests(), 0);
		});

		it('the auth header value never leaves the client in an error, with or without its Bearer prefix', async () => {
			const echo = `refused: Authorization: Bearer ${SANDBOX_TEAM.envelopeBearerToken} (token ${SANDBOX_TEAM.envelopeBearerToken})`;
			env.sandbox.addFault({
				kind: 'http-error',
				status: 400,
				body: JSON.stringify({ code: 400, message: echo }),
				path: ENVELOPE_PATH,
			});
			await assert.rejects(
				testClient().fetchToken(envelope()),
				rejectsWith('rejected', (e) => {
					const texts = [
						e.message,
						e.details.upstreamMessage ?? '',
						e.cause instanceof Error ? e.cause.message : '',
					].join('\n');
					assert.ok(!texts.includes(SANDBOX_TEAM.envelopeBearerToken), texts);
					assert.match(e.details.upstreamMessage ?? '', /refused: Authorization: •••/);
				}),
			);
			env.sandbox.addFault({
				kind: 'wechat-errcode',
				errcode: 40164,
				errmsg: `not in whitelist, key ${SANDBOX_TEAM.wechatStyleKey}`,
				path: WECHAT_STYLE_PATH,
			});
			await assert.rejects(
				testClient().fetchToken(wechatStyle()),
				rejectsWith('ip-not-whitelisted', (e) =>
					assert.ok(!`${e.message} ${e.details.upstreamMessage ?? ''}`.includes(SANDBOX_TEAM.wechatStyleKey)),
				),
			);
		});
	});
});
