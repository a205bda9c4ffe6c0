import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { CredentialError } from '../../../src/app/appErrors';
import type { LeaseOutcome, LeaseWork } from '../../../src/app/fetchLease';
import { FetchLease } from '../../../src/app/fetchLease';
import { leaseKey, tokenKey } from '../../../src/app/secretKeys';
import { TokenError } from '../../../src/core/errors';
import type { AccessToken } from '../../../src/core/tokenTypes';
import { delay, eventually } from '../support/eventually';
import { activeTimers } from '../support/heap';
import { MemorySecretStore } from '../support/memorySecretStore';
import { WindowSecretStore } from '../support/windowSecretStore';

const IDENTITY = 'wechat|https://api.weixin.qq.com|wx0000000000000001';
const TOKEN: AccessToken = { accessToken: 'fetched-token-9a4c1e', expiresAt: Date.now() + 7_200_000, source: 'wechat', fetchedAt: Date.now() };

/** A lease another window holds for the next minute. */
function foreignLease(expiresInMs = 60_000): string {
	return JSON.stringify({ owner: 'other window', nonce: 'their-nonce', expiresAt: Date.now() + expiresInMs });
}

describe('fetch lease: one window fetches, the others wait and take its token', () => {
	let backing: MemorySecretStore;
	let view: MemorySecretStore;
	let secrets: WindowSecretStore;
	let stored: AccessToken | undefined;
	let fetches: number;

	beforeEach(() => {
		backing = new MemorySecretStore();
		view = backing.shareWith();
		secrets = new WindowSecretStore(view);
		stored = undefined;
		fetches = 0;
	});

	/** A run that finds `theirs` in force and waits; resolves once it waits. */
	async function waitingRun(theirs: string): Promise<{ pending: Promise<LeaseOutcome>; controller: AbortController; timers: number }> {
		await backing.store(leaseKey(IDENTITY), theirs);
		const timers = activeTimers();
		const controller = new AbortController();
		const pending = lease().run(IDENTITY, work(controller.signal));
		await eventually(() => secrets.listenerCount === 1, 'waiting for a change');
		return { pending, controller, timers };
	}

	/** No change subscription, abort listener or timer is left from the wait. */
	function assertLetGo(signal: AbortSignal, timersBefore: number): void {
		assert.deepEqual(
			{ subscriptions: secrets.listenerCount, abortListeners: getEventListeners(signal, 'abort').length, timers: activeTimers() },
			{ subscriptions: 0, abortListeners: 0, timers: timersBefore },
		);
	}

	function lease(): FetchLease {
		return new FetchLease({ secrets, ownerId: 'this window', settleMs: 10 });
	}

	function work(signal?: AbortSignal): LeaseWork {
		return {
			fetch: () => {
				fetches++;
				return Promise.resolve(TOKEN);
			},
			stored: () => Promise.resolve(stored),
			accept: (token) => token.expiresAt > Date.now(),
			...(signal ? { signal } : {}),
		};
	}

	it('with no one else about: takes the lease, fetches, and leaves no lease behind', async () => {
		const outcome = await lease().run(IDENTITY, work());
		assert.deepEqual(outcome, { token: TOKEN, by: 'this-window' });
		assert.equal(fetches, 1);
		assert.deepEqual(backing.keys(), []);
		assert.equal(secrets.listenerCount, 0);
	});

	it('waits while another window holds the lease, and takes the token it stores, letting go of everything', async () => {
		const { pending, controller, timers } = await waitingRun(foreignLease());
		stored = TOKEN;
		await backing.store(tokenKey(IDENTITY), 'the other window stored its token');
		assert.deepEqual(await pending, { token: TOKEN, by: 'another-window' });
		assert.equal(fetches, 0);
		assertLetGo(controller.signal, timers);
	});

	it('a cancelled wait ends at once, with no subscription, timer or abort listener left, and the other lease untouched', async () => {
		const theirs = foreignLease();
		const { pending, controller, timers } = await waitingRun(theirs);
		controller.abort();
		await assert.rejects(pending, (error: unknown) => TokenError.is(error, 'cancelled'));
		assert.equal(fetches, 0);
		assertLetGo(controller.signal, timers);
		assert.equal(await backing.get(leaseKey(IDENTITY)), theirs);
	});

	it('a token stored between its first look and its lease (the last holder just released) is taken, not fetched again', async () => {
		let looks = 0;
		const outcome = await lease().run(IDENTITY, {
			...work(),
			stored: () => Promise.resolve(looks++ === 0 ? undefined : TOKEN),
		});
		assert.deepEqual({ outcome, fetches }, { outcome: { token: TOKEN, by: 'another-window' }, fetches: 0 });
		assert.deepEqual(backing.keys(), []);
	});

	it('cancelled while its lease settles: stops at once and releases the lease', async () => {
		const controller = new AbortController();
		const pending = new FetchLease({ secrets, ownerId: 'this window', settleMs: 10_000 }).run(IDENTITY, work(controller.signal));
		await eventually(() => backing.keys().includes(leaseKey(IDENTITY)), 'the lease is written');
		controller.abort();
		await assert.rejects(pending, (error: unknown) => TokenError.is(error, 'cancelled'));
		assert.deepEqual({ fetches, keys: backing.keys() }, { fetches: 0, keys: [] });
	});

	it('takes over when the other lease lapses', async () => {
		await backing.store(leaseKey(IDENTITY), foreignLease(80));
		const started = Date.now();
		assert.equal((await lease().run(IDENTITY, work())).by, 'this-window');
		assert.ok(Date.now() - started >= 70, `took over after ${Date.now() - started} ms`);
		assert.deepEqual(backing.keys(), []);
	});

	it('a damaged lease, or one claiming more than a TTL ahead, counts as none', async () => {
		for (const value of ['not json', '{"owner":1}', 'null', JSON.stringify({ owner: 'x', nonce: 'n', expiresAt: Date.now() + 3_600_000 })]) {
			await backing.store(leaseKey(IDENTITY), value);
			const outcome = await Promise.race([lease().run(IDENTITY, work()), delay(1_000).then(() => 'still waiting')]);
			assert.notEqual(outcome, 'still waiting', value);
		}
		assert.equal(fetches, 4);
	});

	it('a storage error out of the fetch itself is its answer: it is not fetched again without the lease', async () => {
		const failure = new CredentialError('secret-storage-unavailable', 'the keyring went away mid-fetch');
		await assert.rejects(lease().run(IDENTITY, { ...work(), fetch: () => Promise.reject(failure).finally(() => fetches++) }), failure);
		assert.equal(fetches, 1);
		assert.deepEqual(backing.keys(), []);
	});

	it('a failing keyring: fetches without a lease and says so', async () => {
		const warnings: string[] = [];
		view.failing = true;
		const outcome = await new FetchLease({ secrets, settleMs: 10, onWarning: (message) => warnings.push(message) }).run(IDENTITY, work());
		assert.equal(outcome.by, 'this-window');
		assert.equal(fetches, 1);
		assert.match(warnings.join('\n'), /without a lease/);
	});
});
