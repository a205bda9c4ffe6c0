import * as assert from 'node:assert/strict';
import { createDiagnosticsClient } from '../../../../src/core/diagnostics/diagnosticsClient';
import type { DiagnosticsCall } from '../../../../src/core/diagnostics/diagnosticsClient';
import { WechatApiError } from '../../../../src/core/diagnostics/wechatApiError';
import { TokenError } from '../../../../src/core/errors';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../../sandbox/fixtures';
import { diagnosticsCallTo, requestFor, stableTokenOf, testClient, useSandbox } from '../../support/sandboxHarness';

/** The extension's mask rule, written out so the test sees what the user would. */
const mask = (token: string): string => `${token.slice(0, 4)}…${token.slice(-4)}`;

describe('diagnostics: check a token, read a quota, explain a rid, against the sandbox over loopback', () => {
	const env = useSandbox();
	const client = () => createDiagnosticsClient({ maskToken: mask });
	const stableToken = (app?: { appId: string; appSecret: string }): Promise<string> =>
		stableTokenOf(env.sandbox.url, app);
	const callWith = (accessToken: string, secrets?: readonly string[]): DiagnosticsCall =>
		diagnosticsCallTo(env.sandbox.url, accessToken, secrets);

	describe('checkToken', () => {
		it('a token in force works, and the check is one GET that changes nothing', async () => {
			const token = await stableToken();
			const before = Date.now();
			const check = await client().checkToken(callWith(token));
			assert.equal(check.works, true);
			assert.ok(check.checkedAt >= before && check.checkedAt <= Date.now());
			const last = env.sandbox.requests.at(-1);
			assert.equal(last?.method, 'GET');
			assert.equal(last?.path, '/cgi-bin/get_api_domain_ip');
			assert.equal(last?.query.access_token, token);
			assert.equal(
				env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'),
				token,
				'no token was fetched or minted',
			);
		});

		it('a token a forced refresh replaced no longer works: 40001, with its rid', async () => {
			const token = await stableToken();
			await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
			const check = await client().checkToken(callWith(token));
			assert.equal(check.works, false);
			assert.equal(check.works === false && check.refusal.errcode, 40001);
			assert.match(
				check.works === false ? (check.refusal.rid ?? '') : '',
				/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/,
			);
		});

		it('an expired token: 42001', async () => {
			const token = await stableToken();
			env.sandbox.advance(7201);
			const check = await client().checkToken(callWith(token));
			assert.deepEqual(check.works === false && check.refusal.errcode, 42001);
		});

		it('a central cache that fetched a classic token serves it on after a classic fetch elsewhere killed it', async () => {
			env.sandbox.configure({ centralCacheLineage: 'classic' });
			const authing = async (): Promise<string> =>
				(await testClient().fetchToken(requestFor('authing', env.sandbox.url))).accessToken;
			const held = await authing();
			assert.equal((await client().checkToken(callWith(held))).works, true);
			await testClient().fetchToken(requestFor('wechat', env.sandbox.url));
			// A superseded classic token works 5 more minutes.
			env.sandbox.advance(5 * 60 + 1);
			const check = await client().checkToken(callWith(held));
			assert.equal(check.works === false && check.refusal.errcode, 40001);
			assert.equal(await authing(), held, 'the cache hands out the dead token again');
		});

		it('40014 (invalid access_token) also means the token no longer works', async () => {
			env.sandbox.addFault({
				kind: 'wechat-errcode',
				errcode: 40014,
				path: '/cgi-bin/get_api_domain_ip',
				times: 1,
			});
			const check = await client().checkToken(callWith(await stableToken()));
			assert.equal(check.works === false && check.refusal.errcode, 40014);
		});

		it('48001 is not a token problem: a WechatApiError with WeChat’s own words', async () => {
			env.sandbox.addFault({
				kind: 'wechat-errcode',
				errcode: 48001,
				path: '/cgi-bin/get_api_domain_ip',
				times: 1,
			});
			const error = await client()
				.checkToken(callWith(await stableToken()))
				.then(
					() => assert.fail('expected a refusal'),
					(caught: unknown) => caught,
				);
			assert.ok(WechatApiError.is(error));
			assert.equal(error.refusal.errcode, 48001);
			assert.equal(error.tokenNoLongerWorks, false);
			assert.match(error.refusal.errmsg, /^api unauthorized rid: /);
		});

		it('a gateway error and a refused connection are TokenErrors, as for token fetches', async () => {
			const token = await stableToken();
			env.sandbox.addFault({ kind: 'http-error', status: 502, path: '/cgi-bin/get_api_domain_ip', times: 1 });
			await assert.rejects(client().checkToken(callWith(token)), (error: unknown) =>
				TokenError.is(error, 'server-error'),
			);
			await assert.rejects(
				client().checkToken({ ...callWith(token), apiHost: 'http://127.0.0.1:9' }),
				(error: unknown) => TokenError.is(error, 'network'),
			);
		});

		it('plain http to anything but 127.0.0.1 or localhost is refused before a request', async () => {
			const token = await stableToken();
			const count = env.sandbox.countRequests();
			await assert.rejects(
				client().checkToken({ ...callWith(token), apiHost: `http://127.0.0.2:${env.sandbox.port}` }),
				(error: unknown) => TokenError.is(error, 'invalid-host'),
			);
			assert.equal(env.sandbox.countRequests(), count);
		});

		it('cancelled: a TokenError "cancelled", and the answer is never read', async () => {
			const token = await stableToken();
			env.sandbox.addFault({ kind: 'slow', delayMs: 2000, path: '/cgi-bin/get_api_domain_ip', times: 1 });
			const controller = new AbortController();
			const pending = client().checkToken({ ...callWith(token), signal: controller.signal });
			setTimeout(() => controller.abort(), 50);
			await assert.rejects(pending, (error: unknown) => TokenError.is(error, 'cancelled'));
		});
	});

	describe('getQuota', () => {
		it('counts the app’s successful calls of a path today: three stable_token calls → used 3', async () => {
			const token = await stableToken();
			await stableToken();
			await stableToken();
			await stableToken(SANDBOX_WECHAT_APP_2);
			const quota = await client().getQuota(callWith(token), '/cgi-bin/stable_token');
			assert.deepEqual(
				{ path: quota.path, dailyLimit: quota.dailyLimit, used: quota.used, remain: quota.remain },
				{ path: '/cgi-bin/stable_token', dailyLimit: 10000, used: 3, remain: 9997 },
			);
			assert.equal(quota.rateLimit, undefined);
			const body = env.sandbox.requests.at(-1)?.body;
			assert.deepEqual(body, { cgi_path: '/cgi-bin/stable_token' });
		});

		it('reports a rate limit when WeChat gives one, and the configured daily limit', async () => {
			env.sandbox.configure({ apiDailyLimits: { '/cgi-bin/message/custom/send': 40 } });
			const quota = await client().getQuota(callWith(await stableToken()), '/cgi-bin/message/custom/send');
			assert.deepEqual(quota.rateLimit, { callCount: 5000, refreshSeconds: 60 });
			assert.equal(quota.dailyLimit, 40);
			assert.equal(quota.remain, 40);
		});

		for (const [path, errcode] of [
			['/cgi-bin/no/such/api', 76021],
			['/sns/jscode2session', 76022],
			['cgi-bin/token', 76003],
		] as const) {
			it(`${path}: WeChat's ${errcode}, as a WechatApiError`, async () => {
				await assert.rejects(
					client().getQuota(callWith(await stableToken()), path),
					(error: unknown) => WechatApiError.is(error) && error.refusal.errcode === errcode,
				);
			});
		}

		it('a dead token: a WechatApiError that says the token no longer works', async () => {
			const token = await stableToken();
			await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
			await assert.rejects(
				client().getQuota(callWith(token), '/cgi-bin/token'),
				(error: unknown) => WechatApiError.is(error) && error.tokenNoLongerWorks,
			);
		});
	});

	describe('explainRid', () => {
		it('explains a failed call of the app: when, how long, the URL and body with the secrets hidden, the answer, the IP', async () => {
			const token = await stableToken();
			// A failed stable_token call: its body holds the AppSecret, which must not come back in clear.
			env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/cgi-bin/stable_token', times: 1 });
			const failure = await testClient()
				.fetchToken(requestFor('wechat-stable', env.sandbox.url))
				.then(
					() => assert.fail('expected 40164'),
					(caught: unknown) => caught,
				);
			assert.ok(TokenError.is(failure, 'ip-not-whitelisted'));
			const rid = failure.details.requestId;
			assert.ok(rid);
			const before = env.sandbox.now();
			const report = await client().explainRid(callWith(token), rid);
			assert.equal(report.rid, rid);
			assert.ok(Math.abs(report.invokedAt - before) < 5_000, 'when the call was made');
			assert.ok(report.costMs >= 0);
			assert.equal(report.requestUrl, 'https://api.weixin.qq.com/cgi-bin/stable_token');
			assert.ok(!report.requestBody.includes(SANDBOX_WECHAT_APP.appSecret), 'the AppSecret is blanked');
			assert.match(report.requestBody, /"secret":"•••"/);
			assert.match(report.requestBody, new RegExp(`"appid":"${SANDBOX_WECHAT_APP.appId}"`));
			assert.match(report.responseBody, /"errcode":40164/);
			assert.equal(report.clientIp, '203.0.113.7');
		});

		it('masks the access token a failed API call carried in its URL', async () => {
			const token = await stableToken();
			await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
			const dead = await client().checkToken(callWith(token));
			assert.equal(dead.works, false);
			const rid = dead.works === false ? dead.refusal.rid : undefined;
			assert.ok(rid);
			const current = env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
			const report = await client().explainRid(callWith(current), rid);
			assert.equal(
				report.requestUrl,
				`https://api.weixin.qq.com/cgi-bin/get_api_domain_ip?access_token=${mask(token)}`,
			);
			assert.ok(!JSON.stringify(report).includes(token), 'the old token appears nowhere in full');
		});

		it('76001 for a rid of another app, 76002 for a malformed one: WechatApiErrors with WeChat’s words', async () => {
			env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/cgi-bin/stable_token', times: 1 });
			const failure = await testClient()
				.fetchToken(requestFor('wechat-stable', env.sandbox.url))
				.catch((caught: unknown) => caught);
			const rid = TokenError.is(failure) ? failure.details.requestId : undefined;
			assert.ok(rid);
			const otherAppsToken = await stableToken(SANDBOX_WECHAT_APP_2);
			await assert.rejects(
				client().explainRid(callWith(otherAppsToken), rid),
				(error: unknown) =>
					WechatApiError.is(error) &&
					error.refusal.errcode === 76001 &&
					/rid not found/.test(error.refusal.errmsg),
			);
			await assert.rejects(
				client().explainRid(callWith(otherAppsToken), 'not-a-rid'),
				(error: unknown) => WechatApiError.is(error) && error.refusal.errcode === 76002,
			);
		});

		it('a rid older than 7 days is gone (76001)', async () => {
			env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 45009, path: '/cgi-bin/stable_token', times: 1 });
			const failure = await testClient()
				.fetchToken(requestFor('wechat-stable', env.sandbox.url))
				.catch((caught: unknown) => caught);
			const rid = TokenError.is(failure) ? failure.details.requestId : undefined;
			assert.ok(rid);
			env.sandbox.advance(7 * 86_400 + 1);
			await assert.rejects(
				client().explainRid(callWith(await stableToken()), rid),
				(error: unknown) => WechatApiError.is(error) && error.refusal.errcode === 76001,
			);
		});
	});
});
