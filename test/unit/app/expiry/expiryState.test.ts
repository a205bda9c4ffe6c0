import * as assert from 'node:assert/strict';
import { appStatus } from '../../../../src/app/presentation/appStatus';
import { expiryStatusKind, nextTickDelayMs } from '../../../../src/app/expiry/countdown';
import { alertDecision } from '../../../../src/app/expiry/expiryAlerts';
import { expiryState, msUntilExpiring } from '../../../../src/app/expiry/expiryState';
import { minutesToMs } from '../../../../src/app/config/numericSettings';
import { terminalTokenDecision } from '../../../../src/app/presentation/terminalToken';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import { sandboxApp } from '../../support/apps';
import { englishL10n as l10n } from '../../support/englishL10n';

const M = 60_000;
const WARN = 10 * M;
const NOW = 1_800_000_000_000;

describe('the one expiry rule', () => {
	it('expiring once fewer than warnBefore are left (README: “fewer than warnBeforeExpiryMinutes”), expired from expiresAt on', () => {
		assert.equal(expiryState(undefined, WARN), 'none');
		assert.equal(expiryState(WARN + 1, WARN), 'valid');
		assert.equal(expiryState(WARN, WARN), 'valid', 'exactly warnBefore left is not fewer');
		assert.equal(expiryState(WARN - 1, WARN), 'expiring');
		assert.equal(expiryState(1, WARN), 'expiring');
		assert.equal(expiryState(0, WARN), 'expired', 'at expiresAt the token no longer works');
		assert.equal(expiryState(-1, WARN), 'expired');
		assert.equal(expiryState(1, 0), 'valid', 'a threshold of 0 never warns');
	});

	it('msUntilExpiring lands on the first millisecond that is expiring', () => {
		for (const remaining of [WARN, WARN + 1, WARN + 37_123, 3 * WARN]) {
			const inMs = msUntilExpiring(remaining, WARN);
			assert.ok(inMs !== undefined);
			assert.equal(expiryState(remaining - inMs, WARN), 'expiring', `${remaining}`);
			assert.equal(expiryState(remaining - inMs + 1, WARN), 'valid', `${remaining}`);
		}
		assert.equal(msUntilExpiring(WARN - 1, WARN), undefined, 'already expiring');
		assert.equal(msUntilExpiring(0, WARN), undefined, 'expired');
		assert.equal(msUntilExpiring(undefined, WARN), undefined, 'no token');
		assert.equal(msUntilExpiring(5 * M, 0), undefined, 'never expiring');
	});

	it('the tree, the status bar, the alert, its timer and the terminal agree at the very boundary instants', () => {
		const token = (remainingMs: number): AccessToken => ({
			accessToken: 'x'.repeat(32),
			expiresAt: NOW + remainingMs,
			source: 'wechat-stable',
			fetchedAt: NOW - M,
		});
		const state = (remainingMs: number) => ({
			app: sandboxApp('wechat-stable', 'https://api.weixin.qq.com'),
			token: token(remainingMs),
			credentials: 'present' as const,
			error: undefined,
			busy: false,
			lastUsedAt: undefined,
		});
		const alert = (remainingMs: number) =>
			alertDecision({
				token: token(remainingMs),
				now: NOW,
				settings: { enabled: true, warnBeforeMs: WARN },
				warned: false,
				autoRefresh: 'off',
			});
		for (const [remaining, expected] of [
			[WARN, 'valid'],
			[WARN - 1, 'expiring'],
			[0, 'expired'],
		] as const) {
			assert.equal(appStatus(state(remaining), NOW, WARN, l10n).token, expected, `tree at ${remaining}`);
			assert.equal(
				expiryStatusKind({ token: token(remaining), failed: false, now: NOW, warnBeforeMs: WARN }),
				expected,
				`status bar at ${remaining}`,
			);
			assert.equal(
				alert(remaining).kind,
				expected === 'valid' ? 'later' : expected === 'expiring' ? 'now' : 'none',
				`alert at ${remaining}`,
			);
			assert.equal(
				terminalTokenDecision(state(remaining), true, NOW).kind,
				expected === 'expired' ? 'unset' : 'set',
				`terminal at ${remaining}`,
			);
		}
		assert.equal(
			nextTickDelayMs(WARN, WARN),
			1,
			'the status bar and the tree redraw a millisecond after the boundary',
		);
		assert.deepEqual(alert(WARN), { kind: 'later', inMs: 1 }, 'and the alert comes at that same millisecond');
	});

	it('minutes in the settings become ms in one place', () => {
		assert.equal(minutesToMs(10), WARN);
		assert.equal(minutesToMs(0), 0);
	});
});
