import * as assert from 'node:assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { TokenError } from '../../../src/core/errors';
import type { TokenStore } from '../../../src/core/tokenCache';
import { TokenCache } from '../../../src/core/tokenCache';
import type { AccessToken } from '../../../src/core/tokenTypes';

const MINUTE = 60_000;

/** A TokenStore over a Map the test can read and change behind the cache's back (another window's writes). */
function mapStore(saved: Map<string, AccessToken>): TokenStore {
	return {
		get: (key) => Promise.resolve(saved.get(key)),
		set: (key, value) => (saved.set(key, value), Promise.resolve()),
		delete: (key) => (saved.delete(key), Promise.resolve()),
	};
}

function token(value: string, expiresAt: number): AccessToken {
	return { accessToken: value, expiresAt, source: 'authing', fetchedAt: 0 };
}

describe('TokenCache (logic only; the same rules against real HTTP are in core/cache.test.ts)', () => {
	let fake: FakeTimers.Clock;
	/** The cache reads time through the core's `Clock`; the fake clock moves it. */
	let clock: { now(): number; tick(ms: number): void };

	beforeEach(() => {
		fake = FakeTimers.createClock(1_800_000_000_000);
		clock = { now: () => fake.now, tick: (ms) => void fake.tick(ms) };
	});

	it('reuses a token until expiresAt minus the margin, then fetches again', async () => {
		const cache = new TokenCache({ clock, marginMs: 5 * MINUTE });
		let fetches = 0;
		const fetch = (): Promise<AccessToken> => Promise.resolve(token(`t${++fetches}`, clock.now() + 60 * MINUTE));
		assert.equal((await cache.get('app', fetch)).accessToken, 't1');
		clock.tick(54 * MINUTE);
		assert.equal((await cache.get('app', fetch)).accessToken, 't1');
		clock.tick(1 * MINUTE + 1);
		assert.equal((await cache.get('app', fetch)).accessToken, 't2');
		assert.equal(fetches, 2);
	});

	it('honours a changed margin', async () => {
		const cache = new TokenCache({ clock, marginMs: 5 * MINUTE });
		const cached = token('t', clock.now() + 20 * MINUTE);
		await cache.get('app', () => Promise.resolve(cached));
		cache.setMarginMs(30 * MINUTE);
		assert.equal(await cache.peek('app'), undefined);
	});

	it('keeps a still-valid token when a forced refresh fails', async () => {
		const cache = new TokenCache({ clock });
		await cache.get('app', () => Promise.resolve(token('good', clock.now() + 60 * MINUTE)));
		await assert.rejects(
			cache.get('app', () => Promise.reject(new TokenError('server-error', 'down')), { bypassCache: true }),
			(e: unknown) => TokenError.is(e, 'server-error'),
		);
		assert.equal((await cache.peek('app'))?.accessToken, 'good');
	});

	it('makes concurrent callers share one fetch', async () => {
		const cache = new TokenCache({ clock });
		let fetches = 0;
		let release: (t: AccessToken) => void = () => undefined;
		const fetch = (): Promise<AccessToken> => {
			fetches++;
			return new Promise((resolve) => (release = resolve));
		};
		const callers = Array.from({ length: 1000 }, () => cache.get('app', fetch));
		while (fetches === 0) {
			await new Promise(setImmediate);
		}
		release(token('shared', clock.now() + 60 * MINUTE));
		const results = await Promise.all(callers);
		assert.equal(fetches, 1);
		assert.ok(results.every((r) => r.accessToken === 'shared'));
	});

	it('lets one caller stop waiting without cancelling the others, and cancels the fetch when all have left', async () => {
		const cache = new TokenCache({ clock });
		let fetchSignal: AbortSignal | undefined;
		let release: (t: AccessToken) => void = () => undefined;
		const fetch = (signal: AbortSignal): Promise<AccessToken> => {
			fetchSignal = signal;
			return new Promise((resolve) => (release = resolve));
		};
		const first = new AbortController();
		const second = new AbortController();
		const a = cache.get('app', fetch, { signal: first.signal });
		const b = cache.get('app', fetch, { signal: second.signal });
		while (!fetchSignal) {
			await new Promise(setImmediate);
		}
		first.abort();
		await assert.rejects(a, (e: unknown) => TokenError.is(e, 'cancelled'));
		assert.equal(fetchSignal?.aborted, false);
		second.abort();
		await assert.rejects(b, (e: unknown) => TokenError.is(e, 'cancelled'));
		assert.equal(fetchSignal?.aborted, true);
		release(token('late', clock.now() + MINUTE * 60));
	});

	it('persists tokens to the store and reads them back in a new cache (a reload)', async () => {
		const saved = new Map<string, AccessToken>();
		const store = mapStore(saved);
		const first = new TokenCache({ clock, store });
		await first.get('app', () => Promise.resolve(token('kept', clock.now() + 60 * MINUTE)));
		// Stored just after it was handed out.
		await first.persisted();
		const reloaded = new TokenCache({ clock, store });
		assert.equal(
			(await reloaded.get('app', () => Promise.reject(new Error('must not fetch')))).accessToken,
			'kept',
		);
		await reloaded.delete('app');
		assert.equal(saved.size, 0);
	});

	it('discard() ends a fetch whoever waits for it, keeps nothing it brings back, and resolves once it settled', async () => {
		const saved = new Map<string, AccessToken>();
		const store = mapStore(saved);
		const cache = new TokenCache({ clock, store });
		let aborted = false;
		let answer: (t: AccessToken) => void = () => undefined;
		let started: () => void = () => undefined;
		const fetchStarted = new Promise<void>((resolve) => (started = resolve));
		// A fetch whose answer is already on its way: it notes the abort but resolves all the same.
		const fetching = cache.get('app', (signal) => {
			signal.addEventListener('abort', () => (aborted = true));
			started();
			return new Promise((resolve) => (answer = resolve));
		});
		await fetchStarted;
		const alsoWaiting = cache.get('app', () => Promise.reject(new Error('joins the first request')));
		let discarded = false;
		const discarding = cache.discard('app').then(() => (discarded = true));
		await Promise.resolve();
		assert.equal(aborted, true, 'the request is aborted at once');
		assert.equal(discarded, false, 'discard waits for the request to settle');
		answer(token('late', clock.now() + 60 * MINUTE));
		await discarding;
		for (const waiter of [fetching, alsoWaiting]) {
			await assert.rejects(waiter, (e: unknown) => TokenError.is(e, 'cancelled'));
		}
		assert.deepEqual({ stored: saved.size, peek: await cache.peek('app') }, { stored: 0, peek: undefined });
		assert.equal(
			(await cache.get('app', () => Promise.resolve(token('next', clock.now() + 60 * MINUTE)))).accessToken,
			'next',
			'the next request starts afresh',
		);
		await cache.discard('nothing under way');
	});

	it('forget() drops only the memory copy, so a token another window stored is picked up', async () => {
		const saved = new Map<string, AccessToken>();
		const store = mapStore(saved);
		const cache = new TokenCache({ clock, store });
		await cache.get('app', () => Promise.resolve(token('mine', clock.now() + 60 * MINUTE)));
		saved.set('app', token('from another window', clock.now() + 90 * MINUTE));
		assert.equal((await cache.peek('app'))?.accessToken, 'mine');
		cache.forget('app');
		assert.equal((await cache.peek('app'))?.accessToken, 'from another window');
	});

	it('still returns the token when the store fails, and reports the failure', async () => {
		const failures: unknown[] = [];
		const broken: TokenStore = {
			get: () => Promise.reject(new Error('no keyring')),
			set: () => Promise.reject(new Error('no keyring')),
			delete: () => Promise.reject(new Error('no keyring')),
		};
		const cache = new TokenCache({ clock, store: broken, onStoreError: (e) => failures.push(e) });
		assert.equal(
			(await cache.get('app', () => Promise.resolve(token('ok', clock.now() + 60 * MINUTE)))).accessToken,
			'ok',
		);
		await cache.persisted();
		assert.ok(failures.length >= 2);
	});
});
