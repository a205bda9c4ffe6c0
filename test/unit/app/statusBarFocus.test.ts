import * as assert from 'node:assert/strict';
import type { StateStore } from '../../../src/app/classicConsent';
import { activeAppState, mostRecentlyUsed, STATUS_BAR_PIN_KEY, StatusBarPin } from '../../../src/app/statusBarFocus';
import type { AppState } from '../../../src/app/tokenService';
import { TokenService } from '../../../src/app/tokenService';
import { sandboxApp, sandboxSecrets } from '../support/apps';
import { MemorySecretStore } from '../support/memorySecretStore';
import { recordingLog } from '../support/recordingLog';
import { testClient, useSandbox } from '../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../support/singleWindow';

const NOW = 1_800_000_000_000;
const HOST = 'https://api.weixin.qq.com';

function state(name: string, token?: { fetchedAt: number; lastUsedAt?: number }): AppState {
	return {
		app: sandboxApp('wechat-stable', HOST, { name }),
		token: token === undefined ? undefined : { accessToken: `token-of-${name}-0123456789`, expiresAt: NOW + 3_600_000, source: 'wechat-stable', fetchedAt: token.fetchedAt },
		credentials: 'present',
		error: undefined,
		busy: false,
		lastUsedAt: token?.lastUsedAt,
	};
}

/** `context.workspaceState` as far as the pin uses it. */
function workspaceState(): StateStore & { readonly values: Map<string, unknown> } {
	const values = new Map<string, unknown>();
	return { values, get: (key) => values.get(key), update: (key, value) => Promise.resolve(void values.set(key, value)) };
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
		const store = workspaceState();
		const pin = new StatusBarPin(store);
		assert.equal(pin.name(), undefined);
		await pin.set('Shop');
		assert.equal(store.values.get(STATUS_BAR_PIN_KEY), 'Shop');
		assert.equal(new StatusBarPin(store).name(), 'Shop', 'another window of the workspace (or a reload) reads it');
		await pin.set(undefined);
		assert.equal(pin.name(), undefined);
		store.values.set(STATUS_BAR_PIN_KEY, 42);
		assert.equal(pin.name(), undefined, 'anything but a name is ignored');
	});
});

describe('status bar focus through the token service, against the sandbox', () => {
	const env = useSandbox();
	const services: TokenService[] = [];
	afterEach(() => services.splice(0).forEach((service) => service.dispose()));

	async function window(store: StateStore): Promise<{ service: TokenService; log: ReturnType<typeof recordingLog> }> {
		const log = recordingLog();
		const service = new TokenService({ secrets: new MemorySecretStore(), client: testClient(), log, lease: SINGLE_WINDOW_LEASE, focusStore: store });
		services.push(service);
		const apps = [sandboxApp('wechat-stable', env.sandbox.url, { name: 'A' }), sandboxApp('authing', env.sandbox.url, { name: 'B' })];
		await service.setApps(apps);
		for (const app of apps) {
			await service.credentials.write(app, sandboxSecrets(app.source));
		}
		return { service, log };
	}

	it('activeState() follows the pin, tells listeners, survives a reload and falls back when the app is removed', async () => {
		const store = workspaceState();
		const { service, log } = await window(store);
		const [a, b] = service.getApps();
		assert.ok(a && b);
		await service.get(a);
		assert.equal(service.activeState()?.app.name, 'A');

		let changes = 0;
		service.onDidChange(() => changes++);
		await service.pinStatusBar(b);
		assert.ok(changes > 0, 'the status bar and the tree are told');
		assert.equal(service.pinnedApp()?.name, 'B');
		assert.deepEqual([service.activeState()?.app.name, service.activeState()?.token], ['B', undefined]);
		await service.get(a);
		assert.equal(service.activeState()?.app.name, 'B', 'using another app does not move a pinned status bar');
		assert.ok(log.lines.includes('The status bar shows "B".'));

		const reloaded = (await window(store)).service;
		assert.equal(reloaded.activeState()?.app.name, 'B', 'the pin outlives the window');

		await service.setApps([a]);
		assert.equal(service.pinnedApp(), undefined);
		assert.equal(service.activeState()?.app.name, 'A', 'the pinned app is gone: the most recent one again');

		await reloaded.pinStatusBar(undefined);
		assert.equal(reloaded.pinnedApp(), undefined);
		assert.equal(reloaded.activeState(), undefined, 'no pin, no token in that window: nothing active');
		assert.equal(store.values.get(STATUS_BAR_PIN_KEY), undefined);
	});
});
