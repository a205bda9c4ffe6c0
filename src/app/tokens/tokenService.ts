import { TokenError } from '../../core/errors';
import type { TokenClient } from '../../core/tokenClient';
import { TokenCache } from '../../core/tokenCache';
import type { AccessToken, Clock, TokenRequest } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { ClassicMintDeclinedError, CredentialError } from '../errors/appErrors';
import type { ClassicMintPrompt, TokenCaller } from './classicMintGuard';
import { ClassicMintGuard, declineEveryClassicMint } from './classicMintGuard';
import type { AppSecrets, CredentialStore } from '../credentials/credentialStore';
import type { FetchLeaseOptions, LeaseOutcome } from './fetchLease';
import { FetchLease } from './fetchLease';
import { failureReason } from '../errors/knownFailure';
import type { Disposable } from '../ports/listeners';
import { Listeners } from '../ports/listeners';
import type { Log } from '../ports/log';
import { describeError, silentLog } from '../ports/log';
import { maskToken } from './maskToken';
import { parseSecretKey } from '../credentials/secretKeys';
import type { SecretStore } from '../ports/secretStore';
import { SecretTokenStore } from './secretTokenStore';
import { toTokenRequest } from './tokenRequest';

/** Whether the app's required secrets are stored: `unavailable` when the secret storage itself failed. */
export type CredentialState = 'unknown' | 'present' | 'missing' | 'unavailable';

/** What the views show for one app: its token, its secrets, the last failure and whether a request is under way. */
export interface AppState {
	readonly app: WechatApp;
	/** The last token known for the app, possibly expired. */
	readonly token: AccessToken | undefined;
	readonly credentials: CredentialState;
	/** Why the last attempt failed; cleared by the next success. Cancellation is not a failure. */
	readonly error: unknown;
	/** A request for this app is under way. */
	readonly busy: boolean;
	/** When this window last handed out the app's token. */
	readonly lastUsedAt: number | undefined;
}

export interface GetTokenRequestOptions {
	/**
	 * Ignore the local cache and ask the token's source again. For `wechat-stable` this still asks WeChat normally,
	 * which never invalidates a token (that is `forceNewStableToken`).
	 */
	readonly bypassCache?: boolean;
	readonly signal?: AbortSignal;
	/** `wechat`: the user opted in to the classic endpoint. Without it the core refuses to call it. */
	readonly allowClassic?: boolean;
	/**
	 * `wechat-stable`: make WeChat issue a new token (its `force_refresh`), which the user confirmed: 20 a day, and it
	 * invalidates everyone's token. Implies `bypassCache`.
	 */
	readonly forceNewStableToken?: boolean;
	/**
	 * Who asked, which decides whether a classic request asks the user first (`ClassicMintGuard`). Default `command`:
	 * a caller that does not say is not taken for the user.
	 */
	readonly caller?: TokenCaller;
	/** The app's secrets, when the caller has just read them (one SecretStorage round trip fewer). */
	readonly secrets?: AppSecrets;
}

export interface TokenServiceOptions {
	readonly secrets: SecretStore;
	/** The apps' stored secrets, read for every request and deleted with the app; built beside the service. */
	readonly credentials: CredentialStore;
	readonly client: TokenClient;
	readonly marginMs?: number;
	readonly clock?: Clock;
	readonly log?: Log;
	/** Tuning for the lease that keeps windows from fetching classic tokens at once (`FetchLease`); tests shorten it. */
	readonly lease?: Pick<FetchLeaseOptions, 'ttlMs' | 'settleMs' | 'ownerId' | 'maxHoldMs'>;
	/** Asks the user before a classic request that needs a yes; without it every such request is refused unsent. */
	readonly classicMintPrompt?: ClassicMintPrompt;
}

/**
 * How long after a request starts or ends, or a token is used, the listeners hear of it. They redraw the tree, the
 * status bar and the terminal's variable, synchronously in the extension host (2–20 ms for one change on a 2-core
 * machine, measured for issue 13), and the extension host sends what the extension asked of the workbench on a 0 ms
 * timer: listeners that ran first held back the caller's clipboard write by that much. 50 ms lets the write leave
 * first, whatever the machine's load (timers run in order), and is still too short for anyone to see the views lag.
 */
export const CHANGE_DELAY_MS = 50;

interface MutableState {
	app: WechatApp;
	token: AccessToken | undefined;
	credentials: CredentialState;
	error: unknown;
	pending: number;
	lastUsedAt: number | undefined;
}

/**
 * The one place the extension gets tokens: an app and its stored secrets become a core request, served through the
 * token cache (persisted in SecretStorage, so other windows and reloads share it). Keeps what the UI shows per app
 * and says when it changed. Activation-time loading reads SecretStorage only; the network is used by `get` alone.
 */
export class TokenService implements Disposable {
	private readonly credentials: CredentialStore;
	/**
	 * Persisted in SecretStorage. The cache keeps tokens in memory too; when another window stores a newer token, this
	 * window forgets its copy and the next read takes the stored one.
	 */
	private readonly cache: TokenCache;
	private readonly tokenStore: SecretTokenStore;
	private readonly lease: FetchLease;
	private readonly classicMints: ClassicMintGuard;
	private readonly clock: Clock;
	private readonly log: Log;
	private client: TokenClient;
	private apps: readonly WechatApp[] = [];
	/** Keyed by identity: an app pointed elsewhere starts afresh, its old token is not shown as its own. */
	private states = new Map<string, MutableState>();
	private readonly changes = new Listeners<void>();
	private readonly secretSubscription: Disposable;
	private changeTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: TokenServiceOptions) {
		this.clock = options.clock ?? systemClock;
		this.log = options.log ?? silentLog;
		this.client = options.client;
		this.credentials = options.credentials;
		this.tokenStore = new SecretTokenStore(options.secrets);
		this.cache = new TokenCache({
			store: this.tokenStore,
			clock: this.clock,
			...(options.marginMs === undefined ? {} : { marginMs: options.marginMs }),
			onStoreError: (error) =>
				this.log.warn(`Could not use the token cache in the secret storage: ${describeError(error)}`),
		});
		this.lease = new FetchLease({
			secrets: options.secrets,
			clock: this.clock,
			...options.lease,
			onWarning: (message) => this.log.warn(message),
		});
		this.classicMints = new ClassicMintGuard({
			secrets: options.secrets,
			prompt: options.classicMintPrompt ?? declineEveryClassicMint,
			clock: this.clock,
			log: this.log,
		});
		this.secretSubscription = options.secrets.onDidChange(({ key }) => void this.onSecretChanged(key));
	}

	onDidChange(listener: () => void): Disposable {
		return this.changes.add(listener);
	}

	/** Settings changed: request timeout and the like live in the client. */
	setClient(client: TokenClient): void {
		this.client = client;
	}

	setMarginMs(marginMs: number): void {
		this.cache.setMarginMs(marginMs);
	}

	/** The configured apps, in settings order. Resolves when what SecretStorage holds for new ones has been read. */
	async setApps(apps: readonly WechatApp[]): Promise<void> {
		const previous = this.states;
		this.apps = apps;
		this.states = new Map(
			apps.map((app) => {
				// The same object, not a copy: a request under way updates the state it started with.
				const kept = previous.get(app.identity);
				if (kept) {
					kept.app = app;
				}
				return [app.identity, kept ?? newState(app)];
			}),
		);
		this.changes.fire();
		await this.reload(apps.filter((app) => !previous.has(app.identity)));
	}

	getApps(): readonly WechatApp[] {
		return this.apps;
	}

	findApp(name: string): WechatApp | undefined {
		return this.apps.find((app) => app.name === name);
	}

	state(app: WechatApp): AppState {
		const state = this.states.get(app.identity) ?? newState(app);
		return {
			app: state.app,
			token: state.token,
			credentials: state.credentials,
			error: state.error,
			busy: state.pending > 0,
			lastUsedAt: state.lastUsedAt,
		};
	}

	/** Reads stored credentials and cached tokens for the apps (all by default). No network. */
	async reload(apps: readonly WechatApp[] = this.apps): Promise<void> {
		await Promise.all(apps.map((app) => this.reloadOne(app)));
	}

	/** The cached token if it is still fresh (outside the refresh margin); never fetches. */
	async peek(app: WechatApp): Promise<AccessToken | undefined> {
		return this.cache.peek(app.identity);
	}

	/** The same from memory only (no SecretStorage round trip); `undefined` also when memory holds nothing yet. */
	peekMemory(app: WechatApp): AccessToken | undefined {
		return this.cache.peekMemory(app.identity);
	}

	/**
	 * A valid token for the app: the cached one if fresh, else from its source. Failures leave everything stored as it
	 * was, but for a forced stable refresh whose answer was lost: the cached token may be dead then, and is forgotten.
	 */
	async get(app: WechatApp, options: GetTokenRequestOptions = {}): Promise<AccessToken> {
		const state = this.mutable(app);
		state.pending++;
		this.changeSoon();
		const startedAt = this.clock.now();
		const bypassCache = options.bypassCache === true || options.forceNewStableToken === true;
		let by: LeaseOutcome['by'] | undefined;
		try {
			// Whether the secrets are there before a token is handed out is the use case's to check (TokenUseCase); here
			// they are read only for a request that goes out, unless the caller just read them.
			const requestOf = (secrets: AppSecrets) =>
				toTokenRequest(app, secrets, {
					classicAcknowledged: options.allowClassic === true,
					forceNewStableToken: options.forceNewStableToken === true,
				});
			const checked = options.secrets === undefined ? undefined : requestOf(options.secrets);
			// A token another window stored serves a refresh only if it was fetched after the refresh was asked for; one
			// received in the very millisecond the refresh started may have been asked for before it, so it does not.
			const accept = (stored: AccessToken): boolean =>
				bypassCache ? stored.fetchedAt > startedAt : this.cache.isFresh(stored);
			const token = await this.cache.get(
				app.identity,
				async (signal) => {
					const request = checked ?? requestOf(await this.credentials.read(app));
					const outcome = await this.fetchUpstream(
						app,
						request,
						signal,
						accept,
						options.forceNewStableToken === true,
						options.caller ?? 'command',
					);
					by = outcome.by;
					return outcome.token;
				},
				{ bypassCache, ...(options.signal ? { signal: options.signal } : {}) },
			);
			state.token = token;
			state.error = undefined;
			state.credentials = 'present';
			state.lastUsedAt = this.clock.now();
			const how =
				by === undefined
					? 'Reused the cached token'
					: by === 'this-window'
						? 'Fetched a token'
						: 'Took the token another window fetched';
			this.log.info(
				`${how} for "${app.name}": ${maskToken(token.accessToken)}, expires ${new Date(token.expiresAt).toISOString()}.`,
			);
			return token;
		} catch (error) {
			if (TokenError.is(error, 'force-refresh-unconfirmed')) {
				// WeChat may have rotated the token: the cached one may be dead, and is not handed out again. The next Get
				// asks WeChat normally and stores whichever token is in force.
				await this.cache.delete(app.identity);
				state.token = undefined;
			}
			this.recordFailure(state, error);
			throw error;
		} finally {
			state.pending--;
			this.changeSoon();
		}
	}

	/**
	 * Tells the listeners `CHANGE_DELAY_MS` later, once for everything that happened meanwhile, so the caller's use of
	 * the result goes first (see `CHANGE_DELAY_MS`). A request that ends within that time never shows as busy.
	 */
	private changeSoon(): void {
		this.changeTimer ??= setTimeout(() => {
			this.changeTimer = undefined;
			this.changes.fire();
		}, CHANGE_DELAY_MS);
	}

	/** Resolves once every token fetched so far is stored for reloads and other windows (it is handed out first). */
	async persisted(): Promise<void> {
		// A classic fetch's lease is released after its token is handed out: other windows wait for it until it lapses.
		await Promise.all([this.cache.persisted(), this.lease.released()]);
	}

	/** The user took the app's known token again (copied it): it counts as the most recently used one now. */
	markUsed(app: WechatApp): void {
		this.mutable(app).lastUsedAt = this.clock.now();
		this.changeSoon();
	}

	/**
	 * Forgets everything stored for the app: secrets (also under its earlier identities) and cached tokens. A request
	 * under way for it is cancelled first, and has ended before anything is deleted: its token never lands afterwards.
	 */
	async remove(app: WechatApp): Promise<void> {
		await this.cache.discard(app.identity);
		const others = new Set(
			this.apps.filter((other) => other.identity !== app.identity).map((other) => other.identity),
		);
		const cleared = await this.credentials.deleteAll(app, others);
		for (const identity of cleared) {
			await this.cache.delete(identity);
		}
		const state = this.states.get(app.identity);
		if (state) {
			state.token = undefined;
			state.error = undefined;
			state.credentials = 'missing';
		}
		this.log.info(`Removed the secrets and cached token of "${app.name}".`);
		this.changes.fire();
	}

	dispose(): void {
		clearTimeout(this.changeTimer);
		this.secretSubscription.dispose();
		this.changes.clear();
	}

	/**
	 * Classic tokens invalidate each other, so windows sharing the secret storage take turns through the lease and one
	 * request serves them all. The other sources hand every caller the token in force, so they go straight out.
	 */
	private async fetchUpstream(
		app: WechatApp,
		request: TokenRequest,
		signal: AbortSignal,
		accept: (stored: AccessToken) => boolean,
		forced: boolean,
		caller: TokenCaller,
	): Promise<LeaseOutcome> {
		const ask = (fetchSignal: AbortSignal | undefined): Promise<AccessToken> => {
			this.log.info(
				`Requesting a token for "${app.name}" from ${app.source} at ${app.host}${forced ? ' (forced refresh)' : ''}.`,
			);
			return this.client.fetchToken(request, fetchSignal ? { signal: fetchSignal } : {});
		};
		// Without the opt-in the core refuses at once; there is nothing to take turns for.
		if (request.source !== 'wechat' || !request.invalidatesOtherTokensAcknowledged) {
			return { token: await ask(signal), by: 'this-window' };
		}
		return this.lease.run(app.identity, {
			fetch: async (leaseSignal) => {
				// Inside the lease: the question is asked only when this window is about to send, and the time of the last
				// request read for it is every window's. The token is stored before the lease is released, so the window
				// that takes the lease next finds it; the store starts as the token arrives and runs alongside the guard's
				// record of the request's time (one SecretStorage round trip instead of two in a row). A failure to store
				// is reported when the cache stores the token just after.
				let stored: Promise<unknown> = Promise.resolve();
				const token = await this.classicMints.send(
					app,
					caller,
					async () => {
						const fetched = await ask(leaseSignal);
						stored = this.tokenStore.set(app.identity, fetched).catch(() => undefined);
						return fetched;
					},
					leaseSignal,
				);
				await stored;
				return token;
			},
			stored: () => this.tokenStore.get(app.identity),
			accept,
			signal,
		});
	}

	private recordFailure(state: MutableState, error: unknown): void {
		if (TokenError.is(error, 'cancelled')) {
			this.log.info(`Cancelled the request for "${state.app.name}".`);
			return;
		}
		if (ClassicMintDeclinedError.is(error)) {
			// The user's answer, logged where it was given: the app did not fail.
			return;
		}
		state.error = error;
		if (CredentialError.is(error, 'credentials-missing')) {
			state.credentials = 'missing';
		} else if (CredentialError.is(error, 'secret-storage-unavailable')) {
			state.credentials = 'unavailable';
		}
		const reason = failureReason(error);
		this.log.warn(`No token for "${state.app.name}" (${reason}): ${describeError(error)}`);
	}

	private async reloadOne(app: WechatApp, secretsChanged = false): Promise<void> {
		const state = this.mutable(app);
		if (secretsChanged) {
			// The failure was about the secrets that were just replaced; the next attempt will tell.
			state.error = undefined;
		}
		try {
			state.credentials = (await this.credentials.missingFields(app)).length === 0 ? 'present' : 'missing';
		} catch (error) {
			state.credentials = 'unavailable';
			this.log.warn(`Could not read the secrets of "${app.name}": ${describeError(error)}`);
		}
		await this.adoptStoredToken(state);
		this.changes.fire();
	}

	/** Another window stored a token, or removed one: show it here, and let the cache read it from the store. */
	private async adoptStoredToken(state: MutableState): Promise<void> {
		let stored: AccessToken | undefined;
		try {
			stored = await this.tokenStore.get(state.app.identity);
		} catch (error) {
			this.log.warn(`Could not read the cached token of "${state.app.name}": ${describeError(error)}`);
			return;
		}
		const current = state.token;
		if (
			stored?.accessToken === current?.accessToken ||
			(stored && current && current.fetchedAt > stored.fetchedAt)
		) {
			return;
		}
		state.token = stored;
		if (state.pending === 0) {
			this.cache.forget(state.app.identity);
		}
	}

	private async onSecretChanged(key: string): Promise<void> {
		const parsed = parseSecretKey(key);
		// Leases come and go with every classic fetch in any window; they say nothing about what to show. Tickets are the
		// TicketService's.
		if (parsed === undefined || parsed.kind === 'index' || parsed.kind === 'lease' || parsed.kind === 'ticket') {
			return;
		}
		const app = this.apps.find((candidate) => candidate.identity === parsed.identity);
		if (app === undefined) {
			return;
		}
		if (parsed.kind === 'token') {
			// A token written (by this window or another) says nothing about the secrets: only the token is read.
			await this.adoptStoredToken(this.mutable(app));
			this.changes.fire();
			return;
		}
		await this.reloadOne(app, true);
	}

	private mutable(app: WechatApp): MutableState {
		let state = this.states.get(app.identity);
		if (state === undefined) {
			state = newState(app);
			this.states.set(app.identity, state);
		}
		return state;
	}
}

function newState(app: WechatApp): MutableState {
	return { app, token: undefined, credentials: 'unknown', error: undefined, pending: 0, lastUsedAt: undefined };
}
