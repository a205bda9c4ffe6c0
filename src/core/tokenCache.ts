import { cancelledError } from './errors';
import { raceWithSignal } from './http/abort';
import type { AccessToken, Clock, Expiring } from './tokenTypes';
import { systemClock } from './tokenTypes';

/** Where cached tokens persist beyond this process (the extension backs it with SecretStorage). */
export interface TokenStore<T extends Expiring = AccessToken> {
	get(key: string): Promise<T | undefined>;
	set(key: string, token: T): Promise<void>;
	delete(key: string): Promise<void>;
}

export interface TokenCacheOptions<T extends Expiring = AccessToken> {
	/** A token is renewed this long before it expires. Default 5 minutes. */
	readonly marginMs?: number;
	readonly clock?: Clock;
	readonly store?: TokenStore<T>;
	/** A store that fails (no keyring on Linux, say) costs persistence, never the token: it is reported here. */
	readonly onStoreError?: (error: unknown) => void;
}

export interface GetTokenOptions {
	/** Skip the cached token; still joins a request already under way, which is as fresh. */
	readonly bypassCache?: boolean;
	readonly signal?: AbortSignal;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** The abort reason of a request `discard` ended: whatever it brings back is not kept. */
const DISCARDED: unknown = Object.freeze({ reason: 'discarded' });

interface InFlight<T> {
	readonly promise: Promise<T>;
	readonly controller: AbortController;
	waiters: number;
}

/**
 * Reuses a token until `expiresAt − margin`, and makes concurrent callers for the same key share one upstream
 * request. A failed fetch leaves the cached token as it was: a still-valid token is never replaced by an error.
 */
export class TokenCache<T extends Expiring = AccessToken> {
	private readonly memory = new Map<string, T>();
	private readonly inFlight = new Map<string, InFlight<T>>();
	/** Per key, the store write of the last token fetched, until it has landed (or its failure was reported). */
	private readonly writes = new Map<string, Promise<void>>();
	private readonly clock: Clock;
	private marginMs: number;

	constructor(private readonly options: TokenCacheOptions<T> = {}) {
		this.clock = options.clock ?? systemClock;
		this.marginMs = options.marginMs ?? DEFAULT_REFRESH_MARGIN_MS;
	}

	setMarginMs(marginMs: number): void {
		this.marginMs = marginMs;
	}

	isFresh(token: T): boolean {
		return this.clock.now() < token.expiresAt - this.marginMs;
	}

	/** The cached token for `key` if it is still fresh, from memory or the store; never fetches. */
	async peek(key: string): Promise<T | undefined> {
		const token = this.memory.get(key) ?? (await this.fromStore(key));
		if (token) {
			this.memory.set(key, token);
		}
		return token && this.isFresh(token) ? token : undefined;
	}

	/** The fresh token held in memory, without asking the store. */
	peekMemory(key: string): T | undefined {
		const token = this.memory.get(key);
		return token && this.isFresh(token) ? token : undefined;
	}

	async get(key: string, fetch: (signal: AbortSignal) => Promise<T>, options: GetTokenOptions = {}): Promise<T> {
		if (options.signal?.aborted) {
			throw cancelledError();
		}
		if (!options.bypassCache && !this.inFlight.has(key)) {
			const cached = await this.peek(key);
			if (cached) {
				return cached;
			}
		}
		const flight = this.inFlight.get(key) ?? this.startFetch(key, fetch);
		flight.waiters++;
		try {
			return await raceWithSignal(flight.promise, options.signal);
		} finally {
			flight.waiters--;
			// When everyone who wanted this token gave up, the request itself is cancelled. It is forgotten at once: a
			// caller who asks again right away (the user cancelled, then clicked again) would otherwise join the dying
			// request and fail with "cancelled" without anything being sent (found by the secret-hygiene run, issue 6).
			if (flight.waiters === 0 && options.signal?.aborted) {
				flight.controller.abort();
				this.forgetFlight(key, flight.controller);
			}
		}
	}

	/**
	 * Drops the in-memory copy only, so the next read goes to the store: for when another process (a second VS Code
	 * window) stored a newer token there.
	 */
	forget(key: string): void {
		this.memory.delete(key);
	}

	/**
	 * Ends the request under way for `key`, whoever waits for it (its app is being removed): its HTTP request is
	 * aborted, a token it gets all the same is neither kept nor handed out (its waiters get `cancelled`), and this
	 * resolves once it has settled, so nothing it writes lands after what the caller deletes next (nor does the write
	 * of an earlier token still under way).
	 */
	async discard(key: string): Promise<void> {
		const flight = this.inFlight.get(key);
		if (flight !== undefined) {
			flight.controller.abort(DISCARDED);
			this.forgetFlight(key, flight.controller);
			await flight.promise.catch(() => undefined);
		}
		await this.writes.get(key);
	}

	/**
	 * Resolves once every token fetched so far is in the store (or its write failed and was reported). A fetched token
	 * is handed out first and persisted just after; whoever needs it stored (shutdown, a test) waits for this.
	 */
	async persisted(): Promise<void> {
		await Promise.all(this.writes.values());
	}

	/** Forget a token (app removed, or the server said it is no longer valid). */
	async delete(key: string): Promise<void> {
		this.memory.delete(key);
		// A write still under way would otherwise land after the delete and bring the token back.
		await this.writes.get(key);
		await this.guardStore(() => this.options.store?.delete(key));
	}

	private async fromStore(key: string): Promise<T | undefined> {
		return this.guardStore(() => this.options.store?.get(key));
	}

	private async guardStore<R>(operation: () => Promise<R> | undefined): Promise<R | undefined> {
		try {
			return await operation();
		} catch (error) {
			this.options.onStoreError?.(error);
			return undefined;
		}
	}

	private startFetch(key: string, fetch: (signal: AbortSignal) => Promise<T>): InFlight<T> {
		const controller = new AbortController();
		const promise = (async () => {
			try {
				const token = await fetch(controller.signal);
				// The answer may have been complete just before the abort, or the fetch may not have been listening.
				if (controller.signal.reason === DISCARDED) {
					throw cancelledError();
				}
				this.memory.set(key, token);
				this.persist(key, token);
				return token;
			} finally {
				this.forgetFlight(key, controller);
			}
		})();
		// Waiters may all have left; the shared promise's rejection is still observed here.
		promise.catch(() => undefined);
		const flight: InFlight<T> = { promise, controller, waiters: 0 };
		this.inFlight.set(key, flight);
		return flight;
	}

	/**
	 * Persists the token for reloads and other windows while the caller already uses it: a store write is a round trip
	 * to the workbench, not awaited before the hand-out. Writes of one key land in order; a failure is reported, never
	 * the caller's.
	 */
	private persist(key: string, token: T): void {
		const write = (this.writes.get(key) ?? Promise.resolve())
			.then(async () => {
				await this.guardStore(() => this.options.store?.set(key, token));
			})
			.finally(() => {
				if (this.writes.get(key) === write) {
					this.writes.delete(key);
				}
			});
		this.writes.set(key, write);
	}

	/** Only this request's entry (told by its controller): a newer request for the key may have taken its place. */
	private forgetFlight(key: string, controller: AbortController): void {
		if (this.inFlight.get(key)?.controller === controller) {
			this.inFlight.delete(key);
		}
	}
}
