import * as assert from 'node:assert/strict';
import type { WechatAccessTokenApi } from '../../../../src/api/wechatAccessTokenApi';
import { TokenUseCase } from '../../../../src/app/tokens/tokenUseCase';
import { createAccessTokenApi } from '../../../../src/app/api/accessTokenApi';
import { createHealthApi } from '../../../../src/app/api/healthApi';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import type { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { HealthCalls } from '../../../../src/app/health/healthCalls';
import { TokenHealth } from '../../../../src/app/health/tokenHealth';
import { maskToken } from '../../../../src/app/tokens/maskToken';
import { ActiveApp } from '../../../../src/app/tokens/activeApp';
import { ClassicConsent } from '../../../../src/app/tokens/classicConsent';
import type { TokenService } from '../../../../src/app/tokens/tokenService';
import { createDiagnosticsClient } from '../../../../src/core/diagnostics/diagnosticsClient';
import { TokenError } from '../../../../src/core/errors';
import type { TokenSourceKind } from '../../../../src/core/tokenTypes';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { rejectsWithCode } from '../../support/apiRejection';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { englishL10n } from '../../support/englishL10n';
import { recordingLog } from '../../support/recordingLog';
import { requestFor, testClient, useSandbox } from '../../support/sandboxHarness';
import { singleWindowTokens } from '../../support/singleWindow';
import { memoryStateStore } from '../../support/memoryStateStore';

describe('the API for other extensions: token health as plain data, over loopback to the sandbox', () => {
	const env = useSandbox();
	let service: TokenService;
	let credentials: CredentialStore;
	let activeApp: ActiveApp;
	let health: TokenHealth;
	let api: Pick<WechatAccessTokenApi, 'checkToken' | 'getQuota' | 'explainRid'>;

	beforeEach(() => {
		const log = recordingLog();
		({ credentials, service } = singleWindowTokens());
		activeApp = new ActiveApp({ tokens: service });
		health = new TokenHealth();
		const consent = new ClassicConsent(memoryStateStore());
		const deps = { service, activeApp, l10n: englishL10n, log, timeoutSeconds: () => 15 };
		api = createHealthApi({
			...deps,
			tokens: createAccessTokenApi({ ...deps, tokens: new TokenUseCase({ service, credentials, consent, log }) }),
			healthCalls: new HealthCalls({
				health,
				credentials,
				diagnostics: () => createDiagnosticsClient({ maskToken }),
				wechatApiHost: () => env.sandbox.url,
			}),
		});
	});
	afterEach(() => {
		activeApp.dispose();
		service.dispose();
	});

	async function withApp(source: TokenSourceKind, name = 'Shop'): Promise<WechatApp> {
		const app = sandboxApp(source, env.sandbox.url, { name });
		await service.setApps([app]);
		await credentials.write(app, sandboxSecrets(app.source));
		return app;
	}

	it('checkToken: works, then refused once a forced refresh elsewhere replaced it; the app shows as refused', async () => {
		const app = await withApp('wechat-stable');
		const first = await api.checkToken('Shop');
		assert.equal(first.works, true);
		assert.equal(first.appName, 'Shop');
		const token = env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
		await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
		const second = await api.checkToken('Shop');
		assert.deepEqual(
			{ works: second.works, errcode: second.errcode },
			{ works: false, errcode: 40001 },
			'the cached token, now dead',
		);
		assert.equal(health.isDead(app.identity, token), true);
		assert.equal(env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable') === token, false, 'nothing fetched');
	});

	it('getQuota with a token killed elsewhere: refused, and the app shows as refused, as the command records it', async () => {
		const app = await withApp('wechat-stable');
		await api.checkToken('Shop');
		const token = env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
		await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
		await rejectsWithCode(api.getQuota('Shop', '/cgi-bin/stable_token'), 'wechat-refused');
		assert.equal(health.isDead(app.identity, token), true);
	});

	it('checkToken for an Authing app goes to the wechatApiHost setting', async () => {
		await withApp('authing', 'Blog');
		assert.equal((await api.checkToken('Blog')).works, true);
		assert.equal(env.sandbox.requests.at(-1)?.path, '/cgi-bin/get_api_domain_ip');
	});

	it('getQuota: the day’s use of a path; a bad path is refused before any request', async () => {
		const app = await withApp('wechat-stable');
		const quota = await api.getQuota('Shop', '/cgi-bin/stable_token');
		assert.deepEqual(
			{ appName: quota.appName, path: quota.path, used: quota.used, remain: quota.remain },
			{ appName: 'Shop', path: '/cgi-bin/stable_token', used: 1, remain: 9999 },
		);
		assert.deepEqual(
			health.recentQuotas(app.identity).map((read) => read.path),
			['/cgi-bin/stable_token'],
		);
		const count = env.sandbox.countRequests();
		await rejectsWithCode(api.getQuota('Shop', 'https://api.weixin.qq.com/cgi-bin/token'), 'invalid-path');
		assert.equal(env.sandbox.countRequests(), count);
		await rejectsWithCode(api.getQuota('Shop', '/cgi-bin/no/such/api'), 'wechat-refused');
	});

	it('explainRid: the failed call with its secret blanked; another app’s or a malformed rid is refused', async () => {
		await withApp('wechat-stable');
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/cgi-bin/stable_token', times: 1 });
		const failure: unknown = await testClient()
			.fetchToken(requestFor('wechat-stable', env.sandbox.url))
			.then(
				() => assert.fail('expected 40164'),
				(error: unknown) => error,
			);
		const rid = TokenError.is(failure) ? failure.details.requestId : undefined;
		assert.ok(rid);
		const info = await api.explainRid('Shop', `invalid ip … rid: ${rid}`);
		assert.equal(info.rid, rid);
		assert.ok(!JSON.stringify(info).includes(SANDBOX_WECHAT_APP.appSecret), 'no AppSecret');
		assert.match(info.responseBody, /40164/);
		const error = await rejectsWithCode(api.explainRid('Shop', '64a3b2c1-0e4a6f2d-1b3c5d7e'), 'wechat-refused');
		assert.match(error.message, /76001/);
		await rejectsWithCode(api.explainRid('Shop', 'two words'), 'invalid-rid');
	});
});
