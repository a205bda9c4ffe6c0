import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../src/app/config/appConfig';
import { CredentialError } from '../../../src/app/errors/appErrors';
import type { StateStore } from '../../../src/app/ports/stateStore';
import { ClassicConsent } from '../../../src/app/tokens/classicConsent';
import { presentError } from '../../../src/app/errors/errorMessages';
import { maskToken } from '../../../src/app/tokens/maskToken';
import { secretKey } from '../../../src/app/credentials/secretKeys';
import { CredentialStore } from '../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../src/app/tokens/tokenService';
import type { TokenClient } from '../../../src/core/tokenClient';
import type { AccessToken, TokenSourceKind } from '../../../src/core/tokenTypes';
import { TOKEN_SOURCES } from '../../../src/core/tokenTypes';
import type { Fault } from '../../sandbox/faults';
import { SANDBOX_AUTHING, SANDBOX_TEAM, SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import { sandboxApp, sandboxSecrets } from '../support/apps';
import { englishL10n } from '../support/englishL10n';
import type { Exposure } from '../support/exposure';
import { errorExposures, leaks, stateExposures } from '../support/exposure';
import { FAULT_ROWS } from '../support/faultRows';
import { FlakySecretStore } from '../support/flakySecretStore';
import { MemorySecretStore } from '../support/memorySecretStore';
import { recordingLog } from '../support/recordingLog';
import { TOKEN_PATH, testClient, useSandbox } from '../support/sandboxHarness';
import { snapshotSecrets } from '../support/secretSnapshot';
import { SINGLE_WINDOW_LEASE } from '../support/singleWindow';
import { approveEveryClassicMint } from '../support/classicMintPrompts';

const WRONG_SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const ALWAYS_SECRET = [
	SANDBOX_WECHAT_APP.appSecret,
	SANDBOX_AUTHING.accessKeySecret,
	SANDBOX_AUTHING.userAccessToken,
	SANDBOX_TEAM.envelopeBearerToken,
	SANDBOX_TEAM.wechatStyleKey,
	WRONG_SECRET,
];

/** A server that answers with the secrets it was sent in its error message (some gateways echo the request). */
function echoFaults(source: TokenSourceKind): Fault[] {
	const sent =
		source === 'custom'
			? [`authorization=Bearer ${SANDBOX_TEAM.envelopeBearerToken}`]
			: [
					`appSecret=${SANDBOX_WECHAT_APP.appSecret}`,
					...(source === 'authing-management' ? [`accessKeySecret=${SANDBOX_AUTHING.accessKeySecret}`] : []),
					...(source === 'authing' ? [`authorization=Bearer ${SANDBOX_AUTHING.userAccessToken}`] : []),
				];
	const echoed = sent.join(' ');
	const path = TOKEN_PATH[source];
	const relayed: Fault = {
		kind: 'wechat-errcode',
		errcode: 40125,
		errmsg: `invalid appsecret ${echoed} rid: 6a1f-0c2d-7e3b`,
		path,
	};
	if (source === 'custom') {
		// A team server quoting the request in its own envelope, under a 400.
		return [
			relayed,
			{
				kind: 'http-error',
				status: 400,
				body: JSON.stringify({ code: 400, message: `bad request: ${echoed}` }),
				path,
			},
			{ kind: 'echo', status: 503, path },
		];
	}
	const own: Fault = {
		kind: 'authing-status',
		statusCode: 400,
		apiCode: 9999,
		message: `bad request: ${echoed}`,
		path,
	};
	// A gateway quoting the whole request as it came: also what the client made on the way (the management token).
	const quoted: Fault = { kind: 'echo', status: 503, path };
	return source.startsWith('authing') ? [relayed, own, quoted] : [relayed, quoted];
}

/** A fake `context.globalState` that keeps everything written to it. */
function recordingMemento(): StateStore & { readonly written: unknown[] } {
	const values = new Map<string, unknown>();
	const written: unknown[] = [];
	return {
		written,
		get: (key) => values.get(key),
		update: (key, value) => {
			values.set(key, value);
			written.push(value);
			return Promise.resolve();
		},
	};
}

describe('secret hygiene: no secret or full token in the log, errors, messages, labels, settings or state', () => {
	const env = useSandbox();

	for (const source of TOKEN_SOURCES) {
		it(`${source}: success and every failure path`, async () => {
			const log = recordingLog();
			const memento = recordingMemento();
			const consent = new ClassicConsent(memento);
			const exposures: Exposure[] = [];
			const secrets = new Set<string>(ALWAYS_SECRET);
			const store = new MemorySecretStore();
			const app = sandboxApp(source, env.sandbox.url);
			// A fresh client per request, so each fault row gets its own deadline; retries logged as the extension's
			// client does (clientFactory.ts).
			let timeoutMs = 2000;
			const client: TokenClient = {
				fetchToken: (request, options) =>
					testClient({
						timeoutMs,
						onRetry: ({ attempt, delayMs, error }) =>
							log.info(`Attempt ${attempt} failed (${error.reason}); retrying in ${delayMs} ms.`),
					}).fetchToken(request, options),
			};
			const credentials = new CredentialStore(store);
			const service = new TokenService({
				secrets: store,
				credentials,
				client,
				log,
				lease: SINGLE_WINDOW_LEASE,
				classicMintPrompt: approveEveryClassicMint,
			});
			let firstToken: AccessToken | undefined;

			/** One request; then every surface it can reach, and every token the sandbox or the client has seen. */
			const attempt = async (
				what: string,
				run: (target: WechatApp) => Promise<AccessToken>,
				target: WechatApp = app,
			): Promise<void> => {
				try {
					const token = await run(target);
					firstToken ??= token;
					secrets.add(token.accessToken);
				} catch (error) {
					exposures.push(...errorExposures(error, `${what}: rejection`));
				}
				for (const lineage of ['stable', 'classic'] as const) {
					const current = env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, lineage);
					if (current !== undefined) {
						secrets.add(current);
					}
				}
				for (const request of env.sandbox.requests) {
					const jwt = /^Bearer (ey\S+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
					if (jwt !== undefined) {
						secrets.add(jwt);
					}
				}
				exposures.push(
					...stateExposures(service.state(target), Date.now()).map((e) => ({
						where: `${what}: ${e.where}`,
						text: e.text,
					})),
				);
				env.sandbox.reset();
			};
			const refresh = (target: WechatApp): Promise<AccessToken> =>
				service.get(target, { bypassCache: true, allowClassic: true });

			try {
				await service.setApps([app]);
				await attempt('no credentials yet', refresh);
				await credentials.write(app, {
					...sandboxSecrets(source),
					...(source === 'authing' ? { userAccessToken: SANDBOX_AUTHING.userAccessToken } : {}),
				});
				if (source === 'wechat') {
					await attempt('classic without opt-in', (target) => service.get(target));
					await consent.grant(app);
				}
				await attempt('a token', refresh);
				await attempt('the cached token', (target) => service.get(target, { allowClassic: true }));
				// Every fault of the matrix, with the still-valid token in place (so the status bar and tree show it).
				for (const row of FAULT_ROWS) {
					if (row.expect[source] === 'n/a' || row.fault === 'refused') {
						continue;
					}
					timeoutMs = row.timeoutMs ?? 2000;
					const location = 'https://elsewhere.example/steal';
					env.sandbox.addFault(
						row.fault === 'redirect'
							? { kind: 'redirect', location, path: TOKEN_PATH[source] }
							: { ...row.fault, path: row.path ?? TOKEN_PATH[source] },
					);
					await attempt(row.name, refresh);
				}
				timeoutMs = 2000;
				for (const fault of echoFaults(source)) {
					env.sandbox.addFault(fault);
					await attempt(`a server echoing the secrets (${fault.kind})`, refresh);
				}
				const controller = new AbortController();
				env.sandbox.addFault({ kind: 'slow', delayMs: 2000 });
				setTimeout(() => controller.abort(), 30);
				await attempt('cancelled', (target) =>
					service.get(target, { bypassCache: true, allowClassic: true, signal: controller.signal }),
				);
				await credentials.write(
					app,
					source === 'custom' ? { authHeaderValue: `Bearer ${WRONG_SECRET}` } : { appSecret: WRONG_SECRET },
				);
				await attempt(source === 'custom' ? 'a wrong auth header value' : 'a wrong AppSecret', refresh);
				store.failing = true;
				await attempt('the keyring failing', refresh);
				store.failing = false;
				await consent.revoke(app);
			} finally {
				service.dispose();
			}

			exposures.push(...log.lines.map((text) => ({ where: 'log', text })));
			exposures.push(...memento.written.map((value) => ({ where: 'globalState', text: JSON.stringify(value) })));
			// The searches must look where tokens would show: the log does name the token, masked.
			assert.ok(
				firstToken !== undefined &&
					log.lines.some((line) => line.includes(maskToken(firstToken?.accessToken ?? ''))),
				'the masked token is logged',
			);
			assert.ok(exposures.length > 200, `only ${exposures.length} surfaces checked`);
			assert.deepEqual(leaks(exposures, secrets), []);
		});
	}

	describe('secret storage failures (no keyring on Linux): a clear, typed error, and nothing lost', () => {
		it('no keyring at all: credentials unavailable, said plainly, and everything is still there afterwards', async () => {
			const store = new FlakySecretStore();
			const log = recordingLog();
			const credentials = new CredentialStore(store);
			const service = new TokenService({ secrets: store, credentials, client: testClient(), log });
			const app = sandboxApp('wechat-stable', env.sandbox.url);
			try {
				await service.setApps([app]);
				await credentials.write(app, sandboxSecrets('wechat-stable'));
				await service.get(app);
				const before = await snapshotSecrets(store.inner);
				// A missing keyring: nothing can be read or written.
				store.failGet = true;
				store.failStore = true;
				const error = await service.get(app, { bypassCache: true }).then(
					() => assert.fail('a token without reading the secrets'),
					(e: unknown) => e,
				);
				assert.ok(CredentialError.is(error, 'secret-storage-unavailable'), String(error));
				assert.match(
					presentError(error, { appName: app.name }, englishL10n)?.message ?? '',
					/secret storage \(your system keyring\) could not be used/,
				);
				assert.equal(service.state(app).credentials, 'unavailable');
				assert.equal(
					env.sandbox.countRequests(TOKEN_PATH['wechat-stable']),
					1,
					'no request without the secrets',
				);
				await assert.rejects(credentials.write(app, { appSecret: WRONG_SECRET }), (e: unknown) =>
					CredentialError.is(e, 'secret-storage-unavailable'),
				);
				store.failGet = false;
				store.failStore = false;
				assert.deepEqual(await snapshotSecrets(store.inner), before, 'nothing was lost or changed');
				await service.reload();
				assert.equal(
					service.state(app).credentials,
					'present',
					'and it all works again once the keyring is back',
				);
			} finally {
				service.dispose();
			}
		});

		it('writes failing: the token still comes, the old secret stays, the log says why', async () => {
			const store = new FlakySecretStore();
			const log = recordingLog();
			const credentials = new CredentialStore(store);
			const service = new TokenService({ secrets: store, credentials, client: testClient(), log });
			const app = sandboxApp('authing', env.sandbox.url);
			try {
				await service.setApps([app]);
				await credentials.write(app, sandboxSecrets('authing'));
				store.failStore = true;
				const token = await service.get(app);
				assert.ok(
					env.sandbox.isTokenValid(token.accessToken),
					'a keyring that cannot save costs the cache, not the token',
				);
				await service.persisted();
				assert.ok(
					log.lines.some((line) => /Could not use the token cache/.test(line)),
					'and the log says so',
				);
				await assert.rejects(
					credentials.write(app, { appSecret: WRONG_SECRET }),
					(e: unknown) =>
						CredentialError.is(e, 'secret-storage-unavailable') && !e.message.includes(WRONG_SECRET),
				);
				assert.equal(
					await store.inner.get(secretKey('appSecret', app.identity)),
					SANDBOX_WECHAT_APP.appSecret,
					'the old secret is kept',
				);
				store.failDelete = true;
				await assert.rejects(service.remove(app), (e: unknown) =>
					CredentialError.is(e, 'secret-storage-unavailable'),
				);
				assert.equal(
					await store.inner.get(secretKey('appSecret', app.identity)),
					SANDBOX_WECHAT_APP.appSecret,
					'a failed removal removes nothing half-way',
				);
				assert.deepEqual(
					leaks(
						log.lines.map((text) => ({ where: 'log', text })),
						[SANDBOX_WECHAT_APP.appSecret, WRONG_SECRET, token.accessToken],
					),
					[],
				);
			} finally {
				service.dispose();
			}
		});
	});
});
