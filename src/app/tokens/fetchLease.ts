import { randomUUID } from 'node:crypto';
import { cancelledError } from '../../core/errors';
import { abortableSleep, throwIfAborted } from '../../core/http/abort';
import type { AccessToken, Clock, Expiring } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import { CredentialError, guardSecretStorage } from '../errors/appErrors';
import type { Disposable } from '../ports/listeners';
import { describeError } from '../ports/log';
import { leaseKey, tokenKey } from '../credentials/secretKeys';
import type { SecretStore } from '../ports/secretStore';
import type { Timers } from '../ports/timers';
import { systemTimers } from '../ports/timers';

export interface FetchLeaseOptions {
	readonly secrets: SecretStore;
	readonly clock?: Clock;
	/** This window; a lease it left behind itself never makes it wait. */
	readonly ownerId?: string;
	/** How long a lease holds if its window never releases it (it died): longer than a request with its retries and a 45011 wait. */
	readonly ttlMs?: number;
	/** The least a window waits after writing its lease before reading it back (see `settleDelayMs`). */
	readonly settleMs?: number;
	/** How long a running fetch keeps renewing its lease (default `MAX_LEASE_HOLD_MS`). */
	readonly maxHoldMs?: number;
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** For the waits on other windows and the lease's renewal; tests pass a fake clock's. */
	readonly timers?: Timers;
	readonly onWarning?: (message: string) => void;
}

/** One fetch to take turns for: a token by default, or another value cached alike (a JS-SDK ticket). */
export interface LeaseWork<T extends Expiring = AccessToken> {
	/** Asks upstream, and stores the token where `stored` reads it before returning: the lease is released after. */
	readonly fetch: (signal: AbortSignal | undefined) => Promise<T>;
	/** The token stored in the shared storage, by this window or another. */
	readonly stored: () => Promise<T | undefined>;
	/** The SecretStorage key `stored` reads, whose change wakes a window waiting for another (default: the token's). */
	readonly storedKey?: string;
	/** Whether a stored token serves this call (fresh enough, or new enough for a forced refresh). */
	readonly accept: (token: T) => boolean;
	readonly signal?: AbortSignal;
}

export interface LeaseOutcome<T extends Expiring = AccessToken> {
	readonly token: T;
	readonly by: 'this-window' | 'another-window';
}

interface Lease {
	readonly owner: string;
	readonly nonce: string;
	readonly expiresAt: number;
}

export const DEFAULT_LEASE_TTL_MS = 120_000;
export const DEFAULT_LEASE_SETTLE_MS = 250;
/**
 * The longest a fetch renews its lease. The longest a classic fetch can run is 3 attempts of at most 120 s (the
 * largest request timeout setting) and two waits of at most 65 s: under 500 s. A fetch still running after this is
 * stuck, and other windows must not wait on it forever: its lease lapses a TTL after the last renewal.
 */
export const MAX_LEASE_HOLD_MS = 10 * 60_000;
/** A window waits at least this many times its own read-then-write time: see `settleDelayMs`. */
export const SETTLE_SPAN_FACTOR = 2;

/**
 * How long to wait after writing the lease, before reading it back. Fischer's algorithm is safe only if this exceeds,
 * for every other window, the time from its read that found no lease to its own write landing: a window that read
 * before our write landed and writes after we read back would also find its own nonce. That time is not just a write:
 * a read may report the value as it was when the call began, so it is a read plus a write. A fixed 250 ms assumed
 * keyring calls well under 125 ms each; on a keyring taking 300 ms a call (measured on a fake clock,
 * fetchLease.test.ts) two windows starting 275 to 600 ms apart both fetched. So the wait is measured instead: the
 * span from the start of this window's read to its write resolving, taken `SETTLE_SPAN_FACTOR` times, never less than
 * `settleMs`. Windows share one keyring, so another window's span is like ours; twice ours also covers its write
 * queueing behind ours on the same key. What remains assumed: no window's read-then-write takes more than twice as
 * long as another's at the same moment.
 */
export function settleDelayMs(readThenWriteMs: number, minimumMs: number): number {
	return Math.max(minimumMs, SETTLE_SPAN_FACTOR * Math.max(0, readThenWriteMs));
}

/**
 * Makes windows that share one SecretStorage (one per VS Code window, each its own extension host) send one classic
 * `/cgi-bin/token` request between them: each request mints a token and invalidates the one before, so two at once
 * would leave one window holding a dead token.
 *
 * SecretStorage has no compare-and-set, so this is Fischer's algorithm: write a lease naming a fresh nonce, wait for
 * every other window's write to land (`settleDelayMs`), read it back. The window that finds its own nonce fetches,
 * stores the token, hands it out and releases; the others wait for the token (or the lease) to change, or the lease
 * to lapse, and look again.
 */
export class FetchLease {
	private readonly secrets: SecretStore;
	private readonly clock: Clock;
	private readonly ownerId: string;
	private readonly ttlMs: number;
	private readonly settleMs: number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	private readonly timers: Timers;
	/** Releases under way, by lease key: they run after the token is handed out (see `fetchHolding`). */
	private readonly releasing = new Map<string, Promise<void>>();

	constructor(private readonly options: FetchLeaseOptions) {
		this.secrets = options.secrets;
		this.clock = options.clock ?? systemClock;
		this.ownerId = options.ownerId ?? randomUUID();
		this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
		this.settleMs = options.settleMs ?? DEFAULT_LEASE_SETTLE_MS;
		this.sleep = options.sleep ?? abortableSleep;
		this.timers = options.timers ?? systemTimers;
	}

	async run<T extends Expiring>(identity: string, work: LeaseWork<T>): Promise<LeaseOutcome<T>> {
		let fetched = false;
		const watched: LeaseWork<T> = {
			...work,
			fetch: (signal) => {
				fetched = true;
				return work.fetch(signal);
			},
		};
		try {
			return await this.coordinate(identity, watched);
		} catch (error) {
			// Once the fetch ran, what it threw is its own answer: fetching again would be the second request.
			if (fetched || !CredentialError.is(error, 'secret-storage-unavailable')) {
				throw error;
			}
			// Without a keyring every window fails the same way; a token is still better than none.
			this.options.onWarning?.(
				`Could not coordinate with other windows (${error.message}); fetching without a lease.`,
			);
			return { token: await work.fetch(work.signal), by: 'this-window' };
		}
	}

	/** Resolves once every lease this window took has been released (or its release failed and was reported). */
	async released(): Promise<void> {
		await Promise.all(this.releasing.values());
	}

	private async coordinate<T extends Expiring>(identity: string, work: LeaseWork<T>): Promise<LeaseOutcome<T>> {
		const key = leaseKey(identity);
		// This window's own lease, still being released, is not another window's: it would be taken over, and its release
		// could then delete the new lease.
		await this.releasing.get(key);
		for (;;) {
			throwIfAborted(work.signal);
			// Watching starts before anything is read, so a change that lands between the read and the wait still wakes it.
			const change = new ChangeWatch(this.secrets, [key, work.storedKey ?? tokenKey(identity)], this.timers);
			try {
				const stored = await this.storedAcceptable(work);
				if (stored) {
					return { token: stored, by: 'another-window' };
				}
				const lookedAt = this.clock.now();
				const held = this.live(await this.readLease(key));
				if (held) {
					await change.waitForChange(held.expiresAt - this.clock.now(), work.signal);
					continue;
				}
				const mine: Lease = {
					owner: this.ownerId,
					nonce: randomUUID(),
					expiresAt: this.clock.now() + this.ttlMs,
				};
				const winner = await this.contend(key, mine, lookedAt, work.signal);
				if (winner === mine) {
					return await this.fetchHolding(key, mine, work);
				}
				if (winner) {
					await change.waitForChange(winner.expiresAt - this.clock.now(), work.signal);
				}
			} finally {
				change.dispose();
			}
		}
	}

	/**
	 * Writes `mine`, lets every window's write land, and says whose lease stands (`mine` itself if it is ours).
	 * `lookedAt`: when the read that found no lease began.
	 */
	private async contend(
		key: string,
		mine: Lease,
		lookedAt: number,
		signal: AbortSignal | undefined,
	): Promise<Lease | undefined> {
		await guardSecretStorage(() => this.secrets.store(key, JSON.stringify(mine)));
		try {
			await this.sleep(settleDelayMs(this.clock.now() - lookedAt, this.settleMs), signal);
			const winner = await this.readLease(key);
			return winner?.nonce === mine.nonce ? mine : this.live(winner);
		} catch (error) {
			await this.release(key, mine);
			throw error;
		}
	}

	private async fetchHolding<T extends Expiring>(
		key: string,
		mine: Lease,
		work: LeaseWork<T>,
	): Promise<LeaseOutcome<T>> {
		const renewal = this.keepRenewed(key, mine);
		try {
			// The previous holder may have stored its token and released between our first look and our lease.
			const stored = await this.storedAcceptable(work);
			return stored
				? { token: stored, by: 'another-window' }
				: { token: await work.fetch(work.signal), by: 'this-window' };
		} finally {
			// Released after the token is handed out: `work.fetch` stored it before returning, and a waiting window wakes
			// on the token's change, not the lease's; the caller need not wait two more SecretStorage round trips (a read,
			// then a delete) before using it. A renewal still writing would land after the release and bring the lease back
			// for a whole TTL, so it is stopped first.
			const release = renewal
				.stop()
				.then(() => this.release(key, mine))
				.finally(() => {
					if (this.releasing.get(key) === release) {
						this.releasing.delete(key);
					}
				});
			this.releasing.set(key, release);
		}
	}

	/**
	 * Renews the lease every third of its TTL while the fetch runs: a classic fetch that waits out 45011 twice (up to
	 * 65 s each) outlives a 120 s lease, and another window would take the lapsed lease and fetch too. The TTL still
	 * frees the lease of a window that died, since a dead window renews nothing, and of a fetch stuck beyond
	 * `MAX_LEASE_HOLD_MS`.
	 */
	private keepRenewed(key: string, mine: Lease): { stop(): Promise<void> } {
		const renewUntil = this.clock.now() + (this.options.maxHoldMs ?? MAX_LEASE_HOLD_MS);
		let stopped = false;
		let timer: unknown;
		let renewing: Promise<void> = Promise.resolve();
		const schedule = (): void => {
			timer = this.timers.setTimeout(() => {
				renewing = this.renew(key, mine).then((stillOurs) => {
					if (stillOurs && !stopped && this.clock.now() < renewUntil) {
						schedule();
					}
				});
			}, this.ttlMs / 3);
		};
		schedule();
		return {
			stop: async () => {
				stopped = true;
				this.timers.clearTimeout(timer);
				await renewing;
			},
		};
	}

	/**
	 * Compare, then write: only a lease that is still ours is extended, never one another window wrote after ours
	 * lapsed. No window writes between the two: ours has two thirds of its TTL left, so none finds it lapsed. `false`
	 * once it is not ours: there is nothing left to renew.
	 */
	private async renew(key: string, mine: Lease): Promise<boolean> {
		try {
			if ((await this.readLease(key))?.nonce !== mine.nonce) {
				this.options.onWarning?.(
					'The fetch lease passed to another window while this one was fetching; that window may fetch too.',
				);
				return false;
			}
			const renewed: Lease = { ...mine, expiresAt: this.clock.now() + this.ttlMs };
			await guardSecretStorage(() => this.secrets.store(key, JSON.stringify(renewed)));
			return true;
		} catch (error) {
			this.options.onWarning?.(`Could not renew the fetch lease (${describeError(error)}); trying again later.`);
			return true;
		}
	}

	/** Deletes the lease only while it is still ours (compare, then delete): after it lapsed, another window may hold it. */
	private async release(key: string, mine: Lease): Promise<void> {
		try {
			if ((await this.readLease(key))?.nonce === mine.nonce) {
				await this.secrets.delete(key);
			}
		} catch (error) {
			this.options.onWarning?.(
				`Could not release the fetch lease (${describeError(error)}); other windows wait until it lapses.`,
			);
		}
	}

	private async storedAcceptable<T extends Expiring>(work: LeaseWork<T>): Promise<T | undefined> {
		const stored = await guardSecretStorage(() => work.stored());
		return stored && work.accept(stored) ? stored : undefined;
	}

	/** Another window's lease that still holds. One that claims more than a TTL ahead is damaged (or a clock jumped). */
	private live(lease: Lease | undefined): Lease | undefined {
		const now = this.clock.now();
		return lease && lease.owner !== this.ownerId && lease.expiresAt > now && lease.expiresAt <= now + this.ttlMs
			? lease
			: undefined;
	}

	private async readLease(key: string): Promise<Lease | undefined> {
		const raw = await guardSecretStorage(() => this.secrets.get(key));
		return raw === undefined ? undefined : parseLease(raw);
	}
}

/** Changes to some keys, counted from the moment it is created. */
class ChangeWatch implements Disposable {
	private changed = false;
	private wake: (() => void) | undefined;
	private readonly subscription: Disposable;

	constructor(
		secrets: SecretStore,
		keys: readonly string[],
		private readonly timers: Timers,
	) {
		this.subscription = secrets.onDidChange(({ key }) => {
			if (keys.includes(key)) {
				this.changed = true;
				this.wake?.();
			}
		});
	}

	/**
	 * Resolves at the first change (at once if one came already) or after `timeoutMs`; rejects with `cancelled` as soon
	 * as the signal fires. Whichever happens, the subscription, the timer and the abort listener are gone after.
	 */
	waitForChange(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			if (signal?.aborted || this.changed) {
				this.dispose();
				if (signal?.aborted) {
					reject(cancelledError());
				} else {
					resolve();
				}
				return;
			}
			const finish = (error?: Error): void => {
				this.timers.clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
				this.dispose();
				if (error) {
					reject(error);
				} else {
					resolve();
				}
			};
			const onAbort = (): void => finish(cancelledError());
			const timer = this.timers.setTimeout(() => finish(), Math.max(0, timeoutMs));
			signal?.addEventListener('abort', onAbort, { once: true });
			this.wake = () => finish();
		});
	}

	dispose(): void {
		this.wake = undefined;
		this.subscription.dispose();
	}
}

function parseLease(raw: string): Lease | undefined {
	try {
		const value = JSON.parse(raw) as Partial<Record<keyof Lease, unknown>> | null;
		if (
			value &&
			typeof value.owner === 'string' &&
			typeof value.nonce === 'string' &&
			typeof value.expiresAt === 'number'
		) {
			return { owner: value.owner, nonce: value.nonce, expiresAt: value.expiresAt };
		}
	} catch {
		// Damaged: no lease, as if it had lapsed.
	}
	return undefined;
}
