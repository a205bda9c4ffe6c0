import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { FetchLease } from '../../../../src/app/tokens/fetchLease';
import { leaseKey, parseSecretKey, tokenKey } from '../../../../src/app/credentials/secretKeys';
import type { SecretStore } from '../../../../src/app/ports/secretStore';
import type { GetTokenRequestOptions, TokenServiceOptions } from '../../../../src/app/tokens/tokenService';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { cancelledError, TokenError } from '../../../../src/core/errors';
import type { AccessToken, TokenSourceKind } from '../../../../src/core/tokenTypes';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { delay, eventually } from '../../support/eventually';
import { FlakySecretStore } from '../../support/flakySecretStore';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { SlowSecretStore } from '../../support/slowSecretStore';
import { testClient, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';
import { WindowSecretStore } from '../../support/windowSecretStore';
import { approveEveryClassicMint } from '../../support/classicMintPrompts';

/** Writes reach the shared storage up to this late, in any order between windows. */
const WRITE_LAG_MS = 30;
/** Longer than the write lag, short enough to keep the suite quick (the extension waits 250 ms). */
const SETTLE_MS = 100;
const ROUNDS = 5;

interface Windows {
	readonly app: WechatApp;
	/** What every window's SecretStorage is a view of: one keyring. */
	readonly backing: MemorySecretStore;
	/** Each window's SecretStorage. */
	readonly views: SecretStore[];
	readonly services: TokenService[];
	readonly logs: ReturnType<typeof recordingLog>[];
}

/**
 * Issue 6, item 5: windows (extension hosts) sharing one SecretStorage, asking for a classic WeChat token at the same
 * moment. Each classic request invalidates the token before it, so between them they must send one.
 */
describe('two windows: one classic token request between windows that share the secret storage', () => {
	const env = useSandbox();
	const figures: string[] = [];
	let opened: TokenService[] = [];

	afterEach(() => {
		opened.forEach((service) => service.dispose());
		opened = [];
	});
	after(() => {
		console.log(
			[
				'',
				'  Windows asking for a classic token at once (requests to /cgi-bin/token, time to the last token):',
				...figures,
			].join('\n'),
		);
	});

	/**
	 * `count` windows over one fresh storage with the app's secrets in it; each sees it through `view` (laggy by default)
	 * and tunes its lease with `lease`.
	 */
	async function openWindows(
		count: number,
		source: TokenSourceKind = 'wechat',
		view = (backing: MemorySecretStore): SecretStore =>
			new WindowSecretStore(backing.shareWith(), { maxLagMs: WRITE_LAG_MS }),
		lease: TokenServiceOptions['lease'] = { settleMs: SETTLE_MS },
	): Promise<Windows> {
		const app = sandboxApp(source, env.sandbox.url);
		const backing = new MemorySecretStore();
		await new CredentialStore(backing).write(app, sandboxSecrets(source));
		const logs = Array.from({ length: count }, () => recordingLog());
		const views = logs.map(() => view(backing));
		const services = logs.map(
			(log, i) =>
				new TokenService({
					secrets: views[i]!,
					credentials: new CredentialStore(views[i]!),
					client: testClient(),
					log,
					marginMs: 0,
					classicMintPrompt: approveEveryClassicMint,
					...(lease ? { lease } : {}),
				}),
		);
		opened.push(...services);
		await Promise.all(services.map((service) => service.setApps([app])));
		return { app, backing, views, services, logs };
	}

	/** Every window asks for the app's token at the same moment. */
	function askAll(
		{ services, app }: Windows,
		options: GetTokenRequestOptions = { allowClassic: true },
	): Promise<AccessToken>[] {
		return services.map((service) => service.get(app, options));
	}

	function classicRequests(): number {
		return env.sandbox.countRequests(TOKEN_PATH.wechat);
	}

	function assertOneValidToken(tokens: readonly AccessToken[]): void {
		const distinct = new Set(tokens.map((token) => token.accessToken));
		assert.equal(distinct.size, 1, 'every window holds the same token');
		assert.ok(env.sandbox.isTokenValid(tokens[0]?.accessToken ?? ''), 'which WeChat accepts');
	}

	/** Leases are released just after their token is handed out: once every window has finished, none is left. */
	async function assertNoLease({ backing, app, services }: Windows): Promise<void> {
		await Promise.all(services.map((service) => service.persisted()));
		assert.equal(backing.keys().includes(leaseKey(app.identity)), false, 'no lease is left behind');
	}

	for (const count of [2, 5]) {
		it(`${count} windows ask at once, ${ROUNDS} rounds: one request a round, and the same valid token in every window`, async () => {
			for (let round = 1; round <= ROUNDS; round++) {
				const windows = await openWindows(count);
				const before = classicRequests();
				const started = performance.now();
				const tokens = await Promise.all(askAll(windows));
				const elapsed = Math.round(performance.now() - started);
				const requests = classicRequests() - before;
				figures.push(
					`    ${count} windows, round ${round}: ${requests} request${requests === 1 ? '' : 's'}, ${elapsed} ms`,
				);
				assert.equal(requests, 1, `round ${round}`);
				assertOneValidToken(tokens);
				await assertNoLease(windows);
				const subscriptions = windows.views.map((view) =>
					view instanceof WindowSecretStore ? view.listenerCount : 1,
				);
				assert.deepEqual(
					subscriptions,
					subscriptions.map(() => 1),
					'each window keeps only its own change subscription',
				);
				const took = windows.logs.filter((log) =>
					log.lines.some((line) => line.startsWith('Took the token another window fetched')),
				).length;
				assert.equal(took, count - 1, 'every other window says it took the token');
			}
		});
	}

	it('a forced refresh in both windows at once: one request, one new token', async () => {
		const windows = await openWindows(2);
		const { app, services } = windows;
		const first = await services[0]!.get(app, { allowClassic: true });
		assert.equal(
			(await services[1]!.get(app, { allowClassic: true })).accessToken,
			first.accessToken,
			'the second window takes the stored token',
		);
		const before = classicRequests();
		const refreshed = await Promise.all(askAll(windows, { allowClassic: true, bypassCache: true }));
		assert.equal(classicRequests() - before, 1);
		assertOneValidToken(refreshed);
		assert.notEqual(refreshed[0]?.accessToken, first.accessToken);
		await assertNoLease(windows);
	});

	it('the winner’s request fails: it alone sees the error, the other window then asks itself, and no lease is left', async () => {
		const windows = await openWindows(2);
		env.sandbox.addFault({ kind: 'http-error', status: 500, body: 'html', times: 1, path: TOKEN_PATH.wechat });
		const results = await Promise.allSettled(askAll(windows));
		const failed = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
		const tokens = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
		assert.equal(failed.length, 1);
		assert.ok(TokenError.is(failed[0], 'server-error'), String(failed[0]));
		assertOneValidToken(tokens);
		assert.equal(classicRequests(), 2);
		await assertNoLease(windows);
	});

	it('the winner dies holding the lease: the other window takes over once it lapses', async () => {
		const windows = await openWindows(1);
		const ttlMs = 600;
		// A window that wins the lease, then never answers or releases (its extension host was killed): none of its timers
		// fire any more, so it does not renew its lease either.
		const dead = new FetchLease({
			secrets: new WindowSecretStore(windows.backing.shareWith(), { maxLagMs: WRITE_LAG_MS }),
			ownerId: 'dead window',
			ttlMs,
			settleMs: SETTLE_MS,
			timers: { setTimeout: () => undefined, clearTimeout: () => undefined },
		});
		const kill = new AbortController();
		let deadFetching = false;
		const deadRun = dead.run(windows.app.identity, {
			fetch: (signal) => {
				deadFetching = true;
				return new Promise<AccessToken>((_, reject) =>
					signal?.addEventListener('abort', () => reject(cancelledError())),
				);
			},
			stored: () => Promise.resolve(undefined),
			accept: () => false,
			signal: kill.signal,
		});
		await eventually(() => deadFetching, 'the dead window holds the lease');
		const { expiresAt } = JSON.parse((await windows.backing.get(leaseKey(windows.app.identity))) ?? '{}') as {
			expiresAt: number;
		};
		const token = await windows.services[0]!.get(windows.app, { allowClassic: true });
		const afterLapse = token.fetchedAt - expiresAt;
		assert.ok(afterLapse >= 0 && afterLapse < 1_000, `fetched ${afterLapse} ms after the lease lapsed`);
		assertOneValidToken([token]);
		assert.equal(classicRequests(), 1);
		kill.abort();
		await assert.rejects(deadRun, (error: unknown) => TokenError.is(error, 'cancelled'));
		await dead.released();
		await assertNoLease(windows);
	});

	it('cancelling in the winner releases the lease at once: the other window asks without waiting for it to lapse', async () => {
		const windows = await openWindows(2);
		const [winner, other] = windows.services;
		env.sandbox.addFault({ kind: 'slow', delayMs: 5_000, times: 1, path: TOKEN_PATH.wechat });
		const controller = new AbortController();
		const cancelled = winner!.get(windows.app, { allowClassic: true, signal: controller.signal });
		await eventually(() => classicRequests() === 1, 'the winner’s request is under way');
		assert.ok(windows.backing.keys().includes(leaseKey(windows.app.identity)), 'under the lease');
		const waiting = other!.get(windows.app, { allowClassic: true });
		await delay(SETTLE_MS * 2);
		assert.equal(classicRequests(), 1, 'the other window waits');
		const started = performance.now();
		controller.abort();
		await assert.rejects(cancelled, (error: unknown) => TokenError.is(error, 'cancelled'));
		const token = await waiting;
		assert.ok(performance.now() - started < 2_000, 'not after the lease lapsed (120 s)');
		assertOneValidToken([token]);
		assert.equal(classicRequests(), 2);
		await assertNoLease(windows);
	});

	it('a keyring taking 300 ms a call, windows asking 400 ms apart: still one request, the same token', async function () {
		this.timeout(30_000);
		// The extension's own lease settings: the wait after writing the lease is what this is about.
		const windows = await openWindows(2, 'wechat', (backing) => new SlowSecretStore(backing.shareWith(), 300), {});
		const first = windows.services[0]!.get(windows.app, { allowClassic: true });
		await delay(400);
		const second = windows.services[1]!.get(windows.app, { allowClassic: true });
		const tokens = await Promise.all([first, second]);
		assert.equal(classicRequests(), 1);
		assertOneValidToken(tokens);
		await assertNoLease(windows);
	});

	it('the winner’s request outlives the lease’s life: the lease is renewed, and the other window still waits for its token', async () => {
		// A 600 ms lease and a 1.5 s answer stand for the real 120 s lease and a request that waits out 45011 twice.
		const windows = await openWindows(2, 'wechat', undefined, { settleMs: SETTLE_MS, ttlMs: 600 });
		env.sandbox.addFault({ kind: 'slow', delayMs: 1_500, times: 1, path: TOKEN_PATH.wechat });
		const tokens = await Promise.all(askAll(windows));
		assert.equal(classicRequests(), 1);
		assertOneValidToken(tokens);
		await assertNoLease(windows);
	});

	it('a failing keyring: each window fetches without a lease, and says so', async () => {
		const stores: FlakySecretStore[] = [];
		const windows = await openWindows(2, 'wechat', (backing) => {
			const store = new FlakySecretStore(backing.shareWith());
			stores.push(store);
			return store;
		});
		stores.forEach((store) => (store.failStore = true));
		const tokens = await Promise.all(askAll(windows));
		assert.equal(tokens.length, 2);
		assert.equal(classicRequests(), 2);
		for (const log of windows.logs) {
			assert.match(log.lines.join('\n'), /fetching without a lease/);
		}
		await assertNoLease(windows);
	});

	it('a team-safe source takes no lease: nothing is ever written under a lease key', async () => {
		const windows = await openWindows(2, 'wechat-stable');
		const changed: string[] = [];
		const watch = windows.backing.onDidChange(({ key }) => changed.push(key));
		try {
			const tokens = await Promise.all(askAll(windows, {}));
			assertOneValidToken(tokens);
			await Promise.all(windows.services.map((service) => service.persisted()));
			assert.ok(changed.includes(tokenKey(windows.app.identity)), 'the writes were watched');
			assert.deepEqual(
				changed.filter((key) => parseSecretKey(key)?.kind === 'lease'),
				[],
			);
		} finally {
			watch.dispose();
		}
	});

	it('a lease coming and going in another window does not make this one reload; a token stored there does', async () => {
		const windows = await openWindows(1);
		const [service] = windows.services;
		let changes = 0;
		service!.onDidChange(() => changes++);
		await windows.backing.store(leaseKey(windows.app.identity), '{}');
		await windows.backing.delete(leaseKey(windows.app.identity));
		await delay(20);
		assert.equal(changes, 0);
		await windows.backing.store(tokenKey(windows.app.identity), '{}');
		await eventually(() => changes > 0, 'a stored token is reloaded');
	});
});
