import * as assert from 'node:assert/strict';
import type { SecretFieldSpec } from '../../../../src/app/config/secretFields';
import { interpretSecretInput } from '../../../../src/app/credentials/secretInput';
import {
	sameAppName,
	validateAccessKeyId,
	validateAccessKeySecret,
	validateAppId,
	validateAppName,
	validateAppSecret,
	validateAuthingAppId,
	validateEndpointUrl,
	validateHost,
	validateUserAccessToken,
} from '../../../../src/app/config/validation';
import { TokenError } from '../../../../src/core/errors';
import { SANDBOX_AUTHING } from '../../../sandbox/fixtures';
import { englishL10n as l10n } from '../../support/englishL10n';
import { requestFor, testClient, useSandbox } from '../../support/sandboxHarness';

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
		for (const bad of [
			'',
			'wx4fc0121bbdb516e',
			'wx4fc0121bbdb516e80',
			'WX4fc0121bbdb516e8',
			'wx4FC0121BBDB516E8',
			'wx4fc0121bbdb516eg',
		]) {
			assert.match(validateAppId(bad, l10n) ?? '', /16 lowercase hexadecimal/, bad);
		}
	});

	it('AppSecrets: 32 hex characters', () => {
		assert.equal(validateAppSecret('134897a5cd8f579dae62e3c7d81c7bf3', l10n), undefined);
		assert.equal(validateAppSecret('134897A5CD8F579DAE62E3C7D81C7BF3', l10n), undefined);
		for (const bad of [
			'',
			'134897a5cd8f579dae62e3c7d81c7bf',
			'134897a5cd8f579dae62e3c7d81c7bf3a',
			'z34897a5cd8f579dae62e3c7d81c7bf3',
		]) {
			assert.equal(validateAppSecret(bad, l10n), 'An AppSecret is 32 hexadecimal characters.', bad);
		}
	});

	it('hosts: the core’s own rules for where credentials may go', () => {
		for (const good of [
			'https://api.weixin.qq.com',
			'https://x.authing.cn/',
			'http://127.0.0.1:8080',
			'http://localhost:3000',
			'https://127.0.0.2:8443',
			'https://[::1]:8443',
		]) {
			assert.equal(validateHost(good, l10n), undefined, good);
		}
		for (const bad of [
			'',
			'api.weixin.qq.com',
			'http://api.weixin.qq.com',
			'https://u:p@x.authing.cn',
			'https://x.cn/?a=1',
			'ftp://x.cn',
		]) {
			assert.match(validateHost(bad, l10n) ?? '', /https:\/\//, bad);
		}
		// Plain http to this machine by any other name gets the same message, which names the two allowed.
		for (const bad of [
			'http://api.weixin.qq.com',
			'http://127.0.0.2:8080',
			'http://0.0.0.0:8080',
			'http://localhost.:3000',
			'http://[::ffff:127.0.0.1]:9000',
			'http://[::1]:9000',
		]) {
			assert.equal(
				validateHost(bad, l10n),
				'Enter an https:// address such as https://api.weixin.qq.com (http:// only to 127.0.0.1 or localhost), without user name, query or fragment.',
				bad,
			);
			assert.match(
				validateEndpointUrl(`${bad}/token?appid=\${appId}`, 'wx1234567890abcdef', l10n) ?? '',
				/http:\/\/ only to 127\.0\.0\.1 or localhost/,
				bad,
			);
		}
	});

	it('Authing ids and secrets: one word', () => {
		for (const validate of [
			validateAuthingAppId,
			validateAccessKeyId,
			validateAccessKeySecret,
			validateUserAccessToken,
		]) {
			assert.equal(validate('abc123', l10n), undefined);
			assert.ok(validate('', l10n));
			assert.ok(validate('abc 123', l10n));
		}
		assert.equal(validateUserAccessToken('Bearer eyJhbGciOi', l10n), undefined);
	});

	describe('Authing ids and the user token go in request headers: visible ASCII only, said as typed', () => {
		const ids = [
			['Authing application ID', validateAuthingAppId],
			['access key ID', validateAccessKeyId],
		] as const;

		it('ASCII letters, digits and punctuation pass', () => {
			for (const [, validate] of ids) {
				assert.equal(validate(SANDBOX_AUTHING.authingAppId, l10n), undefined);
				assert.equal(validate(' abc-DEF_123.x:y/z+= ', l10n), undefined);
			}
			assert.equal(validateUserAccessToken(`Bearer ${SANDBOX_AUTHING.userAccessToken}`, l10n), undefined);
		});

		it('an ID with a CJK, Latin-1, emoji, invisible or control character: a message naming it', () => {
			for (const [what, validate] of ids) {
				for (const [typed, named] of [
					[`${SANDBOX_AUTHING.authingAppId}中`, '“中” (U+4E2D)'],
					[`９3c36fec1c263cb0c5af2af9`, '“９” (U+FF19)'],
					[`93c36fec1c263cb0c5af2af9é`, '“é” (U+00E9)'],
					[`93c36fec😀1c263cb0c5af2af9`, '“😀” (U+1F600)'],
					[`93c36fec1c263cb0c5af2af9\u200b`, 'U+200B'],
					[`93c36fec1c263cb0c5af2af9\u0007`, 'U+0007'],
				] as const) {
					assert.equal(
						validate(typed, l10n),
						`The ${what} can only have ASCII letters, digits and punctuation: remove ${named}.`,
						JSON.stringify(typed),
					);
				}
			}
		});

		it('the user token: the character by its code point only, nothing of the token shown', () => {
			const token = `${SANDBOX_AUTHING.userAccessToken}€`;
			const message = validateUserAccessToken(`Bearer ${token}`, l10n) ?? '';
			assert.equal(
				message,
				'The user access token can only have ASCII letters, digits and punctuation: remove the character U+20AC.',
			);
			assert.ok(!message.includes('€') && !message.includes('sandbox-user'), message);
			assert.equal(
				interpretSecretInput({ field: 'userAccessToken', required: false }, token, false, l10n).kind,
				'invalid',
				'the Set Credentials box refuses it',
			);
		});

		describe('why, over loopback: such a character never reaches the server as typed', () => {
			const env = useSandbox();

			it('the ID arrives without it (or the request fails): so it is refused as typed instead', async () => {
				const typed = `${SANDBOX_AUTHING.authingAppId}中`;
				const outcome = await testClient()
					.fetchToken(requestFor('authing', env.sandbox.url, { authingAppId: typed }))
					.then(
						() => 'a token',
						(e: unknown) => (TokenError.is(e) ? e.reason : String(e)),
					);
				const received = env.sandbox.requests[0]?.headers['x-authing-app-id'];
				assert.ok(received !== typed, `sent as typed (${outcome})`);
				assert.ok(validateAuthingAppId(typed, l10n) !== undefined);
			});
		});
	});

	describe('what a secret’s password box input means', () => {
		const required: SecretFieldSpec = { field: 'appSecret', required: true };
		const optional: SecretFieldSpec = { field: 'userAccessToken', required: false };
		const secret = '134897a5cd8f579dae62e3c7d81c7bf3';

		it('a required secret: empty keeps the saved one, and is refused when none is saved', () => {
			assert.deepEqual(interpretSecretInput(required, '', true, l10n), { kind: 'keep' });
			assert.equal(interpretSecretInput(required, '', false, l10n).kind, 'invalid');
			assert.deepEqual(interpretSecretInput(required, ` ${secret} `, false, l10n), {
				kind: 'set',
				value: secret,
			});
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
