import * as assert from 'node:assert/strict';
import type { SecretFieldSpec } from '../../../src/app/secretKeys';
import { interpretSecretInput } from '../../../src/app/secretInput';
import {
	sameAppName,
	validateAccessKeyId,
	validateAccessKeySecret,
	validateAppId,
	validateAppName,
	validateAppSecret,
	validateAuthingAppId,
	validateHost,
	validateUserAccessToken,
} from '../../../src/app/validation';
import { englishL10n as l10n } from '../support/englishL10n';

describe('validation of what users type', () => {
	it('app names: not empty, unique ignoring case and surrounding spaces', () => {
		assert.equal(validateAppName('Shop', ['Other'], l10n), undefined);
		assert.equal(validateAppName('  ', [], l10n), 'Enter a name for the app.');
		assert.equal(validateAppName(' shop ', ['Shop'], l10n), 'An app named “shop” already exists.');
		assert.ok(sameAppName('SHOP', 'shop '));
	});

	it('AppIDs: wx and 16 lowercase hex characters', () => {
		for (const good of ['wx4fc0121bbdb516e8', ' wx0123456789abcdef ']) {
			assert.equal(validateAppId(good, l10n), undefined, good);
		}
		for (const bad of ['', 'wx4fc0121bbdb516e', 'wx4fc0121bbdb516e80', 'WX4fc0121bbdb516e8', 'wx4FC0121BBDB516E8', 'wx4fc0121bbdb516eg']) {
			assert.match(validateAppId(bad, l10n) ?? '', /16 lowercase hexadecimal/, bad);
		}
	});

	it('AppSecrets: 32 hex characters', () => {
		assert.equal(validateAppSecret('134897a5cd8f579dae62e3c7d81c7bf3', l10n), undefined);
		assert.equal(validateAppSecret('134897A5CD8F579DAE62E3C7D81C7BF3', l10n), undefined);
		for (const bad of ['', '134897a5cd8f579dae62e3c7d81c7bf', '134897a5cd8f579dae62e3c7d81c7bf3a', 'z34897a5cd8f579dae62e3c7d81c7bf3']) {
			assert.equal(validateAppSecret(bad, l10n), 'An AppSecret is 32 hexadecimal characters.', bad);
		}
	});

	it('hosts: the core’s own rules for where credentials may go', () => {
		for (const good of ['https://api.weixin.qq.com', 'https://x.authing.cn/', 'http://127.0.0.1:8080']) {
			assert.equal(validateHost(good, l10n), undefined, good);
		}
		for (const bad of ['', 'api.weixin.qq.com', 'http://api.weixin.qq.com', 'https://u:p@x.authing.cn', 'https://x.cn/?a=1', 'ftp://x.cn']) {
			assert.match(validateHost(bad, l10n) ?? '', /https:\/\//, bad);
		}
	});

	it('Authing ids and secrets: one word', () => {
		for (const validate of [validateAuthingAppId, validateAccessKeyId, validateAccessKeySecret, validateUserAccessToken]) {
			assert.equal(validate('abc123', l10n), undefined);
			assert.ok(validate('', l10n));
			assert.ok(validate('abc 123', l10n));
		}
		assert.equal(validateUserAccessToken('Bearer eyJhbGciOi', l10n), undefined);
	});

	describe('what a secret’s password box input means', () => {
		const required: SecretFieldSpec = { field: 'appSecret', required: true };
		const optional: SecretFieldSpec = { field: 'userAccessToken', required: false };
		const secret = '134897a5cd8f579dae62e3c7d81c7bf3';

		it('a required secret: empty keeps the saved one, and is refused when none is saved', () => {
			assert.deepEqual(interpretSecretInput(required, '', true, l10n), { kind: 'keep' });
			assert.equal(interpretSecretInput(required, '', false, l10n).kind, 'invalid');
			assert.deepEqual(interpretSecretInput(required, ` ${secret} `, false, l10n), { kind: 'set', value: secret });
			assert.equal(interpretSecretInput(required, '-', true, l10n).kind, 'invalid');
		});

		it('an optional secret: empty leaves it, "-" removes a saved one', () => {
			assert.deepEqual(interpretSecretInput(optional, '', false, l10n), { kind: 'keep' });
			assert.deepEqual(interpretSecretInput(optional, '-', true, l10n), { kind: 'remove' });
			assert.deepEqual(interpretSecretInput(optional, 'tok', false, l10n), { kind: 'set', value: 'tok' });
			assert.equal(interpretSecretInput(optional, 'a b', false, l10n).kind, 'invalid');
		});
	});
});
