import * as assert from 'node:assert/strict';
import { ActiveApp } from '../../../../src/app/tokens/activeApp';
import type { StateStore } from '../../../../src/app/ports/stateStore';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import {
	activeAppState,
	mostRecentlyUsed,
	ACTIVE_APP_PIN_KEY,
	ActiveAppPin,
} from '../../../../src/app/tokens/activeAppPin';
import type { AppState } from '../../../../src/app/tokens/tokenService';
import { CHANGE_DELAY_MS, TokenService } from '../../../../src/app/tokens/tokenService';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { testClient, useSandbox } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { memoryStateStore } from '../../support/memoryStateStore';

const NOW = 1_800_000_000_000;
const HOST = 'https://api.weixin.qq.com';

function state(name: string, token?: { fetchedAt: number; lastUsedAt?: number }): AppState {
	return {
		app: sandboxApp('wechat-stable', HOST, { name }),
		token:
			token === undefined
				? undefined
				: {
						accessToken: `token-of-${name}-0123456789`,
						expiresAt: NOW + 3_600_000,
						source: 'wechat-stable',
						fetchedAt: token.fetchedAt,
					},
		credentials: 'present',
		error: undefined,
		busy: false,
		lastUsedAt: token?.lastUsedAt,
	};
}

describe('status bar focus: which app is active', () => {
	const a = state('A', { fetchedAt: NOW - 3000 });
	const b = state('B', { fetchedAt: NOW - 2000 });
	const noToken = state('C');

	it('without a pin: the app whose token was fetched or used last, never one without a token', () => {
		assert.equal(mostRecentlyUsed([a, b, noToken])?.app.name, 'B');
		assert.equal(activeAppState([a, b, noToken], undefined)?.app.name, 'B');
		const usedA = state('A', { fetchedAt: NOW - 3000, lastUsedAt: NOW - 1000 });
		assert.equal(activeAppState([usedA, b], undefined)?.app.name, 'A', 'copying a known token counts as use');
		assert.equal(activeAppState([noToken], undefined), undefined);
		assert.equal(activeAppState([], undefined), undefined);
	});

	it('a pinned app wins over the most recent one, even without a token', () => {
		assert.equal(activeAppState([a, b, noToken], 'A')?.app.name, 'A');
		const pinned = activeAppState([a, b, noToken], 'C');
		assert.equal(pinned?.app.name, 'C');
		assert.equal(pinned?.token, undefined, 'the choice stays visible before a token is fetched');
	});

	it('a pin naming an app that is no longer configured falls back to the most recent one', () => {
		assert.equal(activeAppState([a, b], 'Gone')?.app.name, 'B');
		assert.equal(activeAppState([noToken], 'Gone'), undefined);
	});

	it('the pin is kept by name in the workspace state, and can be cleared', async () => {
		const store = memoryStateStore();
		const pin = new ActiveAppPin(store);
		assert.equal(pin.name(), undefined);
		await pin.set('Shop');
		assert.equal(store.values.get(ACTIVE_APP_PIN_KEY), 'Shop');
		assert.equal(new ActiveAppPin(store).name(), 'Shop', 'another window of the workspace (or a reload) reads it');
		await pin.set(undefined);
		assert.equal(pin.name(), undefined);
		store.values.set(ACTIVE_APP_PIN_KEY, 42);
		assert.equal(pin.name(), undefined, 'anything but a name is ignored');
	});
});

describe('status bar focus through the active app over the token service, against the sandbox', () => {
	const env = useSandbox();
	const opened: { dispose(): void }[] = [];
	afterEach(() => opened.splice(0).forEach((disposable) => disposable.dispose()));

	async function window(
		store: StateStore,
	): Promise<{ service: TokenService; activeApp: ActiveApp; log: ReturnType<typeof recordingLog> }> {
		const log = recordingLog();
		const secrets = new MemorySecretStore();
		const credentials = new CredentialStore(secrets);
		const service = new TokenService({
			secrets,
			credentials,
			client: testClient(),
			log,
			lease: SINGLE_WINDOW_LEASE,
		});
		const activeApp = new ActiveApp({ tokens: service, store, log });
		opened.push(activeApp, service);
		const apps = [
			sandboxApp('wechat-stable', env.sandbox.url, { name: 'A' }),
			sandboxApp('authing', env.sandbox.url, { name: 'B' }),
		];
		await service.setApps(apps);
		for (const app of apps) {
			await credentials.write(app, sandboxSecrets(app.source));
		}
		return { service, activeApp, log };
	}

	it('ActiveApp.state() follows the pin, tells listeners, survives a reload and falls back when the app is removed', async () => {
		const store = memoryStateStore();
		const { service, activeApp, log } = await window(store);
		const [a, b] = service.getApps();
		assert.ok(a && b);
		await service.get(a);
		assert.equal(activeApp.state()?.app.name, 'A');

		let changes = 0;
		activeApp.onDidChange(() => changes++);
		await activeApp.pin(b);
		assert.ok(changes > 0, 'the status bar and the tree are told');
		assert.equal(activeApp.pinned()?.name, 'B');
		assert.deepEqual([activeApp.state()?.app.name, activeApp.state()?.token], ['B', undefined]);
		await service.get(a);
		assert.equal(activeApp.state()?.app.name, 'B', 'using another app does not move a pinned status bar');
		assert.ok(log.lines.includes('The status bar shows "B".'));

		const reloaded = (await window(store)).activeApp;
		assert.equal(reloaded.state()?.app.name, 'B', 'the pin outlives the window');

		await service.setApps([a]);
		assert.equal(activeApp.pinned(), undefined);
		assert.equal(activeApp.state()?.app.name, 'A', 'the pinned app is gone: the most recent one again');

		await reloaded.pin(undefined);
		assert.equal(reloaded.pinned(), undefined);
		assert.equal(reloaded.state(), undefined, 'no pin, no token in that window: nothing active');
		assert.equal(store.values.get(ACTIVE_APP_PIN_KEY), undefined);
	});

	it('tells its listeners of every token change, as the status bar relies on it alone, and stops once disposed', async () => {
		const { service, activeApp } = await window(memoryStateStore());
		const [a] = service.getApps();
		assert.ok(a);
		let changes = 0;
		const told = new Promise<void>((resolve) =>
			activeApp.onDidChange(() => {
				changes++;
				resolve();
			}),
		);
		await service.get(a);
		await told; // the service tells its listeners CHANGE_DELAY_MS after the request, once for all it changed
		const seen = changes;
		activeApp.dispose();
		service.markUsed(a);
		await new Promise((resolve) => setTimeout(resolve, 2 * CHANGE_DELAY_MS));
		assert.equal(changes, seen);
	});
});
