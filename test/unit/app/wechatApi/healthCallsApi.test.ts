import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { HealthCalls } from '../../../../src/app/health/healthCalls';
import { TokenHealth } from '../../../../src/app/health/tokenHealth';
import { maskToken } from '../../../../src/app/tokens/maskToken';
import { createDiagnosticsClient } from '../../../../src/core/diagnostics/diagnosticsClient';
import type { ApiCallRequest } from '../../../../src/core/wechatHttp/apiAnswer';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../../sandbox/fixtures';
import { CUSTOM_SEND_PATH, USER_INFO_PATH } from '../../../sandbox/routes/wechatAccountApis';
import { SANDBOX_WECHAT_USERS } from '../../../sandbox/wechatUsers';
import { sandboxApp } from '../../support/apps';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { rejectsWith } from '../../support/rejectsWith';
import { requestFor, stableTokenOf, testClient, useSandbox } from '../../support/sandboxHarness';

const [USER, , USER_OF_APP_2] = SANDBOX_WECHAT_USERS.map((user) => user.openid) as [string, string, string];

const userInfo = (openid: string): ApiCallRequest => ({
	method: 'GET',
	pathAndQuery: `${USER_INFO_PATH}?openid=${openid}&lang=zh_CN`,
	headers: [],
});
const customSend = (openid: string): ApiCallRequest => ({
	method: 'POST',
	pathAndQuery: CUSTOM_SEND_PATH,
	headers: [],
	body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content: '你好' } }),
});

describe('HealthCalls.api: a request file’s call, and what it teaches the sidebar about the token', () => {
	const env = useSandbox();
	let health: TokenHealth;
	let calls: HealthCalls;
	let changes: string[];
	let shop: WechatApp;
	let blog: WechatApp;

	beforeEach(() => {
		health = new TokenHealth();
		changes = [];
		health.onDidChange((identity) => changes.push(identity));
		calls = new HealthCalls({
			health,
			credentials: new CredentialStore(new MemorySecretStore()),
			diagnostics: () => createDiagnosticsClient({ maskToken }),
			wechatApiHost: () => env.sandbox.url,
		});
		shop = sandboxApp('wechat-stable', env.sandbox.url, { name: 'Shop' });
		blog = sandboxApp('wechat-stable', env.sandbox.url, { name: 'Blog', appId: SANDBOX_WECHAT_APP_2.appId });
	});
	afterEach(() => health.dispose());

	const stableToken = (app?: { appId: string; appSecret: string }): Promise<string> =>
		stableTokenOf(env.sandbox.url, app);

	it('40001 in the answer: the answer comes back, and the token is recorded as dead with WeChat’s refusal', async () => {
		const token = await stableToken();
		await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
		const answer = await calls.api({ app: shop, accessToken: token }, userInfo(USER));
		assert.equal(answer.kind === 'json' && answer.refusal?.errcode, 40001);
		assert.equal(health.isDead(shop.identity, token), true);
		const check = health.deadCheck(shop.identity, token);
		assert.equal(check?.works, false);
		assert.equal(check?.checkedAt, answer.receivedAt);
		assert.deepEqual(check?.works === false && check.refusal, answer.kind === 'json' && answer.refusal);
		assert.deepEqual(changes, [shop.identity]);
		assert.equal(health.isDead(blog.identity, token), false, 'only that app');
		const newer = env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable');
		assert.equal(health.isDead(shop.identity, newer), false, 'only that token');
	});

	it('42001 (expired) is a dead token too', async () => {
		const token = await stableToken();
		env.sandbox.advance(7201);
		const answer = await calls.api({ app: shop, accessToken: token }, customSend(USER));
		assert.equal(answer.kind === 'json' && answer.refusal?.errcode, 42001);
		assert.equal(health.isDead(shop.identity, token), true);
	});

	it('48001 (API not authorized) is not the token’s fault: nothing recorded', async () => {
		const token = await stableToken(SANDBOX_WECHAT_APP_2);
		const answer = await calls.api({ app: blog, accessToken: token }, customSend(USER_OF_APP_2));
		assert.equal(answer.kind === 'json' && answer.refusal?.errcode, 48001);
		assert.equal(health.isDead(blog.identity, token), false);
		assert.deepEqual(changes, []);
	});

	it('another refusal (40003) records nothing either', async () => {
		const token = await stableToken();
		const answer = await calls.api({ app: shop, accessToken: token }, customSend(USER_OF_APP_2));
		assert.equal(answer.kind === 'json' && answer.refusal?.errcode, 40003);
		assert.deepEqual(changes, []);
	});

	it('a success records nothing: no dead token, no quota, no change', async () => {
		const token = await stableToken();
		const answer = await calls.api({ app: shop, accessToken: token }, userInfo(USER));
		assert.equal(answer.kind, 'json');
		assert.equal(answer.kind === 'json' && answer.refusal, undefined);
		assert.equal(health.isDead(shop.identity, token), false);
		assert.deepEqual(health.recentQuotas(shop.identity), []);
		assert.deepEqual(changes, []);
		assert.equal(env.sandbox.requests.at(-1)?.query['access_token'], token, 'sent to the app’s own host');
	});

	it('a call that fails (cancelled) throws, and records nothing', async () => {
		const token = await stableToken();
		await assert.rejects(
			calls.api({ app: shop, accessToken: token, signal: AbortSignal.abort() }, userInfo(USER)),
			rejectsWith('cancelled'),
		);
		assert.deepEqual(changes, []);
	});
});
