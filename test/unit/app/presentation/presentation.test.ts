import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import { appStatus } from '../../../../src/app/presentation/appStatus';
import { ClassicConsent } from '../../../../src/app/tokens/classicConsent';
import { expiryStatus } from '../../../../src/app/presentation/expiryStatus';
import { escapeMarkdown } from '../../../../src/app/presentation/inertText';
import { maskToken } from '../../../../src/app/tokens/maskToken';
import type { AppState } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import { sandboxApp } from '../../support/apps';
import { englishL10n as l10n } from '../../support/englishL10n';

const M = 60_000;
const NOW = 1_800_000_000_000;
const TOKEN = '86_Xq3AbCdEfGhIjKlMnOpQrStUvWxYz0123456789a9Zk';
const app = sandboxApp('wechat-stable', 'https://api.weixin.qq.com', { name: 'Shop *1*' });

function state(overrides: Partial<AppState> = {}, expiresInMs?: number): AppState {
	return {
		app,
		token:
			expiresInMs === undefined
				? undefined
				: { accessToken: TOKEN, expiresAt: NOW + expiresInMs, source: 'wechat-stable', fetchedAt: NOW - M },
		credentials: 'present',
		error: undefined,
		busy: false,
		lastUsedAt: undefined,
		...overrides,
	};
}

describe('masking tokens', () => {
	it('shows the first and last four characters only', () => {
		assert.equal(maskToken(TOKEN), '86_X…a9Zk');
		assert.equal(maskToken('abcdefghijklmnopqrstuvwxyz'), 'abcd…wxyz');
	});

	it('hides short tokens entirely, never revealing their length', () => {
		assert.equal(maskToken('short'), '••••••••');
		assert.equal(maskToken('0123456789abcdefghi'), '••••••••');
		assert.equal(maskToken(''), '••••••••');
	});
});

describe('app status in the tree', () => {
	const warn = 10 * M;
	const describeState = (s: AppState): [string, string, string] => {
		const status = appStatus(s, NOW, warn, l10n);
		return [status.kind, status.token, status.description];
	};

	it('a working token: time left, warning under the threshold', () => {
		assert.deepEqual(describeState(state({}, 118 * M + 30_000)), ['valid', 'valid', '1h 58m left']);
		assert.deepEqual(describeState(state({}, 9 * M)), ['expiring', 'expiring', '9m left']);
		assert.deepEqual(describeState(state({ error: new TokenError('network', '') }, 30 * M)), [
			'valid',
			'valid',
			'30m left · network error',
		]);
	});

	it('no token yet, credentials missing, expired, the failure', () => {
		assert.deepEqual(describeState(state()), ['noToken', 'none', 'no token yet']);
		assert.deepEqual(describeState(state({ credentials: 'missing' })), [
			'credentialsMissing',
			'none',
			'credentials missing',
		]);
		assert.deepEqual(describeState(state({ credentials: 'unavailable' })), [
			'storageUnavailable',
			'none',
			'secret storage unavailable',
		]);
		assert.deepEqual(describeState(state({}, -M)), ['expired', 'expired', 'expired']);
		assert.deepEqual(describeState(state({ error: new TokenError('ip-not-whitelisted', '') }, -M)), [
			'error',
			'expired',
			'IP not whitelisted',
		]);
		assert.deepEqual(
			describeState(state({ credentials: 'missing', error: new CredentialError('credentials-missing', '') })),
			['error', 'none', 'credentials missing'],
		);
	});

	it('busy while a request runs', () => {
		assert.deepEqual(describeState(state({ busy: true }, 30 * M)), ['busy', 'valid', 'getting token…']);
	});
});

describe('the status bar countdown', () => {
	const context = { now: NOW, warnBeforeMs: 10 * M, locale: 'en' };

	it('hidden while no token is known', () => {
		assert.equal(expiryStatus(undefined, context, l10n), undefined);
		assert.equal(expiryStatus(state(), context, l10n), undefined);
	});

	it('valid: app and time left; a click copies', () => {
		const model = expiryStatus(state({}, 119 * M + 5_000), context, l10n);
		assert.equal(model?.state, 'valid');
		assert.equal(model?.text, '$(key) Shop *1* 1h 59m');
		assert.equal(model?.accessibilityLabel, 'WeChat access token of Shop *1*: 1h 59m left');
		assert.equal(model?.clickAction, 'copy');
		assert.match(model?.tooltip ?? '', /Shop \\\*1\\\*/, 'the name is escaped in markdown');
		assert.match(model?.tooltip ?? '', /`86_X…a9Zk`/);
		assert.ok(!model?.tooltip.includes(TOKEN), 'never the full token');
		assert.match(model?.tooltip ?? '', /WeChat stable token \(`wechat-stable`\)/);
	});

	it('expiring, expired (a click gets a new token), error', () => {
		assert.equal(expiryStatus(state({}, 9 * M), context, l10n)?.state, 'expiring');
		assert.equal(expiryStatus(state({}, 45_000), context, l10n)?.text, '$(watch) Shop *1* 45s');
		const expired = expiryStatus(state({}, -1), context, l10n);
		assert.deepEqual(
			[expired?.state, expired?.text, expired?.clickAction],
			['expired', '$(warning) Shop *1* expired', 'refresh'],
		);
		const failed = expiryStatus(state({ error: new TokenError('invalid-app-secret', '') }, -1), context, l10n);
		assert.deepEqual([failed?.state, failed?.text], ['error', '$(error) Shop *1* AppSecret refused']);
		assert.match(failed?.tooltip ?? '', /Last attempt: AppSecret refused/);
	});

	it('escapes markdown in names', () => {
		assert.equal(escapeMarkdown('a_b [c](d) <e>'), 'a\\_b \\[c\\]\\(d\\) \\<e\\>');
	});
});

describe('classic opt-in', () => {
	it('is needed for classic apps only, per identity, and can be withdrawn', async () => {
		const memory = new Map<string, unknown>();
		const consent = new ClassicConsent({
			get: (key) => memory.get(key),
			update: (key, value) => Promise.resolve(void memory.set(key, value)),
		});
		const classic: WechatApp = sandboxApp('wechat', 'https://api.weixin.qq.com');
		const moved: WechatApp = sandboxApp('wechat', 'https://sh.api.weixin.qq.com');
		assert.ok(consent.isGranted(app));
		assert.ok(!consent.isGranted(classic));
		await consent.grant(classic);
		await consent.grant(classic);
		assert.ok(consent.isGranted(classic));
		assert.ok(!consent.isGranted(moved), 'a new host asks again');
		assert.deepEqual(memory.get('wechatAccessToken.classicOptIn'), [classic.identity]);
		await consent.revoke(classic);
		assert.ok(!consent.isGranted(classic));
	});
});
