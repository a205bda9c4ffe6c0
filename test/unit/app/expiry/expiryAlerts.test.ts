import * as assert from 'node:assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { expiryAlertMessage } from '../../../../src/app/presentation/expiryAlertMessage';
import type {
	AlertInput,
	AutoRefreshStatus,
	ExpiryAlert,
	ExpiryAlertSettings,
} from '../../../../src/app/expiry/expiryAlerts';
import { alertDecision, ExpiryAlerts } from '../../../../src/app/expiry/expiryAlerts';
import { Listeners } from '../../../../src/app/ports/listeners';
import type { AppState } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import { sandboxApp } from '../../support/apps';
import { englishL10n as l10n } from '../../support/englishL10n';

const S = 1000;
const M = 60 * S;
const START = new Date(2026, 0, 15, 13, 0, 0).getTime();
const HOST = 'https://api.weixin.qq.com';

describe('expiry alerts: when to warn', () => {
	const settings: ExpiryAlertSettings = { enabled: true, warnBeforeMs: 10 * M };
	const token = (expiresInMs: number): AccessToken => ({
		accessToken: 'x'.repeat(32),
		expiresAt: START + expiresInMs,
		source: 'wechat-stable',
		fetchedAt: START,
	});
	const input = (overrides: Partial<AlertInput>): AlertInput => ({
		token: token(60 * M),
		now: START,
		settings,
		warned: false,
		autoRefresh: 'off',
		...overrides,
	});

	it('later, just past the threshold; now once inside it; never for an expired token or one warned about', () => {
		assert.deepEqual(alertDecision(input({})), { kind: 'later', inMs: 50 * M + 1 });
		assert.deepEqual(
			alertDecision(input({ token: token(10 * M) })),
			{ kind: 'later', inMs: 1 },
			'exactly warnBefore left: not fewer yet',
		);
		assert.deepEqual(alertDecision(input({ token: token(10 * M - 1) })), { kind: 'now' }, 'a millisecond fewer');
		assert.deepEqual(alertDecision(input({ token: token(M) })), { kind: 'now' });
		assert.deepEqual(alertDecision(input({ token: token(0) })), { kind: 'none' });
		assert.deepEqual(alertDecision(input({ token: token(M), warned: true })), { kind: 'none' });
		assert.deepEqual(alertDecision(input({ token: undefined })), { kind: 'none' });
	});

	it('nothing when turned off or the threshold is 0', () => {
		assert.deepEqual(
			alertDecision(input({ token: token(M), settings: { enabled: false, warnBeforeMs: 10 * M } })),
			{ kind: 'none' },
		);
		assert.deepEqual(alertDecision(input({ token: token(M), settings: { enabled: true, warnBeforeMs: 0 } })), {
			kind: 'none',
		});
	});

	it('silent while auto-refresh will renew the token; said when it failed', () => {
		assert.deepEqual(alertDecision(input({ token: token(M), autoRefresh: 'pending' })), { kind: 'none' });
		assert.deepEqual(alertDecision(input({ token: token(M), autoRefresh: 'failed' })), { kind: 'now' });
		assert.deepEqual(
			alertDecision(input({ autoRefresh: 'pending' })),
			{ kind: 'later', inMs: 50 * M + 1 },
			'checked again at the threshold',
		);
	});
});

/** The active app as the alerts see it: its state, which the test sets, and its change event. */
class FakeActiveApp {
	active: AppState | undefined;
	private readonly changes = new Listeners<void>();
	state(): AppState | undefined {
		return this.active;
	}
	onDidChange(listener: () => void): { dispose(): void } {
		return this.changes.add(listener);
	}
	show(app: WechatApp, token: AccessToken | undefined): void {
		this.active = { app, token, credentials: 'present', error: undefined, busy: false, lastUsedAt: undefined };
		this.changes.fire();
	}
}

class FakeAutoRefresh implements AutoRefreshStatus {
	covered = new Set<string>();
	failed = new Map<string, unknown>();
	private readonly failures = new Listeners<void>();
	covers(app: WechatApp): boolean {
		return this.covered.has(app.name);
	}
	failure(app: WechatApp): unknown {
		return this.failed.get(app.name);
	}
	onDidFail(listener: () => void): { dispose(): void } {
		return this.failures.add(listener);
	}
	fail(app: WechatApp, error: unknown): void {
		this.failed.set(app.name, error);
		this.failures.fire();
	}
}

describe('expiry alerts: the scheduler, on a fake clock', () => {
	const shop = sandboxApp('wechat-stable', HOST, { name: 'Shop' });
	const blog = sandboxApp('authing', HOST, { name: 'Blog' });
	let clock: FakeTimers.Clock;
	let activeApp: FakeActiveApp;
	let autoRefresh: FakeAutoRefresh;
	let settings: ExpiryAlertSettings;
	let alerts: ExpiryAlerts;
	let shown: ExpiryAlert[];
	let tokens = 0;

	const token = (expiresInMs: number): AccessToken => ({
		accessToken: `token-${++tokens}-abcdefghijklmnopqrstuvwxyz`,
		expiresAt: clock.now + expiresInMs,
		source: 'wechat-stable',
		fetchedAt: clock.now,
	});

	beforeEach(() => {
		clock = FakeTimers.createClock(START);
		activeApp = new FakeActiveApp();
		autoRefresh = new FakeAutoRefresh();
		settings = { enabled: true, warnBeforeMs: 10 * M };
		shown = [];
		alerts = new ExpiryAlerts({
			activeApp,
			autoRefresh,
			settings: () => settings,
			onAlert: (alert) => shown.push(alert),
			clock: { now: () => clock.now },
			timers: {
				setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
				clearTimeout: (handle) => clock.clearTimeout(handle as FakeTimers.TimerId),
			},
		});
	});
	afterEach(() => alerts.dispose());

	it('warns once when the active token enters the window, and again for the next token', () => {
		const first = token(30 * M);
		activeApp.show(shop, first);
		assert.equal(clock.countTimers(), 1, 'one timer, for the threshold');
		clock.tick(20 * M);
		assert.equal(shown.length, 0);
		clock.tick(1);
		assert.deepEqual(
			shown.map((alert) => [alert.app.name, alert.token.accessToken, alert.autoRefreshError]),
			[['Shop', first.accessToken, undefined]],
		);
		assert.equal(clock.countTimers(), 0, 'nothing left to wait for');
		activeApp.show(shop, { ...first, fetchedAt: clock.now });
		clock.tick(5 * M);
		assert.equal(shown.length, 1, 'the same token fetched again is not news');

		const second = token(8 * M);
		activeApp.show(shop, second);
		assert.deepEqual(
			shown.map((alert) => alert.token.accessToken),
			[first.accessToken, second.accessToken],
			'a new token re-arms: already inside the window, so at once',
		);
	});

	it('a token already inside the window when it becomes active (a reload, a switch of app) warns at once, once', () => {
		const blogToken = token(3 * M);
		activeApp.show(blog, blogToken);
		assert.equal(shown.length, 1);
		activeApp.show(shop, token(60 * M));
		activeApp.show(blog, blogToken);
		assert.equal(shown.length, 1, 'switching back to a token warned about says nothing');
	});

	it('only the active app: a token that is no longer active is not warned about', () => {
		activeApp.show(shop, token(30 * M));
		clock.tick(10 * M);
		activeApp.show(blog, token(90 * M));
		clock.tick(15 * M);
		assert.equal(shown.length, 0, 'Shop’s threshold passed after the status bar moved to Blog');
		clock.tick(65 * M + 1);
		assert.deepEqual(
			shown.map((alert) => alert.app.name),
			['Blog'],
		);
	});

	it('never for an expired token; no timer while there is nothing to warn about', () => {
		activeApp.show(shop, token(-M));
		assert.equal(shown.length, 0);
		assert.equal(clock.countTimers(), 0);
		activeApp.show(shop, undefined);
		assert.equal(clock.countTimers(), 0);
	});

	it('turned off, or a threshold of 0: no alert and no timer; turned on again inside the window: warns', () => {
		settings = { enabled: false, warnBeforeMs: 10 * M };
		activeApp.show(shop, token(30 * M));
		assert.equal(clock.countTimers(), 0);
		clock.tick(25 * M);
		settings = { enabled: true, warnBeforeMs: 0 };
		alerts.update();
		assert.equal(clock.countTimers(), 0);
		assert.equal(shown.length, 0);
		settings = { enabled: true, warnBeforeMs: 10 * M };
		alerts.update();
		assert.equal(shown.length, 1);
	});

	it('auto-refresh silences the alert while it will renew the token, and the alert says when it failed', () => {
		autoRefresh.covered.add('Shop');
		const expiring = token(30 * M);
		activeApp.show(shop, expiring);
		clock.tick(26 * M);
		assert.equal(shown.length, 0, 'inside the window, but auto-refresh is on it');
		assert.equal(clock.countTimers(), 0);
		const failure = new TokenError('network', 'connect ECONNREFUSED');
		autoRefresh.fail(shop, failure);
		assert.deepEqual(
			shown.map((alert) => [alert.token.accessToken, alert.autoRefreshError]),
			[[expiring.accessToken, failure]],
		);
		autoRefresh.fail(shop, new TokenError('network', 'again'));
		assert.equal(shown.length, 1, 'at most one warning per token');
	});

	it('disposing leaves no timer', () => {
		activeApp.show(shop, token(30 * M));
		assert.equal(clock.countTimers(), 1);
		alerts.dispose();
		assert.equal(clock.countTimers(), 0);
		activeApp.show(shop, token(M));
		assert.equal(shown.length, 0);
	});
});

describe('expiry alerts: the message', () => {
	const app = sandboxApp('wechat-stable', HOST, { name: 'Shop' });
	const token: AccessToken = {
		accessToken: 'y'.repeat(40),
		expiresAt: START + 9 * M + 30 * S,
		source: 'wechat-stable',
		fetchedAt: START - M,
	};

	it('says which app, how long the token has left and when it expires', () => {
		assert.match(
			expiryAlertMessage({ app, token }, START, 'en', l10n),
			/^The access token of “Shop” expires in 9m \(at 1:09:30\sPM\)\.$/,
		);
	});

	it('says why auto-refresh did not renew it, briefly', () => {
		const message = expiryAlertMessage(
			{ app, token, autoRefreshError: new TokenError('network', 'connect ECONNREFUSED 127.0.0.1:1') },
			START,
			'en',
			l10n,
		);
		assert.match(
			message,
			/^Could not renew the access token of “Shop” automatically \(network error\)\. It expires in 9m \(at 1:09:30\sPM\)\.$/,
		);
		assert.ok(!message.includes(token.accessToken));
	});
});
