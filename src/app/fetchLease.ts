import { randomUUID } from 'node:crypto';
import { cancelledError } from '../core/errors';
import { abortableSleep, throwIfAborted } from '../core/http/abort';
import type { AccessToken, Clock } from '../core/tokenTypes';
import { systemClock } from '../core/tokenTypes';
import { CredentialError, guardSecretStorage } from './appErrors';
import type { Disposable } from './listeners';
import { describeError } from './log';
import { leaseKey, tokenKey } from './secretKeys';
import type { SecretStore } from './secretStore';

export interface FetchLeaseOptions {
	readonly secrets: SecretStore;
	readonly clock?: Clock;
	/** This window; a lease it left behind itself never makes it wait. */
	readonly ownerId?: string;
	/** How long a lease holds if its window never releases it (it died): longer than a request with its retries and a 45011 wait. */
	readonly ttlMs?: number;
	/** How long every window's lease write may take to land; the last one written by then wins. */
	readonly settleMs?: number;
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	readonly onWarning?: (message: string) => void;
}

export interface LeaseWork {
	/** Asks upstream, and stores the token where `stored` reads it before returning: the lease is released after. */
	readonly fetch: (signal: AbortSignal | undefined) => Promise<AccessToken>;
	/** The token stored in the shared storage, by this window or another. */
	readonly stored: () => Promise<AccessToken | undefined>;
	/** Whether a stored token serves this call (fresh enough, or new enough for a forced refresh). */
	readonly accept: (token: AccessToken) => boolean;
	readonly signal?: AbortSignal;
}

export interface LeaseOutcome {
	readonly token: AccessToken;
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
 * Makes windows that share one SecretStorage (one per VS Code window, each its own extension host) send one classic
 * `/cgi-bin/token` request between them: each request mints a token and invalidates the one before, so two at once
 * would leave one window holding a dead token.
 *
 * SecretStorage has no compare-and-set, so this is Fischer's algorithm: write a lease naming a fresh nonce, wait
 * `settleMs` for every other window's write to land, read it back. The window that finds its own nonce fetches,
 * stores the token, then releases; the others wait for the token (or the lease) to change, or the lease to lapse,
 * and look again. This holds while a write lands within `settleMs`.
 */
export class FetchLease {
	private readonly secrets: SecretStore;
	private readonly clock: Clock;
	private readonly ownerId: string;
	private readonly ttlMs: number;
	private readonly settleMs: number;
	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(private readonly options: FetchLeaseOptions) {
		this.secrets = options.secrets;
		this.clock = options.clock ?? systemClock;
		this.ownerId = options.ownerId ?? randomUUID();
		this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
		this.settleMs = options.settleMs ?? DEFAULT_LEASE_SETTLE_MS;
		this.sleep = options.sleep ?? abortableSleep;
	}

	async run(identity: string, work: LeaseWork): Promise<LeaseOutcome> {
		let fetched = false;
		const watched: LeaseWork = {
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
			this.options.onWarning?.(`Could not coordinate with other windows (${error.message}); fetching without a lease.`);
			return { token: await work.fetch(work.signal), by: 'this-window' };
		}
	}

	private async coordinate(identity: string, work: LeaseWork): Promise<LeaseOutcome> {
		const key = leaseKey(identity);
		for (;;) {
			throwIfAborted(work.signal);
			// Watching starts before anything is read, so a change that lands between the read and the wait still wakes it.
			const change = new ChangeWatch(this.secrets, [key, tokenKey(identity)]);
			try {
				const stored = await this.storedAcceptable(work);
				if (stored) {
					return { token: stored, by: 'another-window' };
				}
				const held = this.live(await this.readLease(key));
				if (held) {
					await change.waitForChange(held.expiresAt - this.clock.now(), work.signal);
					continue;
				}
				const mine: Lease = { owner: this.ownerId, nonce: randomUUID(), expiresAt: this.clock.now() + this.ttlMs };
				const winner = await this.contend(key, mine, work.signal);
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

	/** Writes `mine`, lets every window's write land, and says whose lease stands (`mine` itself if it is ours). */
	private async contend(key: string, mine: Lease, signal: AbortSignal | undefined): Promise<Lease | undefined> {
		await guardSecretStorage(() => this.secrets.store(key, JSON.stringify(mine)));
		try {
			await this.sleep(this.settleMs, signal);
			const winner = await this.readLease(key);
			return winner?.nonce === mine.nonce ? mine : this.live(winner);
		} catch (error) {
			await this.release(key, mine);
			throw error;
		}
	}

	private async fetchHolding(key: string, mine: Lease, work: LeaseWork): Promise<LeaseOutcome> {
		try {
			// The previous holder may have stored its token and released between our first look and our lease.
			const stored = await this.storedAcceptable(work);
			return stored ? { token: stored, by: 'another-window' } : { token: await work.fetch(work.signal), by: 'this-window' };
		} finally {
			await this.release(key, mine);
		}
	}

	/** Deletes the lease only while it is still ours: after it lapsed, another window may hold it. */
	private async release(key: string, mine: Lease): Promise<void> {
		try {
			if ((await this.readLease(key))?.nonce === mine.nonce) {
				await this.secrets.delete(key);
			}
		} catch (error) {
			this.options.onWarning?.(`Could not release the fetch lease (${describeError(error)}); other windows wait until it lapses.`);
		}
	}

	private async storedAcceptable(work: LeaseWork): Promise<AccessToken | undefined> {
		const stored = await guardSecretStorage(() => work.stored());
		return stored && work.accept(stored) ? stored : undefined;
	}

	/** Another window's lease that still holds. One that claims more than a TTL ahead is damaged (or a clock jumped). */
	private live(lease: Lease | undefined): Lease | undefined {
		const now = this.clock.now();
		return lease && lease.owner !== this.ownerId && lease.expiresAt > now && lease.expiresAt <= now + this.ttlMs ? lease : undefined;
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

	constructor(secrets: SecretStore, keys: readonly string[]) {
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
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
				this.dispose();
				if (error) {
					reject(error);
				} else {
					resolve();
				}
			};
			const onAbort = (): void => finish(cancelledError());
			const timer = setTimeout(() => finish(), Math.max(0, timeoutMs));
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
		if (value && typeof value.owner === 'string' && typeof value.nonce === 'string' && typeof value.expiresAt === 'number') {
			return { owner: value.owner, nonce: value.nonce, expiresAt: value.expiresAt };
		}
	} catch {
		// Damaged: no lease, as if it had lapsed.
	}
	return undefined;
}
