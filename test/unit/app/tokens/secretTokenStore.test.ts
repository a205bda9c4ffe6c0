import * as assert from 'node:assert/strict';
import { tokenKey } from '../../../../src/app/credentials/secretKeys';
import { parseStoredToken, SecretTokenStore } from '../../../../src/app/tokens/secretTokenStore';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import { MemorySecretStore } from '../../support/memorySecretStore';

const token: AccessToken = {
	accessToken: '86_abcdefghijklmnopqrstuvwxyz',
	expiresAt: 2_000_000,
	source: 'wechat-stable',
	fetchedAt: 1_000_000,
};

describe('secret token store: the token cache persisted in SecretStorage', () => {
	it('round-trips a token under the token key of the identity', async () => {
		const secrets = new MemorySecretStore();
		const store = new SecretTokenStore(secrets);
		await store.set('identity', token);
		assert.deepEqual(secrets.keys(), [tokenKey('identity')]);
		assert.deepEqual(await new SecretTokenStore(secrets.shareWith()).get('identity'), token);
		await store.delete('identity');
		assert.equal(await store.get('identity'), undefined);
	});

	it('does not rewrite an unchanged token, so other windows are not woken for nothing', async () => {
		const secrets = new MemorySecretStore();
		const store = new SecretTokenStore(secrets);
		await store.set('identity', token);
		await store.set('identity', { ...token });
		assert.equal(secrets.writes.length, 1);
	});

	it('treats anything that is not a token as no token', () => {
		for (const raw of [
			'',
			'null',
			'[]',
			'{"accessToken":""}',
			JSON.stringify({ ...token, source: 'other' }),
			JSON.stringify({ ...token, expiresAt: '1' }),
			// Characters no token has (stored before tokens were checked): fetched again rather than handed out.
			JSON.stringify({ ...token, accessToken: 'token-value $(id)' }),
			JSON.stringify({ ...token, accessToken: 'token-value\nexport X=1' }),
		]) {
			assert.equal(parseStoredToken(raw), undefined, raw);
		}
		assert.deepEqual(parseStoredToken(JSON.stringify({ ...token, extra: 1 })), token);
	});
});
