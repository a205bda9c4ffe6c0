import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import * as FakeTimers from '@sinonjs/fake-timers';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import type { LeaseOutcome, LeaseWork } from '../../../../src/app/tokens/fetchLease';
import { DEFAULT_LEASE_TTL_MS, FetchLease, MAX_LEASE_HOLD_MS } from '../../../../src/app/tokens/fetchLease';
import { leaseKey, tokenKey } from '../../../../src/app/credentials/secretKeys';
import { SecretTokenStore } from '../../../../src/app/tokens/secretTokenStore';
import type { Timers } from '../../../../src/app/ports/timers';
import { TokenError } from '../../../../src/core/errors';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import { delay, eventually } from '../../support/eventually';
import { activeTimers } from '../../support/heap';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { SlowSecretStore } from '../../support/slowSecretStore';
import { WindowSecretStore } from '../../support/windowSecretStore';

const IDENTITY = 'wechat|https://api.weixin.qq.com|wx0000000000000001';
const TOKEN: AccessToken = {
	accessToken: 'fetched-token-9a4c1e',
	expiresAt: Date.now() + 7_200_000,
	source: 'wechat',
	fetchedAt: Date.now(),
};

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
	async function waitingRun(
		theirs: string,
	): Promise<{ pending: Promise<LeaseOutcome>; controller: AbortController; timers: number }> {
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
			{
				subscriptions: secrets.listenerCount,
				abortListeners: getEventListeners(signal, 'abort').length,
				timers: activeTimers(),
			},
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
		const window = lease();
		const outcome = await window.run(IDENTITY, work());
		assert.deepEqual(outcome, { token: TOKEN, by: 'this-window' });
		assert.equal(fetches, 1);
		await window.released();
		assert.deepEqual(backing.keys(), []);
		assert.equal(secrets.listenerCount, 0);
	});

	it('hands the token out before its lease is released; released() resolves once the lease is gone', async () => {
		// Every keyring call takes 40 ms: the release (a read, then a delete) is still under way when the token is out.
		const window = new FetchLease({
			secrets: new SlowSecretStore(secrets, 40),
			ownerId: 'this window',
			settleMs: 10,
		});
		const outcome = await window.run(IDENTITY, work());
		assert.deepEqual(outcome, { token: TOKEN, by: 'this-window' });
		assert.ok(backing.keys().includes(leaseKey(IDENTITY)), 'the lease is still held when the token is handed out');
		await window.released();
		assert.deepEqual(backing.keys(), []);
	});

	it('a run right after its own run waits for that release, then takes the lease anew (never deleting the new one)', async () => {
		const window = new FetchLease({
			secrets: new SlowSecretStore(secrets, 40),
			ownerId: 'this window',
			settleMs: 10,
		});
		await window.run(IDENTITY, work());
		assert.deepEqual(await window.run(IDENTITY, work()), { token: TOKEN, by: 'this-window' });
		assert.equal(fetches, 2);
		await window.released();
		assert.deepEqual(backing.keys(), []);
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
		const window = lease();
		const outcome = await window.run(IDENTITY, {
			...work(),
			stored: () => Promise.resolve(looks++ === 0 ? undefined : TOKEN),
		});
		assert.deepEqual({ outcome, fetches }, { outcome: { token: TOKEN, by: 'another-window' }, fetches: 0 });
		await window.released();
		assert.deepEqual(backing.keys(), []);
	});

	it('cancelled while its lease settles: stops at once and releases the lease', async () => {
		const controller = new AbortController();
		const pending = new FetchLease({ secrets, ownerId: 'this window', settleMs: 10_000 }).run(
			IDENTITY,
			work(controller.signal),
		);
		await eventually(() => backing.keys().includes(leaseKey(IDENTITY)), 'the lease is written');
		controller.abort();
		await assert.rejects(pending, (error: unknown) => TokenError.is(error, 'cancelled'));
		assert.deepEqual({ fetches, keys: backing.keys() }, { fetches: 0, keys: [] });
	});

	it('takes over when the other lease lapses', async () => {
		await backing.store(leaseKey(IDENTITY), foreignLease(80));
		const started = Date.now();
		const window = lease();
		assert.equal((await window.run(IDENTITY, work())).by, 'this-window');
		assert.ok(Date.now() - started >= 70, `took over after ${Date.now() - started} ms`);
		await window.released();
		assert.deepEqual(backing.keys(), []);
	});

	it('a damaged lease, or one claiming more than a TTL ahead, counts as none', async () => {
		for (const value of [
			'not json',
			'{"owner":1}',
			'null',
			JSON.stringify({ owner: 'x', nonce: 'n', expiresAt: Date.now() + 3_600_000 }),
		]) {
			await backing.store(leaseKey(IDENTITY), value);
			const outcome = await Promise.race([
				lease().run(IDENTITY, work()),
				delay(1_000).then(() => 'still waiting'),
			]);
			assert.notEqual(outcome, 'still waiting', value);
		}
		assert.equal(fetches, 4);
	});

	it('a storage error out of the fetch itself is its answer: it is not fetched again without the lease', async () => {
		const failure = new CredentialError('secret-storage-unavailable', 'the keyring went away mid-fetch');
		const window = lease();
		await assert.rejects(
			window.run(IDENTITY, { ...work(), fetch: () => Promise.reject(failure).finally(() => fetches++) }),
			failure,
		);
		assert.equal(fetches, 1);
		await window.released();
		assert.deepEqual(backing.keys(), []);
	});

	it('a failing keyring: fetches without a lease and says so', async () => {
		const warnings: string[] = [];
		view.failing = true;
		const outcome = await new FetchLease({
			secrets,
			settleMs: 10,
			onWarning: (message) => warnings.push(message),
		}).run(IDENTITY, work());
		assert.equal(outcome.by, 'this-window');
		assert.equal(fetches, 1);
		assert.match(warnings.join('\n'), /without a lease/);
	});
});

/** Windows over one keyring whose calls take `callMs`, all on one fake clock. */
function fakeClockWindows(callMs: number): {
	readonly clock: FakeTimers.Clock;
	readonly backing: MemorySecretStore;
	readonly fetches: () => number;
	/** Window `index` asks at `startMs` for a token its fetch takes `fetchMs` to get. */
	readonly ask: (
		index: number,
		startMs: number,
		fetchMs: number,
		onWarning?: (message: string) => void,
	) => Promise<LeaseOutcome>;
} {
	const clock = FakeTimers.createClock(Date.UTC(2026, 0, 15, 12, 0, 0));
	const timers: Timers = {
		setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
		clearTimeout: (handle) => clock.clearTimeout(handle as FakeTimers.TimerId),
	};
	const pause = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimeout(() => resolve(), ms));
	const backing = new MemorySecretStore();
	let fetches = 0;
	const ask = async (
		index: number,
		startMs: number,
		fetchMs: number,
		onWarning?: (message: string) => void,
	): Promise<LeaseOutcome> => {
		const secrets = new SlowSecretStore(backing.shareWith(), callMs, timers);
		const tokens = new SecretTokenStore(secrets);
		const lease = new FetchLease({
			secrets,
			ownerId: `window ${index}`,
			clock: { now: () => clock.now },
			sleep: pause,
			timers,
			...(onWarning ? { onWarning } : {}),
		});
		await pause(startMs);
		return lease.run(IDENTITY, {
			fetch: async () => {
				fetches++;
				await pause(fetchMs);
				const token = { ...TOKEN, accessToken: `token-of-window-${index}`, fetchedAt: clock.now };
				await tokens.set(IDENTITY, token);
				return token;
			},
			stored: () => tokens.get(IDENTITY),
			accept: () => true,
		});
	};
	return { clock, backing, fetches: () => fetches, ask };
}

/**
 * Issue 11, item 6: a classic fetch can outlive the lease's 120 s (two 45011 waits of up to 65 s each). The lease is
 * renewed while it runs, and only while it is still this window's.
 */
describe('fetch lease: renewed while the fetch runs, on a fake clock', () => {
	const S = 1_000;

	it('a fetch that outlives the TTL keeps its lease: the other window waits the whole time and takes its token', async () => {
		const { clock, backing, fetches, ask } = fakeClockWindows(0);
		const first = ask(0, 0, 200 * S);
		const second = ask(1, S, 200);
		await clock.tickAsync(DEFAULT_LEASE_TTL_MS + 10 * S);
		assert.equal(fetches(), 1, 'past the TTL, the other window still waits');
		const held = JSON.parse((await backing.get(leaseKey(IDENTITY))) ?? '{}') as {
			owner?: string;
			expiresAt?: number;
		};
		assert.equal(held.owner, 'window 0');
		assert.ok((held.expiresAt ?? 0) > clock.now, 'renewed: it has not lapsed');
		await clock.tickAsync(100 * S);
		const outcomes = await Promise.all([first, second]);
		assert.deepEqual(
			outcomes.map((outcome) => [outcome.by, outcome.token.accessToken]),
			[
				['this-window', 'token-of-window-0'],
				['another-window', 'token-of-window-0'],
			],
		);
		assert.equal(fetches(), 1);
		assert.deepEqual(
			{ keys: backing.keys(), timers: clock.countTimers() },
			{ keys: [tokenKey(IDENTITY)], timers: 0 },
			'released, no renewal timer left',
		);
	});

	it('on a keyring taking 300 ms a call, too', async () => {
		const { clock, fetches, ask } = fakeClockWindows(300);
		const both = Promise.all([ask(0, 0, 200 * S), ask(1, 5 * S, 200)]);
		await clock.tickAsync(250 * S);
		assert.deepEqual(
			(await both).map((outcome) => outcome.by),
			['this-window', 'another-window'],
		);
		assert.equal(fetches(), 1);
	});

	it('a lease another window wrote meanwhile is neither renewed over nor released, and this window says so', async () => {
		const { clock, backing, ask } = fakeClockWindows(0);
		const warnings: string[] = [];
		const fetching = ask(0, 0, 100 * S, (message) => warnings.push(message));
		await clock.tickAsync(30 * S);
		// As if this window's lease had lapsed (the machine slept) and another window took it.
		const theirs = JSON.stringify({
			owner: 'other window',
			nonce: 'their-nonce',
			expiresAt: clock.now + DEFAULT_LEASE_TTL_MS,
		});
		await backing.store(leaseKey(IDENTITY), theirs);
		await clock.tickAsync(80 * S);
		assert.equal((await fetching).by, 'this-window');
		assert.equal(await backing.get(leaseKey(IDENTITY)), theirs, 'their lease is untouched');
		assert.match(warnings.join('\n'), /passed to another window/);
		assert.equal(clock.countTimers(), 0);
	});

	it('a fetch stuck beyond any real fetch’s length stops renewing: its lease lapses and another window fetches', async () => {
		const { clock, fetches, ask } = fakeClockWindows(0);
		const stuck = ask(0, 0, 3_600 * S);
		let second: LeaseOutcome | undefined;
		void ask(1, S, 200).then((outcome) => (second = outcome));
		await clock.tickAsync(MAX_LEASE_HOLD_MS);
		assert.deepEqual({ fetches: fetches(), second }, { fetches: 1, second: undefined }, 'renewed up to the cap');
		await clock.tickAsync(DEFAULT_LEASE_TTL_MS + 10 * S);
		assert.equal(second?.by, 'this-window');
		assert.equal(fetches(), 2);
		await clock.runAllAsync();
		await stuck;
	});

	it('a cancelled fetch stops renewing and releases at once', async () => {
		const { clock, backing } = fakeClockWindows(0);
		const timers: Timers = {
			setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
			clearTimeout: (handle) => clock.clearTimeout(handle as FakeTimers.TimerId),
		};
		const controller = new AbortController();
		const lease = new FetchLease({
			secrets: backing,
			ownerId: 'window 0',
			clock: { now: () => clock.now },
			sleep: (ms) => new Promise((resolve) => clock.setTimeout(() => resolve(), ms)),
			timers,
		});
		const running = lease.run(IDENTITY, {
			fetch: (signal) =>
				new Promise<AccessToken>((_, reject) =>
					signal?.addEventListener('abort', () => reject(new TokenError('cancelled', 'cancelled'))),
				),
			stored: () => Promise.resolve(undefined),
			accept: () => true,
			signal: controller.signal,
		});
		await clock.tickAsync(90 * S);
		assert.ok(backing.keys().includes(leaseKey(IDENTITY)), 'still held, renewed');
		controller.abort();
		await assert.rejects(running, (error: unknown) => TokenError.is(error, 'cancelled'));
		assert.deepEqual({ keys: backing.keys(), timers: clock.countTimers() }, { keys: [], timers: 0 });
	});
});

/**
 * Fischer's algorithm holds only while the delay after writing the lease exceeds the time from the read that found the
 * lease free to that window's write landing. A keyring taking 300 ms a call stretches that to 600 ms and more. Windows
 * start at every offset from one another, on a fake clock, and must still fetch once between them.
 */
describe('fetch lease on a slow keyring, on a fake clock', () => {
	const FETCH_MS = 200;
	const figures: string[] = [];
	after(() => {
		console.log(
			[
				'',
				'  Two windows on a slow keyring: start offsets at which both fetched (should be none):',
				...figures,
			].join('\n'),
		);
	});

	/** Windows starting at `offsetsMs` over one keyring whose calls take `callMs`; how many fetched. */
	async function race(
		offsetsMs: readonly number[],
		callMs: number,
	): Promise<{ fetches: number; outcomes: LeaseOutcome[]; keys: string[] }> {
		const { clock, backing, fetches, ask } = fakeClockWindows(callMs);
		const runs = offsetsMs.map((offset, index) => ask(index, offset, FETCH_MS));
		await clock.runAllAsync();
		const outcomes = await Promise.all(runs);
		return { fetches: fetches(), outcomes, keys: backing.keys() };
	}

	for (const callMs of [0, 30, 300]) {
		it(`keyring calls of ${callMs} ms: two windows starting 0 to 2 s apart fetch once between them`, async () => {
			const doubled: number[] = [];
			for (let offset = 0; offset <= 2_000; offset += 50) {
				const { fetches, outcomes, keys } = await race([0, offset], callMs);
				if (fetches !== 1) {
					doubled.push(offset);
				}
				assert.equal(
					new Set(outcomes.map((outcome) => outcome.token.accessToken)).size,
					1,
					`offset ${offset}: one token in both windows`,
				);
				assert.deepEqual(keys, [tokenKey(IDENTITY)], `offset ${offset}: no lease left`);
			}
			figures.push(`    ${callMs} ms a call: ${doubled.length === 0 ? 'none' : `${doubled.join(', ')} ms`}`);
			assert.deepEqual(doubled, []);
		});
	}

	it('keyring calls of 300 ms: three windows at staggered moments fetch once between them', async () => {
		for (const offsets of [
			[0, 300, 600],
			[0, 350, 700],
			[0, 450, 900],
			[0, 100, 500],
		]) {
			assert.equal((await race(offsets, 300)).fetches, 1, `offsets ${offsets.join(', ')}`);
		}
	});
});
