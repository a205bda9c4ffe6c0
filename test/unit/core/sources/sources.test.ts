import * as assert from 'node:assert/strict';
import { TokenError } from '../../../../src/core/errors';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { ALL_SOURCES, TOKEN_PATH, requestFor, testClient, useSandbox } from '../../support/sandboxHarness';

describe('client: every source against the sandbox over loopback HTTP', () => {
	const env = useSandbox();

	for (const source of ALL_SOURCES) {
		it(`${source}: returns the token the sandbox issued, with its expiry`, async () => {
			const before = Date.now();
			const token = await testClient().fetchToken(requestFor(source, env.sandbox.url));
			assert.equal(token.source, source);
			assert.ok(env.sandbox.isTokenValid(token.accessToken), 'the sandbox knows this token as valid');
			assert.ok(token.fetchedAt >= before && token.fetchedAt <= Date.now());
			const lifetime = token.expiresAt - token.fetchedAt;
			assert.ok(lifetime > 7_195_000 && lifetime <= 7_200_000, `lifetime ${lifetime}`);
		});
	}

	it('authing: sends the Authing app id and the WeChat credentials, no Authing secret', async () => {
		await testClient({ lang: 'zh-CN' }).fetchToken(requestFor('authing', env.sandbox.url));
		const [request] = env.sandbox.requests;
		assert.equal(request?.path, TOKEN_PATH.authing);
		assert.equal(request?.headers['x-authing-app-id'], SANDBOX_AUTHING.authingAppId);
		assert.equal(request?.headers['x-authing-lang'], 'zh-CN');
		assert.equal(request?.headers['authorization'], undefined);
		assert.deepEqual(request?.body, { appId: SANDBOX_WECHAT_APP.appId, appSecret: SANDBOX_WECHAT_APP.appSecret });
	});

	it('authing: returns the token Authing already holds, call after call', async () => {
		const client = testClient();
		const first = await client.fetchToken(requestFor('authing', env.sandbox.url));
		const second = await client.fetchToken(requestFor('authing', env.sandbox.url));
		assert.equal(second.accessToken, first.accessToken);
		assert.ok(env.sandbox.isTokenValid(first.accessToken));
	});

	it('authing: falls back to the legacy path when the current one is missing (404)', async () => {
		env.sandbox.addFault({ kind: 'not-found', path: TOKEN_PATH.authing });
		const token = await testClient().fetchToken(requestFor('authing', env.sandbox.url));
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.deepEqual(
			env.sandbox.requests.map((r) => r.path),
			['/api/v3/get-wechat-access-token-info', '/api/v3/get-wechat-access-token'],
		);
	});

	it('authing: sends an optional user access token as a Bearer token', async () => {
		await testClient().fetchToken(
			requestFor('authing', env.sandbox.url, { userAccessToken: SANDBOX_AUTHING.userAccessToken }),
		);
		assert.equal(env.sandbox.requests[0]?.headers['authorization'], `Bearer ${SANDBOX_AUTHING.userAccessToken}`);
	});

	it('authing-management: caches the management token across calls', async () => {
		const client = testClient();
		await client.fetchToken(requestFor('authing-management', env.sandbox.url));
		await client.fetchToken(requestFor('authing-management', env.sandbox.url));
		assert.equal(env.sandbox.countRequests('/api/v3/get-management-token'), 1);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['authing-management']), 2);
		const call = env.sandbox.requests.find((r) => r.path === TOKEN_PATH['authing-management']);
		assert.equal(call?.headers['x-authing-userpool-id'], SANDBOX_AUTHING.userPoolId);
		assert.match(call?.headers['authorization'] ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
	});

	it('authing-management: after a 401 on a cached management token, gets a new one and retries once', async () => {
		const client = testClient();
		await client.fetchToken(requestFor('authing-management', env.sandbox.url));
		env.sandbox.revokeManagementTokens();
		const token = await client.fetchToken(requestFor('authing-management', env.sandbox.url));
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.equal(env.sandbox.countRequests('/api/v3/get-management-token'), 2);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['authing-management']), 3);
	});

	it('authing-management: a management token refused right after it was issued is not retried forever', async () => {
		const client = testClient();
		env.sandbox.addFault({
			kind: 'authing-status',
			path: TOKEN_PATH['authing-management'],
			statusCode: 401,
			httpStatus: 401,
			message: 'token expired',
		});
		await assert.rejects(client.fetchToken(requestFor('authing-management', env.sandbox.url)), (e: unknown) =>
			TokenError.is(e, 'unauthorized'),
		);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['authing-management']), 2);
	});

	it('authing-management: the HMAC-SHA1 signature scheme is accepted by the server', async () => {
		const token = await testClient().fetchToken(
			requestFor('authing-management', env.sandbox.url, { scheme: 'signature' }),
		);
		assert.ok(env.sandbox.isTokenValid(token.accessToken));
		assert.equal(env.sandbox.countRequests('/api/v3/get-management-token'), 0);
		assert.match(env.sandbox.requests[0]?.headers['authorization'] ?? '', /^authing [0-9a-f]+:[A-Za-z0-9+/]+=*$/);
	});

	it('authing-management: a wrong access key secret is unauthorized, and is not cached', async () => {
		const client = testClient();
		const wrong = requestFor('authing-management', env.sandbox.url, { accessKeySecret: '0'.repeat(32) });
		await assert.rejects(client.fetchToken(wrong), (e: unknown) => TokenError.is(e, 'unauthorized'));
		await client.fetchToken(requestFor('authing-management', env.sandbox.url));
	});

	it('wechat-stable: returns the same token while it is valid, and never forces a refresh unasked', async () => {
		const client = testClient();
		const first = await client.fetchToken(requestFor('wechat-stable', env.sandbox.url));
		const second = await client.fetchToken(requestFor('wechat-stable', env.sandbox.url));
		assert.equal(second.accessToken, first.accessToken);
		assert.deepEqual(env.sandbox.requests[0]?.body, {
			grant_type: 'client_credential',
			appid: SANDBOX_WECHAT_APP.appId,
			secret: SANDBOX_WECHAT_APP.appSecret,
			force_refresh: false,
		});
	});

	it('wechat-stable: force_refresh only when asked, and then the old token dies', async () => {
		const client = testClient();
		const first = await client.fetchToken(requestFor('wechat-stable', env.sandbox.url));
		const forced = await client.fetchToken(
			requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }),
		);
		assert.notEqual(forced.accessToken, first.accessToken);
		assert.equal((env.sandbox.requests[1]?.body as { force_refresh?: boolean }).force_refresh, true);
		assert.equal(env.sandbox.isTokenValid(first.accessToken), false);
	});

	it('wechat: refuses to call the classic endpoint without the opt-in, before any request', async () => {
		await assert.rejects(
			testClient().fetchToken(
				requestFor('wechat', env.sandbox.url, { invalidatesOtherTokensAcknowledged: false }),
			),
			(e: unknown) => TokenError.is(e, 'classic-not-acknowledged'),
		);
		assert.equal(env.sandbox.requests.length, 0);
	});

	it('wechat: every classic call mints a new token (why it needs the opt-in)', async () => {
		const client = testClient();
		const first = await client.fetchToken(requestFor('wechat', env.sandbox.url));
		const second = await client.fetchToken(requestFor('wechat', env.sandbox.url));
		assert.notEqual(second.accessToken, first.accessToken);
		assert.equal(env.sandbox.requests[0]?.method, 'GET');
		assert.deepEqual(env.sandbox.requests[0]?.query, {
			grant_type: 'client_credential',
			appid: SANDBOX_WECHAT_APP.appId,
			secret: SANDBOX_WECHAT_APP.appSecret,
		});
	});
});
