import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import { presentError } from '../../../../src/app/errors/errorMessages';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import { SANDBOX_TEAM, SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { TEAM_AUTH_HEADER_VALUES, teamEnvelopeSettings, teamWechatStyleSettings } from '../../../sandbox/teamSettings';
import { sandboxApp } from '../../support/apps';
import { englishL10n } from '../../support/englishL10n';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { testClient, useSandbox } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';

describe('custom source: token service with an in-memory SecretStorage, against the sandbox', () => {
	const env = useSandbox();
	let services: TokenService[] = [];
	afterEach(() => {
		services.forEach((service) => service.dispose());
		services = [];
	});

	function window(
		secrets = new MemorySecretStore(),
		log = recordingLog(),
	): {
		service: TokenService;
		credentials: CredentialStore;
		secrets: MemorySecretStore;
		log: ReturnType<typeof recordingLog>;
	} {
		const credentials = new CredentialStore(secrets);
		const service = new TokenService({
			secrets,
			credentials,
			client: testClient(),
			log,
			marginMs: 0,
			lease: SINGLE_WINDOW_LEASE,
		});
		services.push(service);
		return { service, credentials, secrets, log };
	}

	const wechatStyleApp = (overrides: Partial<WechatApp['custom']> = {}): WechatApp =>
		sandboxApp('custom', env.sandbox.url, {
			name: 'Team Server',
			custom: { ...teamWechatStyleSettings(env.sandbox.url), ...overrides },
		});
	const envelopeApp = (): WechatApp =>
		sandboxApp('custom', env.sandbox.url, { name: 'Team API', custom: teamEnvelopeSettings(env.sandbox.url) });

	it('gets the central token from either team server with the stored header value, then serves it from the cache', async () => {
		const { service, credentials, secrets, log } = window();
		const apps = [wechatStyleApp(), envelopeApp()];
		await service.setApps(apps);
		await credentials.write(apps[0]!, { authHeaderValue: TEAM_AUTH_HEADER_VALUES.wechatStyle });
		await credentials.write(apps[1]!, { authHeaderValue: TEAM_AUTH_HEADER_VALUES.envelope });
		for (const app of apps) {
			assert.equal(service.state(app).credentials, 'present');
			const token = await service.get(app);
			assert.equal(token.accessToken, env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
			assert.equal((await service.get(app)).accessToken, token.accessToken);
		}
		assert.equal(env.sandbox.countRequests('/team/wechat/token'), 1);
		assert.equal(env.sandbox.countRequests('/team/api/token'), 1);
		const logged = log.lines.join('\n');
		for (const secret of [
			SANDBOX_TEAM.wechatStyleKey,
			SANDBOX_TEAM.envelopeBearerToken,
			env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable') ?? '',
		]) {
			assert.ok(!logged.includes(secret), 'no header value or full token in the log');
		}
		assert.ok(
			!secrets.keys().some((key) => key.includes(SANDBOX_TEAM.wechatStyleKey)),
			'secrets are values, never part of a key',
		);
	});

	it('without the header value stored: credentials-missing, and nothing is sent', async () => {
		const { service } = window();
		const app = wechatStyleApp();
		await service.setApps([app]);
		assert.equal(service.state(app).credentials, 'missing');
		await assert.rejects(
			service.get(app),
			(e: unknown) => CredentialError.is(e, 'credentials-missing') && e.missing.includes('authHeaderValue'),
		);
		assert.equal(env.sandbox.countRequests(), 0);
	});

	it('an app that names no header needs no secret; the server refusing it says to set the header', async () => {
		const { service } = window();
		const app = sandboxApp('custom', env.sandbox.url, {
			name: 'Open',
			custom: { ...teamWechatStyleSettings(env.sandbox.url), authHeader: undefined },
		});
		await service.setApps([app]);
		assert.equal(service.state(app).credentials, 'present');
		const error: unknown = await service.get(app).catch((e: unknown) => e);
		assert.ok(TokenError.is(error, 'unauthorized'));
		assert.equal(env.sandbox.requests[0]?.headers['x-team-key'], undefined);
		const shown = presentError(error, { appName: app.name, host: app.host, source: app.source }, englishL10n);
		assert.match(
			shown?.message ?? '',
			new RegExp(
				`^“Open”: ${app.host.replace(/\./g, '\\.')} refused the request’s credentials\\..*“custom\\.authHeader”`,
			),
		);
	});

	it('a wrong header value: unauthorized, the stored value kept for the user to replace', async () => {
		const { service, credentials } = window();
		const app = envelopeApp();
		await service.setApps([app]);
		await credentials.write(app, { authHeaderValue: 'Bearer wrong-wrong-wrong' });
		await assert.rejects(
			service.get(app),
			(e: unknown) => TokenError.is(e, 'unauthorized') && e.details.httpStatus === 401,
		);
		assert.equal(env.sandbox.countRequests('/team/api/token'), 1, 'not retried');
		assert.deepEqual(await credentials.read(app), { authHeaderValue: 'Bearer wrong-wrong-wrong' });
	});

	it('pointing the app at another URL makes its secret missing; it is offered for reuse, never an AppSecret', async () => {
		const { service, credentials } = window();
		const before = wechatStyleApp();
		await service.setApps([before]);
		await credentials.write(before, { authHeaderValue: TEAM_AUTH_HEADER_VALUES.wechatStyle });
		// A WeChat app with the same AppID: its AppSecret is no secret a team server takes.
		const stable = sandboxApp('wechat-stable', env.sandbox.url, { name: 'Stable' });
		await credentials.write(stable, { appSecret: SANDBOX_WECHAT_APP.appSecret });

		const moved = wechatStyleApp({ url: `${env.sandbox.url}/team/wechat/token?appid=\${appId}&v=2` });
		assert.notEqual(moved.identity, before.identity);
		assert.equal(moved.host, before.host, 'same server, another URL');
		await service.setApps([moved, stable]);
		assert.equal(service.state(moved).credentials, 'missing');
		const offer = await credentials.findReusable(moved);
		assert.equal(offer?.identity, before.identity);
		assert.equal(
			offer?.destination,
			`${env.sandbox.url}/team/wechat/token?appid=${SANDBOX_WECHAT_APP.appId}`,
			'the offer names the old URL',
		);
		assert.deepEqual(offer?.fields, ['authHeaderValue']);

		await credentials.reuse(offer, moved, new Set([moved.identity, stable.identity]));
		await service.reload([moved]);
		assert.deepEqual(await credentials.read(moved), { authHeaderValue: TEAM_AUTH_HEADER_VALUES.wechatStyle });
		assert.deepEqual(await credentials.read(before), {}, 'the copy for the old URL is gone');
		assert.equal(
			(await service.get(moved)).accessToken,
			env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'),
		);
		assert.deepEqual(env.sandbox.requests[0]?.query, { appid: SANDBOX_WECHAT_APP.appId, v: '2' });

		// The other way round: a custom app's header value is never offered to a WeChat app.
		const movedStable = sandboxApp('wechat-stable', 'https://api.weixin.qq.com', { name: 'Stable' });
		await credentials.deleteAll(stable, new Set([moved.identity]));
		assert.equal(await credentials.findReusable(movedStable), undefined);
	});
});
