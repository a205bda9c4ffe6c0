import * as assert from 'node:assert/strict';
import { leaseKey, parseSecretKey, ticketKey, tokenKey } from '../../../../src/app/credentials/secretKeys';
import { SecretTicketStore, ticketCacheKey } from '../../../../src/app/jssdk/secretTicketStore';
import type { JsapiTicket } from '../../../../src/core/jssdk/jsapiTicket';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { delay, eventually } from '../../support/eventually';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { useSandbox } from '../../support/sandboxHarness';
import { singleWindowTokens } from '../../support/singleWindow';

const IDENTITY = 'wechat-stable|https://api.weixin.qq.com|wx4fc0121bbdb516e8';
const KEY = ticketCacheKey('jsapi', IDENTITY);
const HOUR = 3_600_000;
const NOW = 1_700_000_000_000;

function ticket(value: string, expiresAt = NOW + 2 * HOUR, type: JsapiTicket['type'] = 'jsapi'): JsapiTicket {
	return { ticket: value, type, expiresAt, fetchedAt: expiresAt - 2 * HOUR };
}

const FIRST = ticket(
	'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
	NOW + HOUR,
);
const SECOND = ticket(
	'kgt8ON7yVITDhtdwci0qeZ4SkhjpoSJ7dmwUuzo-IiUJzBcpEB3EXnJJaGbrJbZiHbz8X9fdMY2IPLuWRQYr7w',
	NOW + 3 * HOUR,
);
const THIRD = ticket(
	'bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA',
	NOW + 5 * HOUR,
);

describe('SecretTicketStore: a ticket and the one it replaced, in SecretStorage', () => {
	it('keeps a ticket under ticketKey(type, identity), readable from another window; delete removes it', async () => {
		const secrets = new MemorySecretStore();
		const store = new SecretTicketStore(secrets);
		await store.set(KEY, FIRST);
		assert.deepEqual(secrets.keys(), [ticketKey('jsapi', IDENTITY)]);
		assert.deepEqual(await new SecretTicketStore(secrets.shareWith()).get(KEY), FIRST);
		assert.equal(await store.get(ticketCacheKey('wx_card', IDENTITY)), undefined, 'a ticket per type');
		await store.delete(KEY);
		assert.deepEqual(secrets.keys(), []);
		assert.equal(await store.get(KEY), undefined);
	});

	it('a different ticket set keeps the one it replaced as previous; only the last one replaced is kept', async () => {
		const store = new SecretTicketStore(new MemorySecretStore());
		await store.set(KEY, FIRST);
		assert.equal(await store.previous(KEY, NOW), undefined, 'nothing replaced yet');
		await store.set(KEY, SECOND);
		assert.deepEqual(await store.get(KEY), SECOND);
		assert.deepEqual(await store.previous(KEY, NOW), FIRST);
		await store.set(KEY, THIRD);
		assert.deepEqual(await store.get(KEY), THIRD);
		assert.deepEqual(await store.previous(KEY, NOW), SECOND);
	});

	it('the same ticket set again changes nothing: it does not become its own previous, nothing is written', async () => {
		const secrets = new MemorySecretStore();
		const store = new SecretTicketStore(secrets);
		await store.set(KEY, FIRST);
		await store.set(KEY, { ...FIRST });
		assert.equal(await store.previous(KEY, NOW), undefined);
		assert.equal(secrets.writes.length, 1, 'other windows are not woken for nothing');

		await store.set(KEY, SECOND);
		await store.set(KEY, { ...SECOND, fetchedAt: SECOND.fetchedAt + 1 });
		assert.deepEqual(await store.previous(KEY, NOW), FIRST, 'the previous one stays');
		assert.equal(secrets.writes.length, 2);
	});

	it('a previous ticket past its expiry is not returned', async () => {
		const store = new SecretTicketStore(new MemorySecretStore());
		await store.set(KEY, FIRST);
		await store.set(KEY, SECOND);
		assert.deepEqual(await store.previous(KEY, FIRST.expiresAt - 1), FIRST);
		assert.equal(await store.previous(KEY, FIRST.expiresAt), undefined);
		assert.equal(await store.previous(KEY, FIRST.expiresAt + HOUR), undefined);
		assert.deepEqual(
			await store.get(KEY),
			SECOND,
			'the current one is handed out whatever its age (the cache judges it)',
		);
	});

	it('a damaged stored value reads as no ticket, and a new one is stored over it without a previous', async () => {
		const secrets = new MemorySecretStore();
		const store = new SecretTicketStore(secrets);
		const secretKey = ticketKey('jsapi', IDENTITY);
		const damaged = [
			'',
			'not json',
			'null',
			'"a string"',
			'[]',
			'{}',
			JSON.stringify({ current: 'sM4AOVdWfPE4DxkX' }),
			JSON.stringify({ current: { ...FIRST, ticket: 'quote"in-0123456789abcdef' } }),
			JSON.stringify({ current: { ...FIRST, ticket: 'has spaces and $(id) in it' } }),
			JSON.stringify({ current: { ...FIRST, ticket: 'short' } }),
			JSON.stringify({ current: { ...FIRST, type: 'other' } }),
			JSON.stringify({ current: { ...FIRST, expiresAt: String(FIRST.expiresAt) } }),
			JSON.stringify({ current: { ...FIRST, fetchedAt: undefined } }),
			// A token stored where the ticket belongs (another version's layout).
			JSON.stringify({ accessToken: FIRST.ticket, expiresAt: FIRST.expiresAt, fetchedAt: FIRST.fetchedAt }),
			JSON.stringify(FIRST),
		];
		for (const raw of damaged) {
			await secrets.store(secretKey, raw);
			assert.equal(await store.get(KEY), undefined, raw);
			assert.equal(await store.previous(KEY, NOW), undefined, raw);
		}
		await store.set(KEY, SECOND);
		assert.deepEqual(await store.get(KEY), SECOND);
		assert.equal(await store.previous(KEY, NOW), undefined);
	});

	it('a damaged previous is dropped, the current one still read', async () => {
		const secrets = new MemorySecretStore();
		await secrets.store(
			ticketKey('jsapi', IDENTITY),
			JSON.stringify({ current: SECOND, previous: { ticket: 42 } }),
		);
		const store = new SecretTicketStore(secrets);
		assert.deepEqual(await store.get(KEY), SECOND);
		assert.equal(await store.previous(KEY, NOW), undefined);
	});

	it('refuses a cache key that names no ticket type', async () => {
		const store = new SecretTicketStore(new MemorySecretStore());
		await assert.rejects(store.get(IDENTITY), /Not a ticket cache key/);
		await assert.rejects(store.set(`card:${IDENTITY}`, FIRST), /Not a ticket cache key/);
	});
});

describe('secret keys of tickets', () => {
	it('ticketKey and parseSecretKey round-trip, for both types and identities holding colons', () => {
		for (const source of ['wechat-stable', 'authing', 'custom', 'authing-management'] as const) {
			const { identity } = sandboxApp(source, 'https://127.0.0.1:8443');
			for (const type of ['jsapi', 'wx_card'] as const) {
				const key = ticketKey(type, identity);
				assert.equal(key, `wechatAccessToken:ticket:${type}:${identity}`);
				assert.deepEqual(parseSecretKey(key), { kind: 'ticket', type, identity });
			}
		}
	});

	it('a ticket key of no known type or without an identity is not ours', () => {
		assert.equal(parseSecretKey(`wechatAccessToken:ticket:card:${IDENTITY}`), undefined);
		assert.equal(parseSecretKey('wechatAccessToken:ticket:jsapi'), undefined);
		assert.equal(parseSecretKey('wechatAccessToken:ticket:jsapi:'), undefined);
		assert.equal(parseSecretKey(`otherExtension:ticket:jsapi:${IDENTITY}`), undefined);
	});

	it('the other keys are read as before, and none of them is taken for a ticket', () => {
		assert.deepEqual(parseSecretKey(tokenKey(IDENTITY)), { kind: 'token', identity: IDENTITY });
		assert.deepEqual(parseSecretKey(leaseKey(IDENTITY)), { kind: 'lease', identity: IDENTITY });
		// The lease TicketService takes for a ticket fetch is a lease, whatever its identity looks like.
		assert.equal(parseSecretKey(leaseKey(`ticket:${KEY}`))?.kind, 'lease');
		assert.notEqual(ticketKey('jsapi', IDENTITY), tokenKey(IDENTITY));
		assert.notEqual(ticketKey('jsapi', IDENTITY), ticketKey('wx_card', IDENTITY));
	});
});

describe('TokenService leaves ticket keys alone', () => {
	const env = useSandbox();

	it('a ticket written for an app neither clears its token error nor reloads it; a secret written does', async () => {
		const { secrets, credentials, service } = singleWindowTokens();
		try {
			const app = sandboxApp('wechat-stable', env.sandbox.url);
			await service.setApps([app]);
			await credentials.write(app, { appSecret: '0'.repeat(32) });
			await assert.rejects(service.get(app));
			const error = service.state(app).error;
			assert.notEqual(error, undefined, 'the wrong secret failed');
			let changes = 0;
			service.onDidChange(() => changes++);

			await secrets.store(ticketKey('jsapi', app.identity), JSON.stringify({ current: SECOND }));
			await secrets.delete(ticketKey('jsapi', app.identity));
			await delay(20);
			assert.equal(service.state(app).error, error, 'the failure stays shown');
			assert.equal(changes, 0, 'nothing to redraw');

			// The control: the secrets replaced, the failure is cleared, so the test above could have seen it.
			await credentials.write(app, sandboxSecrets('wechat-stable'));
			await eventually(() => service.state(app).error === undefined, 'a secret write clears the failure');
		} finally {
			service.dispose();
		}
	});
});
