import type { JsapiTicket, TicketType } from '../../core/jssdk/jsapiTicket';
import { TokenCache } from '../../core/tokenCache';
import type { Clock } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { parseSecretKey, ticketKey } from '../credentials/secretKeys';
import type { HealthCalls } from '../health/healthCalls';
import type { Disposable } from '../ports/listeners';
import { Listeners } from '../ports/listeners';
import type { Log } from '../ports/log';
import { describeError, silentLog } from '../ports/log';
import type { SecretStore } from '../ports/secretStore';
import type { FetchLeaseOptions } from '../tokens/fetchLease';
import { FetchLease } from '../tokens/fetchLease';
import { maskToken } from '../tokens/maskToken';
import { SecretTicketStore, ticketCacheKey } from './secretTicketStore';

export interface TicketServiceOptions {
	readonly secrets: SecretStore;
	/** Where a ticket comes from: WeChat's getticket with the app's token (a dead token is recorded there). */
	readonly calls: Pick<HealthCalls, 'ticket'>;
	readonly clock?: Clock;
	readonly log?: Log;
	/** A ticket is fetched again this long before it expires (default `TICKET_REFRESH_MARGIN_MS`). */
	readonly marginMs?: number;
	readonly lease?: Pick<FetchLeaseOptions, 'ttlMs' | 'settleMs' | 'ownerId' | 'maxHoldMs'>;
}

/**
 * A ticket is fetched again in its last minute only. WeChat hands back the ticket in force until it expires (the
 * sandbox does the same), so with the tokens' 5-minute margin every Get in those 5 minutes would spend a getticket call
 * of its small quota for the same ticket; a page signed with a ticket that has a minute left is configured long
 * before the ticket ends.
 */
export const TICKET_REFRESH_MARGIN_MS = 60_000;

/** A ticket this window holds for an app, and whether it is still good to sign with. */
export interface HeldTicket {
	readonly ticket: JsapiTicket;
	readonly fresh: boolean;
}

/**
 * The apps' JS-SDK tickets, cached exactly as tokens are (§7: WeChat's quota for getticket is "very limited" and
 * every service must cache the ticket): in SecretStorage, shared by every window; reused while fresh; concurrent
 * callers in a window share one request, and windows take turns through the same lease as classic tokens, so N
 * windows asking at once send one request. Never fetches while a fresh ticket is held.
 */
export class TicketService implements Disposable {
	private readonly store: SecretTicketStore;
	private readonly cache: TokenCache<JsapiTicket>;
	private readonly lease: FetchLease;
	private readonly clock: Clock;
	private readonly log: Log;
	/** The last ticket known per cache key, possibly expired: what the tree shows. */
	private readonly known = new Map<string, JsapiTicket>();
	private readonly changes = new Listeners<void>();
	private readonly secretSubscription: Disposable;
	private apps: readonly WechatApp[] = [];

	constructor(private readonly options: TicketServiceOptions) {
		this.clock = options.clock ?? systemClock;
		this.log = options.log ?? silentLog;
		this.store = new SecretTicketStore(options.secrets);
		this.cache = new TokenCache<JsapiTicket>({
			store: this.store,
			clock: this.clock,
			marginMs: options.marginMs ?? TICKET_REFRESH_MARGIN_MS,
			onStoreError: (error) =>
				this.log.warn(`Could not use the ticket cache in the secret storage: ${describeError(error)}`),
		});
		this.lease = new FetchLease({
			secrets: options.secrets,
			clock: this.clock,
			...options.lease,
			onWarning: (message) => this.log.warn(message),
		});
		this.secretSubscription = options.secrets.onDidChange(({ key }) => void this.onSecretChanged(key));
	}

	onDidChange(listener: () => void): Disposable {
		return this.changes.add(listener);
	}

	/** The configured apps: their stored tickets are read for the tree (no network). */
	async setApps(apps: readonly WechatApp[]): Promise<void> {
		this.apps = apps;
		await Promise.all(apps.map((app) => this.adoptStored(app, 'jsapi')));
		this.changes.fire();
	}

	/** The ticket last known for the app (for the tree), with whether it is still fresh; never reads or fetches. */
	held(app: WechatApp, type: TicketType): HeldTicket | undefined {
		const ticket = this.known.get(ticketCacheKey(type, app.identity));
		return ticket === undefined ? undefined : { ticket, fresh: this.cache.isFresh(ticket) };
	}

	/** A fresh cached ticket, from memory or SecretStorage (another window's); never fetches. */
	async peek(app: WechatApp, type: TicketType): Promise<JsapiTicket | undefined> {
		const key = ticketCacheKey(type, app.identity);
		const ticket = await this.cache.peek(key);
		if (ticket !== undefined) {
			this.remember(key, ticket);
			this.log.info(`Reused the ${type} ticket of "${app.name}": ${maskToken(ticket.ticket)}.`);
		}
		return ticket;
	}

	/** The ticket the current one replaced, while it is within its lifetime: pages signed just before may use it. */
	async previous(app: WechatApp, type: TicketType): Promise<JsapiTicket | undefined> {
		try {
			return await this.store.previous(ticketCacheKey(type, app.identity), this.clock.now());
		} catch (error) {
			this.log.warn(`Could not read the previous ticket of "${app.name}": ${describeError(error)}`);
			return undefined;
		}
	}

	/**
	 * A fresh ticket for the app: the cached one, else fetched with `accessToken` (which the caller obtained the way
	 * Get does). Another window's fetch under way is waited for, not repeated.
	 */
	async get(app: WechatApp, type: TicketType, accessToken: string, signal?: AbortSignal): Promise<JsapiTicket> {
		const key = ticketCacheKey(type, app.identity);
		let fetchedHere = false;
		const ticket = await this.cache.get(
			key,
			async (cacheSignal) => {
				const outcome = await this.lease.run(`ticket:${key}`, {
					fetch: async (leaseSignal) => {
						this.log.info(`Requesting a ${type} ticket for "${app.name}" from WeChat.`);
						const fetched = await this.options.calls.ticket(
							{ app, accessToken, ...(leaseSignal ? { signal: leaseSignal } : {}) },
							type,
						);
						// Stored before the lease is released, so a window waiting for it finds it.
						await this.store.set(key, fetched).catch(() => undefined);
						return fetched;
					},
					stored: () => this.store.get(key),
					storedKey: ticketKey(type, app.identity),
					accept: (stored) => this.cache.isFresh(stored),
					signal: cacheSignal,
				});
				fetchedHere = outcome.by === 'this-window';
				return outcome.token;
			},
			signal ? { signal } : {},
		);
		this.remember(key, ticket);
		this.log.info(
			`${fetchedHere ? 'Fetched' : 'Reused'} the ${type} ticket of "${app.name}": ${maskToken(ticket.ticket)}, expires ${new Date(ticket.expiresAt).toISOString()}.`,
		);
		return ticket;
	}

	/** Resolves once every ticket fetched so far is stored for reloads and other windows. */
	async persisted(): Promise<void> {
		await Promise.all([this.cache.persisted(), this.lease.released()]);
	}

	/** Forgets the app's tickets (the app was removed). */
	async remove(app: WechatApp): Promise<void> {
		for (const type of ['jsapi', 'wx_card'] as const) {
			const key = ticketCacheKey(type, app.identity);
			await this.cache.discard(key);
			await this.cache.delete(key);
			this.known.delete(key);
		}
		this.changes.fire();
	}

	dispose(): void {
		this.secretSubscription.dispose();
		this.changes.clear();
	}

	private remember(key: string, ticket: JsapiTicket): void {
		if (this.known.get(key)?.ticket !== ticket.ticket) {
			this.known.set(key, ticket);
			this.changes.fire();
		}
	}

	private async adoptStored(app: WechatApp, type: TicketType): Promise<void> {
		const key = ticketCacheKey(type, app.identity);
		try {
			const stored = await this.store.get(key);
			if (stored === undefined) {
				this.known.delete(key);
			} else {
				this.known.set(key, stored);
			}
		} catch (error) {
			this.log.warn(`Could not read the cached ticket of "${app.name}": ${describeError(error)}`);
		}
	}

	/** Another window stored a ticket: show it here, and let the cache read it from the store. */
	private async onSecretChanged(secretKey: string): Promise<void> {
		const parsed = parseSecretKey(secretKey);
		if (parsed?.kind !== 'ticket') {
			return;
		}
		const app = this.apps.find((candidate) => candidate.identity === parsed.identity);
		if (app === undefined) {
			return;
		}
		const key = ticketCacheKey(parsed.type, app.identity);
		const before = this.known.get(key)?.ticket;
		await this.adoptStored(app, parsed.type);
		if (this.known.get(key)?.ticket !== before) {
			this.cache.forget(key);
			this.changes.fire();
		}
	}
}
