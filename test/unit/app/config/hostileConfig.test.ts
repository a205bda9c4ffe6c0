import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { WechatApp, WechatAppConfig } from '../../../../src/app/config/appConfig';
import { parseApps } from '../../../../src/app/config/appConfig';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import { presentError } from '../../../../src/app/errors/errorMessages';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import type { Sandbox } from '../../../sandbox/sandboxServer';
import { startSandbox } from '../../../sandbox/sandboxServer';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { englishL10n } from '../../support/englishL10n';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { ALL_SOURCES, TOKEN_PATH, testClient } from '../../support/sandboxHarness';
import { snapshotSecrets } from '../../support/secretSnapshot';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { approveEveryClassicMint } from '../../support/classicMintPrompts';

const PASSWORD = 'pw-9f3a1c';
const SECRETS = [SANDBOX_WECHAT_APP.appSecret, SANDBOX_AUTHING.accessKeySecret];

/** Whether a request carried any of our secrets, wherever in it: query, headers or body. */
function carriesSecret(request: Sandbox['requests'][number]): boolean {
	const text = JSON.stringify({ query: request.query, headers: request.headers, body: request.rawBody });
	return SECRETS.some((secret) => text.includes(secret));
}

/** Whether plain http to `url` reaches this machine's sandbox: then refusing it is what kept the secrets home. */
function reaches(url: string): Promise<boolean> {
	return new Promise((resolve) => {
		const request = http.get(`${url}/__sandbox/state`, (response) => {
			response.resume();
			resolve(response.statusCode === 200);
		});
		request.on('error', () => resolve(false));
		request.setTimeout(1000, () => request.destroy());
	});
}

describe('hostile configuration: a setting cannot send stored secrets somewhere new', () => {
	let home: Sandbox;
	let elsewhere: Sandbox;
	/** This machine by a name a proxy resolver does not treat as local: plain http there could go through a proxy. */
	let alias: Sandbox;
	let services: TokenService[] = [];

	before(async () => {
		[home, elsewhere, alias] = await Promise.all([
			startSandbox(),
			startSandbox(),
			startSandbox({ hostname: '127.0.0.2' }),
		]);
	});
	afterEach(() => {
		services.forEach((service) => service.dispose());
		services = [];
		home.reset();
		elsewhere.reset();
		alias.reset();
	});
	after(async () => {
		await Promise.all([home.close(), elsewhere.close(), alias.close()]);
	});

	function service(secrets: MemorySecretStore): TokenService {
		const created = new TokenService({
			secrets,
			credentials: new CredentialStore(secrets),
			client: testClient({ timeoutMs: 1000 }),
			lease: SINGLE_WINDOW_LEASE,
			classicMintPrompt: approveEveryClassicMint,
		});
		services.push(created);
		return created;
	}

	/** The app as the user set it up: in user settings, pointed at `home`, secrets entered, a token fetched. */
	async function establishedApp(
		source: (typeof ALL_SOURCES)[number],
	): Promise<{ tokens: TokenService; credentials: CredentialStore; app: WechatApp; secrets: MemorySecretStore }> {
		const secrets = new MemorySecretStore();
		const credentials = new CredentialStore(secrets);
		const tokens = service(secrets);
		const app = sandboxApp(source, home.url);
		await tokens.setApps([app]);
		await credentials.write(app, sandboxSecrets(source));
		await tokens.get(app, { allowClassic: true });
		return { tokens, credentials, app, secrets };
	}

	for (const source of ALL_SOURCES) {
		it(`${source}: a workspace setting moving the app to another host: no secret goes there until the user confirms`, async () => {
			const { tokens, credentials, app, secrets } = await establishedApp(source);
			const stored = await snapshotSecrets(secrets);

			// The workspace's .vscode/settings.json says the same app (name, AppID, source) lives elsewhere.
			const moved = sandboxApp(source, elsewhere.url);
			assert.equal(moved.name, app.name);
			await tokens.setApps([moved]);
			assert.equal(tokens.state(moved).credentials, 'missing', 'the secrets are bound to the old host');
			assert.equal(tokens.state(moved).token, undefined, 'the old host’s token is not shown as this one’s');
			await assert.rejects(tokens.get(moved, { allowClassic: true }), (error: unknown) =>
				CredentialError.is(error, 'credentials-missing'),
			);
			await assert.rejects(tokens.get(moved, { allowClassic: true, bypassCache: true }), (error: unknown) =>
				CredentialError.is(error, 'credentials-missing'),
			);
			assert.equal(elsewhere.requests.length, 0, 'the new host received nothing');
			assert.deepEqual(
				await snapshotSecrets(secrets),
				stored,
				'nothing was copied to the new identity, nothing deleted',
			);

			// Only the user's confirmation (the “use the secrets saved for …?” prompt) moves them.
			const offer = await credentials.findReusable(moved);
			assert.equal(offer?.host, app.host, 'the prompt names where the secrets were entered');
			await credentials.reuse(offer, moved, new Set([moved.identity]));
			await tokens.get(moved, { allowClassic: true });
			assert.equal(elsewhere.countRequests(TOKEN_PATH[source]), 1);
			assert.ok(elsewhere.requests.some(carriesSecret), 'after confirming, the secrets do go there');
		});
	}

	it('changing only the Authing application ID also leaves the secrets behind', async () => {
		const { tokens } = await establishedApp('authing');
		const retargeted = sandboxApp('authing', home.url, { authingAppId: 'ffffffffffffffffffffffff' });
		await tokens.setApps([retargeted]);
		const requests = home.requests.length;
		await assert.rejects(tokens.get(retargeted), (error: unknown) =>
			CredentialError.is(error, 'credentials-missing'),
		);
		assert.equal(home.requests.length, requests);
	});

	it('the same host spelled differently is the same place: the secrets still apply', async () => {
		const { tokens, app } = await establishedApp('wechat-stable');
		const respelled = sandboxApp('wechat-stable', `${home.url.replace('http://', 'HTTP://')}/`);
		assert.equal(respelled.identity, app.identity);
		await tokens.setApps([respelled]);
		assert.equal(tokens.state(respelled).credentials, 'present');
	});

	describe('hosts refused before any request, even with the secrets at hand', () => {
		/**
		 * Each host would reach the `home` sandbox (or `alias`, on 127.0.0.2) if it were used: 0.0.0.0 and the IPv4-mapped
		 * IPv6 loopback connect to this machine, the others name a sandbox. None is a name VS Code's proxy
		 * support always connects to directly, so over plain http a proxy could read the secrets. Each is checked twice:
		 * as a setting (parseApps), and as an app whose identity has secrets stored, as if a bug let it through the settings.
		 */
		const hostile = (port: number): ReadonlyArray<readonly [string, string]> => [
			['plain http to a non-loopback address', `http://0.0.0.0:${port}`],
			['plain http to an IPv4-mapped address', `http://[::ffff:127.0.0.1]:${port}`],
			['plain http to another loopback address', `http://127.0.0.2:${alias.port}`],
			['user name and password', `http://user:${PASSWORD}@127.0.0.1:${port}`],
			['a password with a slash in it', `http://user:${PASSWORD}/x@127.0.0.1:${port}`],
			['path traversal', `http://127.0.0.1:${port}/api/../`],
			['encoded path traversal', `http://127.0.0.1:${port}/%2e%2e/`],
			['a backslash that hides the real host', `http://127.0.0.1:${port}\\@api.weixin.qq.com`],
			['a query', `http://127.0.0.1:${port}/?appid=x`],
		];

		it('the sandbox is reachable through the plain-http addresses, so refusing them is what protects the secrets', async () => {
			const reachable = await Promise.all(
				[
					`http://0.0.0.0:${home.port}`,
					`http://[::ffff:127.0.0.1]:${home.port}`,
					`http://127.0.0.2:${alias.port}`,
				].map(reaches),
			);
			// Informational where the OS does not route them; the refusals below hold either way.
			if (!reachable.every(Boolean)) {
				console.log(`    (not reachable here: ${reachable.map(String).join(', ')})`);
			}
		});

		for (const source of ALL_SOURCES) {
			it(`${source}: every hostile host is a settings problem and an invalid-host error, and nothing is sent`, async () => {
				const { tokens, app, secrets } = await establishedApp(source);
				const before = home.requests.length;
				for (const [what, host] of hostile(home.port)) {
					const entry: WechatAppConfig = { ...app, host };
					const parsed = parseApps([entry], englishL10n);
					assert.equal(parsed.apps.length, 0, `${what}: accepted by parseApps`);
					assert.ok(
						!parsed.problems[0]?.message.includes(PASSWORD),
						`${what}: the problem echoes the password`,
					);

					// As if the settings had let it through: same identity (secrets stored), hostile host.
					const smuggled: WechatApp = { ...app, host };
					const failure = await tokens.get(smuggled, { allowClassic: true, bypassCache: true }).then(
						() => assert.fail(`${what}: a token was fetched from ${host}`),
						(error: unknown) => error,
					);
					assert.ok(TokenError.is(failure, 'invalid-host'), `${what}: ${String(failure)}`);
					const shown =
						presentError(failure, { appName: app.name, host: '(host)', source }, englishL10n)?.message ??
						'';
					for (const text of [failure.message, failure.stack ?? '', shown]) {
						assert.ok(!text.includes(PASSWORD), `${what}: the password is echoed in ${text}`);
					}
				}
				assert.equal(home.requests.length, before, 'no request was made');
				assert.equal(alias.requests.length, 0, 'no request was made to 127.0.0.2');
				assert.equal(
					await secrets.get(`wechatAccessToken:appSecret:${app.identity}`),
					SANDBOX_WECHAT_APP.appSecret,
					'the secrets are kept',
				);
			});
		}
	});

	describe('untrusted workspaces', () => {
		const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
			capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: unknown } };
			contributes: { configuration: { properties: Record<string, { scope?: string }> } };
		};

		it('the apps setting, which decides where credentials go, is restricted: VS Code ignores its workspace value', () => {
			const { supported, restrictedConfigurations } = manifest.capabilities.untrustedWorkspaces;
			assert.equal(supported, 'limited');
			assert.ok(
				Array.isArray(restrictedConfigurations) && restrictedConfigurations.includes('wechatAccessToken.apps'),
			);
		});

		it('and no folder-level settings file can hold it (window scope)', () => {
			assert.equal(manifest.contributes.configuration.properties['wechatAccessToken.apps']?.scope, 'window');
		});
	});
});
