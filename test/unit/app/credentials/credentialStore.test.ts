import * as assert from 'node:assert/strict';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import {
	CREDENTIAL_INDEX_KEY,
	leaseKey,
	parseSecretKey,
	secretKey,
	tokenKey,
} from '../../../../src/app/credentials/secretKeys';
import { secretFieldsOf } from '../../../../src/app/config/secretFields';
import { sandboxApp } from '../../support/apps';
import { FlakySecretStore } from '../../support/flakySecretStore';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { snapshotSecrets } from '../../support/secretSnapshot';

const SECRET = '134897a5cd8f579dae62e3c7d81c7bf3';
const OTHER_SECRET = '174f7b82617849371553b7e2c9806e23';

describe('secret keys: bound to the app identity', () => {
	it('name each secret and the token by field and identity, and read back', () => {
		const app = sandboxApp('authing', 'https://x.authing.cn');
		assert.equal(secretKey('appSecret', app.identity), `wechatAccessToken:appSecret:${app.identity}`);
		assert.deepEqual(parseSecretKey(secretKey('userAccessToken', app.identity)), {
			kind: 'secret',
			field: 'userAccessToken',
			identity: app.identity,
		});
		assert.deepEqual(parseSecretKey(tokenKey(app.identity)), { kind: 'token', identity: app.identity });
		assert.deepEqual(parseSecretKey(leaseKey(app.identity)), { kind: 'lease', identity: app.identity });
		assert.deepEqual(parseSecretKey(CREDENTIAL_INDEX_KEY), { kind: 'index' });
		assert.equal(parseSecretKey('otherExtension:appSecret:x'), undefined);
		assert.equal(parseSecretKey('wechatAccessToken:password:x'), undefined);
	});

	it('ask each source for exactly its secrets', () => {
		assert.deepEqual(secretFieldsOf({ source: 'authing' }), [
			{ field: 'appSecret', required: true },
			{ field: 'userAccessToken', required: false },
		]);
		assert.deepEqual(
			secretFieldsOf({ source: 'authing-management' }).map((spec) => spec.field),
			['appSecret', 'accessKeySecret'],
		);
		assert.deepEqual(
			secretFieldsOf({ source: 'wechat-stable' }).map((spec) => spec.field),
			['appSecret'],
		);
		assert.deepEqual(
			secretFieldsOf({ source: 'wechat' }).map((spec) => spec.field),
			['appSecret'],
		);
	});
});

describe('credential store: secrets in SecretStorage, bound to where they may be sent', () => {
	const stable = sandboxApp('wechat-stable', 'https://api.weixin.qq.com', { name: 'Shop' });
	const moved = sandboxApp('wechat-stable', 'https://sh.api.weixin.qq.com', { name: 'Shop' });

	it('stores and reads secrets; reports what a source still needs', async () => {
		const store = new CredentialStore(new MemorySecretStore());
		const management = sandboxApp('authing-management', 'https://api.authing.cn');
		assert.deepEqual(await store.missingFields(management), ['appSecret', 'accessKeySecret']);
		await store.write(management, { appSecret: SECRET });
		assert.deepEqual(await store.missingFields(management), ['accessKeySecret']);
		await store.write(management, { accessKeySecret: 'key-secret' });
		assert.deepEqual(await store.read(management), { appSecret: SECRET, accessKeySecret: 'key-secret' });
		assert.deepEqual(await store.missingFields(management), []);
	});

	it('an optional secret can be removed; a required one missing is reported', async () => {
		const store = new CredentialStore(new MemorySecretStore());
		const authing = sandboxApp('authing', 'https://x.authing.cn');
		await store.write(authing, { appSecret: SECRET, userAccessToken: 'user-token' });
		await store.write(authing, { userAccessToken: null });
		assert.deepEqual(await store.read(authing), { appSecret: SECRET });
	});

	it('when the host changes, the secrets are not found for the new host', async () => {
		const store = new CredentialStore(new MemorySecretStore());
		await store.write(stable, { appSecret: SECRET });
		assert.notEqual(moved.identity, stable.identity);
		assert.deepEqual(await store.read(moved), {});
		assert.deepEqual(await store.missingFields(moved), ['appSecret']);
	});

	it('so do a changed source or Authing id', async () => {
		const store = new CredentialStore(new MemorySecretStore());
		const authing = sandboxApp('authing', 'https://x.authing.cn', { authingAppId: 'first' });
		await store.write(authing, { appSecret: SECRET });
		assert.deepEqual(
			await store.read(sandboxApp('authing', 'https://x.authing.cn', { authingAppId: 'second' })),
			{},
		);
		assert.deepEqual(await store.read(sandboxApp('wechat', 'https://api.weixin.qq.com')), {});
	});

	it('offers the secrets of the same AppID elsewhere, and moves them only when asked', async () => {
		const secrets = new MemorySecretStore();
		const store = new CredentialStore(secrets);
		await store.write(stable, { appSecret: SECRET });
		const offer = await store.findReusable(moved);
		assert.deepEqual(offer && { host: offer.host, identity: offer.identity, fields: offer.fields }, {
			host: 'https://api.weixin.qq.com',
			identity: stable.identity,
			fields: ['appSecret'],
		});
		assert.deepEqual(await store.read(moved), {}, 'finding an offer moves nothing');

		await store.reuse(offer!, moved, new Set([moved.identity]));
		assert.deepEqual(await store.read(moved), { appSecret: SECRET });
		assert.deepEqual(await store.read(stable), {}, 'the copy for the old host is gone');
		assert.equal(await store.findReusable(moved), undefined, 'nothing to offer once the app has its secrets');
	});

	it('keeps the old copy when another configured app still uses that identity', async () => {
		const store = new CredentialStore(new MemorySecretStore());
		await store.write(stable, { appSecret: SECRET });
		const offer = await store.findReusable(moved);
		await store.reuse(offer!, moved, new Set([stable.identity, moved.identity]));
		assert.deepEqual(await store.read(stable), { appSecret: SECRET });
	});

	it('offers nothing for another AppID, and the most recent copy when there are several', async () => {
		let now = 1000;
		const store = new CredentialStore(new MemorySecretStore(), { now: () => now });
		const other = sandboxApp('wechat-stable', 'https://api.weixin.qq.com', { appId: 'wx9c3c2fcdb21c55cd' });
		await store.write(other, { appSecret: OTHER_SECRET });
		assert.equal(await store.findReusable(moved), undefined);
		await store.write(stable, { appSecret: SECRET });
		now = 2000;
		const hk = sandboxApp('wechat-stable', 'https://hk.api.weixin.qq.com', { name: 'Shop' });
		await store.write(hk, { appSecret: OTHER_SECRET });
		assert.equal((await store.findReusable(moved))?.host, 'https://hk.api.weixin.qq.com');
	});

	it('carries over only what the new source uses', async () => {
		const store = new CredentialStore(new MemorySecretStore());
		const management = sandboxApp('authing-management', 'https://api.authing.cn');
		await store.write(management, { appSecret: SECRET, accessKeySecret: 'key-secret' });
		const offer = await store.findReusable(stable);
		await store.reuse(offer!, stable, new Set());
		assert.deepEqual(await store.read(stable), { appSecret: SECRET });
	});

	it('removing an app deletes its secrets, token and fetch lease, and those left under its earlier identities', async () => {
		const secrets = new MemorySecretStore();
		const store = new CredentialStore(secrets);
		await store.write(stable, { appSecret: SECRET });
		await secrets.store(tokenKey(stable.identity), '{}');
		await secrets.store(leaseKey(moved.identity), '{}');
		await store.write(moved, { appSecret: OTHER_SECRET });
		const unrelated = sandboxApp('wechat-stable', 'https://api.weixin.qq.com', {
			name: 'Other',
			appId: 'wx9c3c2fcdb21c55cd',
		});
		await store.write(unrelated, { appSecret: OTHER_SECRET });

		const cleared = await store.deleteAll(moved, new Set([unrelated.identity]));
		assert.deepEqual(cleared.sort(), [moved.identity, stable.identity].sort());
		assert.ok(
			secrets.keys().every((key) => !key.includes(stable.identity) && !key.includes(moved.identity)),
			secrets.keys().join('\n'),
		);
		assert.deepEqual(await store.read(unrelated), { appSecret: OTHER_SECRET });
	});

	it('turns a failing keyring into a typed error and loses nothing', async () => {
		const secrets = new MemorySecretStore();
		const store = new CredentialStore(secrets);
		await store.write(stable, { appSecret: SECRET });
		secrets.failing = true;
		for (const attempt of [
			() => store.read(stable),
			() => store.write(stable, { appSecret: OTHER_SECRET }),
			() => store.findReusable(moved),
		]) {
			await assert.rejects(
				attempt(),
				(error: unknown) =>
					CredentialError.is(error, 'secret-storage-unavailable') && error.cause instanceof Error,
			);
		}
		secrets.failing = false;
		assert.deepEqual(await store.read(stable), { appSecret: SECRET });
	});

	it('survives a damaged index', async () => {
		const secrets = new MemorySecretStore();
		await secrets.store(CREDENTIAL_INDEX_KEY, 'not json');
		const store = new CredentialStore(secrets);
		assert.equal(await store.findReusable(moved), undefined);
		await store.write(stable, { appSecret: SECRET });
		assert.equal((await store.findReusable(moved))?.identity, stable.identity);
	});
});

describe('credential store: a write that fails part-way changes nothing stored', () => {
	const management = sandboxApp('authing-management', 'https://api.authing.cn');
	const authing = sandboxApp('authing', 'https://x.authing.cn');
	const key = (field: Parameters<typeof secretKey>[0], app = management): string => secretKey(field, app.identity);

	/** A store over `before`, with a clock that moves on after setup so an index update would show. */
	async function setUp(app: typeof management, before: Parameters<CredentialStore['write']>[1]) {
		let now = 1000;
		const secrets = new FlakySecretStore();
		const store = new CredentialStore(secrets, { now: () => now });
		await store.write(app, before);
		now = 2000;
		return { secrets, store, snapshot: await snapshotSecrets(secrets.inner) };
	}

	/** The keyring's failure, typed, naming none of the secrets involved. */
	function storageError(...values: string[]) {
		return (error: unknown): boolean =>
			CredentialError.is(error, 'secret-storage-unavailable') &&
			values.every((value) => !error.message.includes(value));
	}

	for (const { name, before } of [
		{ name: 'the first field held a value', before: { appSecret: SECRET } },
		{ name: 'the first field held nothing', before: { accessKeySecret: 'old-key-secret' } },
	]) {
		it(`storing the second field fails: both fields as before, the index too (${name})`, async () => {
			const { secrets, store, snapshot } = await setUp(management, before);
			secrets.failWhen = (operation, failing) => operation === 'store' && failing === key('accessKeySecret');
			await assert.rejects(
				store.write(management, { appSecret: OTHER_SECRET, accessKeySecret: 'new-key-secret' }),
				storageError(OTHER_SECRET, 'new-key-secret'),
			);
			secrets.failWhen = () => false;
			assert.deepEqual(await snapshotSecrets(secrets.inner), snapshot);
			assert.deepEqual(await store.read(management), before);
			assert.equal(
				await secrets.inner.get(key('appSecret')),
				before.appSecret,
				'a field absent before is absent again',
			);
		});
	}

	it('a removal fails: the field written before it gets its old value back', async () => {
		const { secrets, store, snapshot } = await setUp(authing, {
			appSecret: SECRET,
			userAccessToken: 'old-user-token',
		});
		secrets.failWhen = (operation, failing) =>
			operation === 'delete' && failing === key('userAccessToken', authing);
		await assert.rejects(
			store.write(authing, { appSecret: OTHER_SECRET, userAccessToken: null }),
			storageError(OTHER_SECRET),
		);
		assert.deepEqual(await snapshotSecrets(secrets.inner), snapshot);
		assert.deepEqual(await store.read(authing), { appSecret: SECRET, userAccessToken: 'old-user-token' });
	});

	it('the index update fails: the secrets already written are put back', async () => {
		const { secrets, store, snapshot } = await setUp(management, { appSecret: SECRET });
		secrets.failWhen = (operation, failing) => operation === 'store' && failing === CREDENTIAL_INDEX_KEY;
		await assert.rejects(
			store.write(management, { appSecret: OTHER_SECRET, accessKeySecret: 'new-key-secret' }),
			storageError(OTHER_SECRET, 'new-key-secret'),
		);
		assert.deepEqual(await snapshotSecrets(secrets.inner), snapshot);
	});

	it('the undo fails too: the original error is thrown, and the rest is still put back', async () => {
		const { secrets, store } = await setUp(management, { accessKeySecret: 'old-key-secret' });
		// The third field's store fails; undoing the first (deleting it again) fails as well.
		secrets.failWhen = (operation, failing) =>
			(operation === 'store' && failing === key('userAccessToken')) ||
			(operation === 'delete' && failing === key('appSecret'));
		const error = await store
			.write(management, {
				appSecret: OTHER_SECRET,
				accessKeySecret: 'new-key-secret',
				userAccessToken: 'new-user-token',
			})
			.then(
				() => assert.fail('the write succeeded'),
				(e: unknown) => e,
			);
		assert.ok(storageError(OTHER_SECRET, 'new-key-secret', 'new-user-token')(error), String(error));
		assert.match(String((error as Error).cause), /Cannot write an item/, 'the failed write, not the failed undo');
		assert.equal(await secrets.inner.get(key('accessKeySecret')), 'old-key-secret');
		assert.equal(await secrets.inner.get(key('userAccessToken')), undefined);
		assert.equal(
			await secrets.inner.get(key('appSecret')),
			OTHER_SECRET,
			'only the undo that failed is left undone',
		);
	});

	it('a read failing before anything is written changes nothing', async () => {
		const { secrets, store, snapshot } = await setUp(management, { appSecret: SECRET });
		secrets.failGet = true;
		await assert.rejects(store.write(management, { appSecret: OTHER_SECRET }), storageError(OTHER_SECRET));
		secrets.failGet = false;
		assert.deepEqual(await snapshotSecrets(secrets.inner), snapshot);
	});

	it('a write that succeeds stores each field once, then the index, and undoes nothing', async () => {
		const secrets = new MemorySecretStore();
		const store = new CredentialStore(secrets, { now: () => 1000 });
		await store.write(management, { appSecret: SECRET, accessKeySecret: 'key-secret' });
		assert.deepEqual(secrets.writes, [key('appSecret'), key('accessKeySecret'), CREDENTIAL_INDEX_KEY]);
		assert.deepEqual(await store.read(management), { appSecret: SECRET, accessKeySecret: 'key-secret' });
		const index = JSON.parse((await secrets.get(CREDENTIAL_INDEX_KEY)) ?? '[]') as {
			identity: string;
			fields: string[];
			updatedAt: number;
		}[];
		assert.deepEqual(
			index.map(({ identity, fields, updatedAt }) => ({ identity, fields, updatedAt })),
			[{ identity: management.identity, fields: ['appSecret', 'accessKeySecret'], updatedAt: 1000 }],
		);
	});
});
