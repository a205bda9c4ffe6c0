import * as assert from 'node:assert/strict';
import { ActiveApp } from '../../../../src/app/tokens/activeApp';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import type { Log } from '../../../../src/app/ports/log';
import { classicMintKey } from '../../../../src/app/credentials/secretKeys';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import type { TokenSourceKind } from '../../../../src/core/tokenTypes';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { startSandbox } from '../../../sandbox/sandboxServer';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { delay, eventually } from '../../support/eventually';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { ALL_SOURCES, testClient, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';
import { approveEveryClassicMint } from '../../support/classicMintPrompts';

const WRONG_SECRET = '00000000000000000000000000000000';

/** A log that keeps its lines, so tests can check no secret or full token is ever written. */
function recordingLog(): Log & { lines: string[] } {
	const lines: string[] = [];
	const add = (message: string | Error): void =>
		void lines.push(typeof message === 'string' ? message : String(message.stack));
	return { lines, info: add, warn: add, error: add, debug: add };
}

describe('token service: apps and stored secrets to tokens, against the sandbox over loopback', () => {
	const env = useSandbox();
	let services: TokenService[] = [];

	afterEach(() => {
		services.forEach((service) => service.dispose());
		services = [];
	});

	function window(secrets: MemorySecretStore, log: Log = recordingLog()): TokenService {
		const service = new TokenService({
			secrets,
			credentials: new CredentialStore(secrets),
			client: testClient(),
			log,
			marginMs: 0,
			lease: SINGLE_WINDOW_LEASE,
			classicMintPrompt: approveEveryClassicMint,
		});
		services.push(service);
		return service;
	}

	async function configured(
		source: TokenSourceKind,
		secrets = new MemorySecretStore(),
	): Promise<{ service: TokenService; credentials: CredentialStore; app: WechatApp; secrets: MemorySecretStore }> {
		const app = sandboxApp(source, env.sandbox.url);
		const service = window(secrets);
		const credentials = new CredentialStore(secrets);
		await service.setApps([app]);
		await credentials.write(app, sandboxSecrets(source));
		return { service, credentials, app, secrets };
	}

	for (const source of ALL_SOURCES) {
		it(`${source}: gets the sandbox's token once, then serves it from the cache`, async () => {
			const { service, app } = await configured(source);
			const token = await service.get(app, { allowClassic: true });
			assert.ok(env.sandbox.isTokenValid(token.accessToken));
			assert.equal(token.source, source);
			const again = await service.get(app, { allowClassic: true });
			assert.equal(again.accessToken, token.accessToken);
			assert.equal(env.sandbox.countRequests(TOKEN_PATH[source]), 1);
			const state = service.state(app);
			assert.deepEqual(
				{
					token: state.token?.accessToken,
					credentials: state.credentials,
					error: state.error,
					busy: state.busy,
				},
				{
					token: token.accessToken,
					credentials: 'present',
					error: undefined,
					busy: false,
				},
			);
		});
	}

	it('sends the secrets each source needs, and the Authing user token only when stored', async () => {
		const { service, credentials, app } = await configured('authing');
		await credentials.write(app, { userAccessToken: SANDBOX_AUTHING.userAccessToken });
		await service.get(app);
		const [request] = env.sandbox.requests;
		assert.equal(request?.headers.authorization, `Bearer ${SANDBOX_AUTHING.userAccessToken}`);
		assert.deepEqual(request?.body, { appId: SANDBOX_WECHAT_APP.appId, appSecret: SANDBOX_WECHAT_APP.appSecret });
	});

	it('refresh ignores the cache; a stable token is forced only when explicitly asked', async () => {
		const { service, app } = await configured('wechat-stable');
		const first = await service.get(app);
		const refreshed = await service.get(app, { bypassCache: true });
		assert.equal(refreshed.accessToken, first.accessToken, 'WeChat hands out the token in force');
		const forced = await service.get(app, { forceNewStableToken: true });
		assert.notEqual(forced.accessToken, first.accessToken);
		assert.equal(env.sandbox.tokenStatus(first.accessToken), 'invalidated');
		const bodies = env.sandbox.requests.map(
			(request) => (request.body as { force_refresh?: boolean }).force_refresh,
		);
		assert.deepEqual(bodies, [false, false, true]);
	});

	it('a forced stable refresh whose answer was lost: one force, the suspect cached token forgotten, and a normal Get brings the current one', async () => {
		const { service, app, secrets } = await configured('wechat-stable');
		const first = await service.get(app);
		env.sandbox.addFault({ kind: 'reset-mid-body', times: 1, path: TOKEN_PATH['wechat-stable'] });
		await assert.rejects(service.get(app, { forceNewStableToken: true }), (error: unknown) =>
			TokenError.is(error, 'force-refresh-unconfirmed'),
		);
		assert.equal(env.sandbox.tokenStatus(first.accessToken), 'invalidated', 'WeChat did act on the force');
		assert.deepEqual(
			{
				peek: await service.peek(app),
				shown: service.state(app).token,
				stored: secrets.values().filter((value) => value.includes(first.accessToken)),
			},
			{ peek: undefined, shown: undefined, stored: [] },
		);
		assert.ok(TokenError.is(service.state(app).error, 'force-refresh-unconfirmed'));
		const current = await service.get(app);
		assert.ok(env.sandbox.isTokenValid(current.accessToken));
		const bodies = env.sandbox.requests.map(
			(request) => (request.body as { force_refresh?: boolean }).force_refresh,
		);
		assert.deepEqual(bodies, [false, true, false], 'one force, then a normal request');
	});

	it('classic: never calls WeChat without the user’s opt-in', async () => {
		const { service, app } = await configured('wechat');
		await assert.rejects(service.get(app), (error: unknown) => TokenError.is(error, 'classic-not-acknowledged'));
		assert.equal(env.sandbox.countRequests(), 0);
		assert.ok(TokenError.is(service.state(app).error, 'classic-not-acknowledged'));
		await service.get(app, { allowClassic: true });
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.wechat), 1);
		assert.equal(service.state(app).error, undefined);
	});

	it('missing credentials: a typed error naming them, and no request', async () => {
		const app = sandboxApp('authing-management', env.sandbox.url);
		const secrets = new MemorySecretStore();
		const credentials = new CredentialStore(secrets);
		const service = window(secrets);
		await service.setApps([app]);
		assert.equal(service.state(app).credentials, 'missing');
		await assert.rejects(
			service.get(app),
			(error: unknown) =>
				CredentialError.is(error, 'credentials-missing') &&
				error.missing.join() === 'appSecret,accessKeySecret',
		);
		assert.equal(env.sandbox.countRequests(), 0);
		await credentials.write(app, sandboxSecrets('authing-management'));
		await eventually(
			() => service.state(app).credentials === 'present' && service.state(app).error === undefined,
			'secrets entered elsewhere are noticed',
		);
	});

	it('a host change in the settings: the secrets stay behind, nothing is sent to the new host', async () => {
		const other = await startSandbox();
		try {
			const { service, app, secrets } = await configured('wechat-stable');
			const moved = sandboxApp('wechat-stable', other.url);
			await service.setApps([moved]);
			assert.equal(service.state(moved).credentials, 'missing');
			await assert.rejects(service.get(moved), (error: unknown) =>
				CredentialError.is(error, 'credentials-missing'),
			);
			assert.equal(other.countRequests(), 0);
			assert.ok(
				secrets.keys().some((key) => key.includes(app.identity)),
				'the old secrets are kept, not deleted',
			);
		} finally {
			await other.close();
		}
	});

	it('a failure changes nothing stored: a still-valid token survives a refused secret', async () => {
		const { service, credentials, app, secrets } = await configured('wechat-stable');
		const token = await service.get(app);
		await service.persisted();
		const stored = new Map(secrets.keys().map((key) => [key, '']));
		await credentials.write(app, { appSecret: WRONG_SECRET });
		await assert.rejects(service.get(app, { bypassCache: true }), (error: unknown) =>
			TokenError.is(error, 'invalid-app-secret'),
		);
		const state = service.state(app);
		assert.ok(TokenError.is(state.error, 'invalid-app-secret'));
		assert.equal(state.token?.accessToken, token.accessToken);
		assert.deepEqual([...stored.keys()].sort(), secrets.keys().sort());
		assert.equal((await service.peek(app))?.accessToken, token.accessToken);
	});

	it('cancelling is not a failure, and leaves the state as it was', async () => {
		const { service, app } = await configured('authing');
		env.sandbox.addFault({ kind: 'slow', delayMs: 5000 });
		const controller = new AbortController();
		const pending = service.get(app, { signal: controller.signal });
		await eventually(() => service.state(app).busy, 'busy while the request runs');
		controller.abort();
		await assert.rejects(pending, (error: unknown) => TokenError.is(error, 'cancelled'));
		assert.deepEqual(
			{ busy: service.state(app).busy, error: service.state(app).error },
			{ busy: false, error: undefined },
		);
	});

	it('a settings change while a request runs: the request still updates the app’s state', async () => {
		const { service, app } = await configured('authing');
		env.sandbox.addFault({ kind: 'slow', delayMs: 100 });
		const pending = service.get(app);
		await eventually(() => service.state(app).busy, 'busy while the request runs');
		const renamed = sandboxApp('authing', env.sandbox.url, { name: 'Renamed' });
		await service.setApps([renamed]);
		const token = await pending;
		assert.deepEqual(
			{
				busy: service.state(renamed).busy,
				token: service.state(renamed).token?.accessToken,
				name: service.state(renamed).app.name,
			},
			{
				busy: false,
				token: token.accessToken,
				name: 'Renamed',
			},
		);
	});

	it('a reload (or a second window) reuses the stored token without a request', async () => {
		const { service, app, secrets } = await configured('authing-management');
		const token = await service.get(app);
		await service.persisted();
		const requests = env.sandbox.countRequests();

		const reloaded = window(secrets.shareWith());
		await reloaded.setApps([app]);
		assert.equal(reloaded.state(app).token?.accessToken, token.accessToken);
		assert.equal(new ActiveApp({ tokens: reloaded }).state()?.app.name, app.name, 'the countdown is restored');
		assert.equal((await reloaded.get(app)).accessToken, token.accessToken);
		assert.equal(env.sandbox.countRequests(), requests);
	});

	it('a token another window fetched replaces this window’s copy, without a request', async () => {
		const { service: first, app, secrets } = await configured('wechat-stable');
		const second = window(secrets.shareWith());
		await second.setApps([app]);
		const old = await second.get(app);
		const forced = await first.get(app, { forceNewStableToken: true });
		assert.notEqual(forced.accessToken, old.accessToken);
		await eventually(
			() => second.state(app).token?.accessToken === forced.accessToken,
			'the other window shows the new token',
		);
		const requests = env.sandbox.countRequests();
		assert.equal(
			(await second.get(app)).accessToken,
			forced.accessToken,
			'and hands it out instead of the invalidated one',
		);
		assert.equal(env.sandbox.countRequests(), requests);
	});

	it('a missing keyring: a typed error, shown as unavailable, and the token still works when it can', async () => {
		const { service, app, secrets } = await configured('wechat-stable');
		secrets.failing = true;
		await assert.rejects(service.get(app), (error: unknown) =>
			CredentialError.is(error, 'secret-storage-unavailable'),
		);
		assert.equal(service.state(app).credentials, 'unavailable');
		await service.reload();
		assert.equal(service.state(app).credentials, 'unavailable');
	});

	it('removing an app forgets its secrets and its cached token', async () => {
		const { service, app, secrets } = await configured('authing');
		await service.get(app);
		await service.remove(app);
		assert.deepEqual(secrets.keys(), []);
		assert.equal(await service.peek(app), undefined);
		assert.equal(service.state(app).token, undefined);
	});

	for (const source of ['wechat-stable', 'wechat'] as const) {
		it(`${source}: removing an app while its token is on the way aborts the request, and its token never lands anywhere`, async () => {
			const slowMs = 1_000;
			const { service, app, secrets } = await configured(source);
			env.sandbox.addFault({ kind: 'slow', delayMs: slowMs, times: 1, path: TOKEN_PATH[source] });
			const pending = service.get(app, { allowClassic: true });
			await eventually(() => env.sandbox.countRequests(TOKEN_PATH[source]) === 1, 'the request is under way');
			const started = performance.now();
			await service.remove(app);
			await assert.rejects(pending, (error: unknown) => TokenError.is(error, 'cancelled'));
			assert.ok(performance.now() - started < slowMs / 2, 'aborted, not waited out');
			await delay(slowMs + 200);
			// The classic request left, so WeChat may have minted a token: when is kept per AppID (not per app), so a new
			// classic request within 5 minutes still asks twice. Nothing else may be left.
			const mintRecord = source === 'wechat' ? [classicMintKey(app.appId)] : [];
			assert.deepEqual(secrets.keys(), mintRecord, 'no cached token, lease or secret reappeared');
			assert.equal(
				env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, source === 'wechat' ? 'classic' : 'stable'),
				undefined,
				'the sandbox never answered it: the request was aborted',
			);
			assert.deepEqual(
				{
					peek: await service.peek(app),
					shown: service.state(app).token,
					statusBar: new ActiveApp({ tokens: service }).state(),
				},
				{ peek: undefined, shown: undefined, statusBar: undefined },
			);
		});
	}

	it('the status bar follows the app whose token was used last', async () => {
		const secrets = new MemorySecretStore();
		const a = sandboxApp('wechat-stable', env.sandbox.url, { name: 'A' });
		const b = sandboxApp('authing', env.sandbox.url, { name: 'B' });
		const service = window(secrets);
		const credentials = new CredentialStore(secrets);
		const activeApp = new ActiveApp({ tokens: service });
		await service.setApps([a, b]);
		assert.equal(activeApp.state(), undefined);
		await credentials.write(a, sandboxSecrets('wechat-stable'));
		await credentials.write(b, sandboxSecrets('authing'));
		await service.get(a);
		await new Promise((resolve) => setTimeout(resolve, 2));
		await service.get(b);
		assert.equal(activeApp.state()?.app.name, 'B');
		await new Promise((resolve) => setTimeout(resolve, 2));
		service.markUsed(a);
		assert.equal(activeApp.state()?.app.name, 'A');
	});

	it('says when something changed, and never logs a secret or a full token', async () => {
		const log = recordingLog();
		const secrets = new MemorySecretStore();
		const app = sandboxApp('authing-management', env.sandbox.url);
		const service = window(secrets, log);
		const credentials = new CredentialStore(secrets);
		let changes = 0;
		service.onDidChange(() => changes++);
		await service.setApps([app]);
		await credentials.write(app, sandboxSecrets('authing-management'));
		const token = await service.get(app);
		await credentials.write(app, { appSecret: WRONG_SECRET });
		await service.get(app, { bypassCache: true }).catch(() => undefined);
		assert.ok(changes >= 4, `${changes} changes`);
		const text = log.lines.join('\n');
		assert.match(text, new RegExp(`${token.accessToken.slice(0, 4)}…${token.accessToken.slice(-4)}`));
		for (const secret of [
			SANDBOX_WECHAT_APP.appSecret,
			SANDBOX_AUTHING.accessKeySecret,
			WRONG_SECRET,
			token.accessToken,
		]) {
			assert.ok(!text.includes(secret), `the log holds ${secret.slice(0, 6)}…`);
		}
	});
});
