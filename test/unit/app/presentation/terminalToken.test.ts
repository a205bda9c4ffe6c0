import * as assert from 'node:assert/strict';
import { TERMINAL_TOKEN_VARIABLE, terminalTokenDecision } from '../../../../src/app/presentation/terminalToken';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import { sandboxApp } from '../../support/apps';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const app = sandboxApp('wechat-stable', 'http://127.0.0.1:9');

function token(expiresInMs: number): AccessToken {
	return {
		accessToken: 'token-value-0123456789',
		expiresAt: NOW + expiresInMs,
		source: 'wechat-stable',
		fetchedAt: NOW - 1000,
	};
}

describe('WECHAT_ACCESS_TOKEN in new terminals: what the collection should hold', () => {
	it('the active app’s token while it works, with whose it is and until when', () => {
		assert.equal(TERMINAL_TOKEN_VARIABLE, 'WECHAT_ACCESS_TOKEN');
		assert.deepEqual(terminalTokenDecision({ app, token: token(60_000) }, true, NOW), {
			kind: 'set',
			value: 'token-value-0123456789',
			appName: app.name,
			expiresAt: NOW + 60_000,
		});
		assert.equal(
			terminalTokenDecision({ app, token: token(1) }, true, NOW).kind,
			'set',
			'a millisecond left still works',
		);
	});

	it('nothing when the setting is off, whatever the token', () => {
		assert.deepEqual(terminalTokenDecision({ app, token: token(60_000) }, false, NOW), {
			kind: 'unset',
			why: 'off',
		});
		assert.deepEqual(terminalTokenDecision(undefined, false, NOW), { kind: 'unset', why: 'off' });
	});

	it('nothing without an active app or token (none fetched yet, or the app was removed)', () => {
		assert.deepEqual(terminalTokenDecision(undefined, true, NOW), { kind: 'unset', why: 'no-token' });
		assert.deepEqual(terminalTokenDecision({ app, token: undefined }, true, NOW), {
			kind: 'unset',
			why: 'no-token',
		});
	});

	it('nothing once the token has expired, from its very expiry on', () => {
		assert.deepEqual(terminalTokenDecision({ app, token: token(0) }, true, NOW), { kind: 'unset', why: 'expired' });
		assert.deepEqual(terminalTokenDecision({ app, token: token(-5000) }, true, NOW), {
			kind: 'unset',
			why: 'expired',
		});
	});
});
