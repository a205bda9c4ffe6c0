import { TokenError } from '../core/errors';
import type { TokenClient } from '../core/tokenClient';
import { TokenCache } from '../core/tokenCache';
import type { AccessToken, Clock, TokenRequest } from '../core/tokenTypes';
import { systemClock } from '../core/tokenTypes';
import type { WechatApp } from './appConfig';
import { CredentialError } from './appErrors';
import type { StateStore } from './classicConsent';
import { CredentialStore } from './credentialStore';
import type { LeaseOutcome } from './fetchLease';
import { FetchLease } from './fetchLease';
import type { Disposable } from './listeners';
import { Listeners } from './listeners';
import type { Log } from './log';
import { describeError, silentLog } from './log';
import { maskToken } from './mask';
import { parseSecretKey } from './secretKeys';
import type { SecretStore } from './secretStore';
import { SecretTokenStore } from './secretTokenStore';
import { activeAppState, StatusBarPin } from './statusBarFocus';
import { toTokenRequest } from './tokenRequest';

/** Whether the app's required secrets are stored: `unavailable` when the secret storage itself failed. */
export type CredentialStatus = 'unknown' | 'present' | 'missing' | 'unavailable';

/** What the tree and the status bar render for one app. */
export interface AppState {
	readonly app: WechatApp;
	/** The last token known for the app, possibly expired. */
	readonly token: AccessToken | undefined;
	readonly credentials: CredentialStatus;
	/** Why the last attempt failed; cleared by the next success. Cancellation is not a failure. */
	readonly error: unknown;
	/** A request for this app is under way. */
	readonly busy: boolean;
	/** When this window last handed out the app's token. */
	readonly lastUsedAt: number | undefined;
}

export interface GetTokenRequestOptions {
	/** Ignore the local cache. For `wechat-stable` this still asks WeChat normally, which never invalidates a token. */
	readonly forceRefresh?: boolean;
	readonly signal?: AbortSignal;
	/** `wechat`: the user opted in to the classic endpoint. Without it the core refuses to call it. */
	readonly allowClassic?: boolean;
	/** `wechat-stable`: the user confirmed `force_refresh` (20 a day, invalidates everyone's token). */
	readonly forceNewStableToken?: boolean;
}

export interface TokenServiceOptions {
	readonly secrets: SecretStore;
	readonly client: TokenClient;
	readonly marginMs?: number;
	readonly clock?: Clock;
	readonly log?: Log;
	/** Tuning for the lease that keeps windows from fetching classic tokens at once (`FetchLease`); tests shorten it. */
	readonly lease?: { readonly ttlMs?: number; readonly settleMs?: number; readonly ownerId?: string };
	/** Where the app pinned to the status bar is remembered (`context.workspaceState`); in memory when not given. */
	readonly focusStore?: StateStore;
}

interface MutableState {
	app: WechatApp;
	token: AccessToken | undefined;
	credentials: CredentialStatus;
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
	readonly credentials: CredentialStore;
	/**
	 * Persisted in SecretStorage. The cache keeps tokens in memory too; when another window stores a newer token, this
	 * window forgets its copy and the next read takes the stored one.
	 */
	private readonly cache: TokenCache;
	private readonly tokenStore: SecretTokenStore;
	private readonly lease: FetchLease;
	private readonly pin: StatusBarPin;
	private readonly clock: Clock;
	private readonly log: Log;
	private client: TokenClient;
	private apps: readonly WechatApp[] = [];
	/** Keyed by identity: an app pointed elsewhere starts afresh, its old token is not shown as its own. */
	private states = new Map<string, MutableState>();
	private readonly changes = new Listeners<void>();
	private readonly secretSubscription: Disposable;

	constructor(options: TokenServiceOptions) {
		this.clock = options.clock ?? systemClock;
		this.log = options.log ?? silentLog;
		this.client = options.client;
		this.credentials = new CredentialStore(options.secrets, this.clock);
		this.tokenStore = new SecretTokenStore(options.secrets);
		this.cache = new TokenCache({
			store: this.tokenStore,
			clock: this.clock,
			...(options.marginMs === undefined ? {} : { marginMs: options.marginMs }),
			onStoreError: (error) => this.log.warn(`Could not use the token cache in the secret storage: ${describeError(error)}`),
		});
		this.lease = new FetchLease({ secrets: options.secrets, clock: this.clock, ...options.lease, onWarning: (message) => this.log.warn(message) });
		this.pin = new StatusBarPin(options.focusStore);
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
		return { app: state.app, token: state.token, credentials: state.credentials, error: state.error, busy: state.pending > 0, lastUsedAt: state.lastUsedAt };
	}

	/**
	 * The app the status bar follows, and whatever else acts on "the active token": the app pinned with "Show WeChat
	 * App in Status Bar…" while it is configured (its token may be `undefined`: nothing fetched yet), else the one
	 * whose token was handed out or fetched most recently (always with a token).
	 */
	activeState(): AppState | undefined {
		return activeAppState(
			this.apps.map((app) => this.state(app)),
			this.pin.name(),
		);
	}

	/** The app pinned to the status bar, while it is configured. */
	pinnedApp(): WechatApp | undefined {
		const name = this.pin.name();
		return name === undefined ? undefined : this.findApp(name);
	}

	/** Pins the app the status bar follows; `undefined` follows the most recently used app again. */
	async pinStatusBar(app: WechatApp | undefined): Promise<void> {
		await this.pin.set(app?.name);
		this.log.info(app === undefined ? 'The status bar follows the most recently used app.' : `The status bar shows "${app.name}".`);
		this.changes.fire();
	}

	/** Reads stored credentials and cached tokens for the apps (all by default). No network. */
	async reload(apps: readonly WechatApp[] = this.apps): Promise<void> {
		await Promise.all(apps.map((app) => this.reloadOne(app)));
	}

	/** The cached token if it is still fresh (outside the refresh margin); never fetches. */
	async peek(app: WechatApp): Promise<AccessToken | undefined> {
		return this.cache.peek(app.identity);
	}

	/** A valid token for the app: the cached one if fresh, else from its source. Failures leave everything stored as it was. */
	async get(app: WechatApp, options: GetTokenRequestOptions = {}): Promise<AccessToken> {
		const state = this.mutable(app);
		state.pending++;
		this.changes.fire();
		const startedAt = this.clock.now();
		const forceRefresh = options.forceRefresh === true || options.forceNewStableToken === true;
		let by: LeaseOutcome['by'] | undefined;
		try {
			const secrets = await this.credentials.read(app);
			const request = toTokenRequest(app, secrets, {
				classicAcknowledged: options.allowClassic === true,
				forceNewStableToken: options.forceNewStableToken === true,
			});
			// A token another window stored serves a refresh only if it was fetched after the refresh was asked for; one
			// received in the very millisecond the refresh started may have been asked for before it, so it does not.
			const accept = (stored: AccessToken): boolean => (forceRefresh ? stored.fetchedAt > startedAt : this.cache.isFresh(stored));
			const token = await this.cache.get(
				app.identity,
				async (signal) => {
					const outcome = await this.fetchUpstream(app, request, signal, accept, options.forceNewStableToken === true);
					by = outcome.by;
					return outcome.token;
				},
				{ forceRefresh, ...(options.signal ? { signal: options.signal } : {}) },
			);
			state.token = token;
			state.error = undefined;
			state.credentials = 'present';
			state.lastUsedAt = this.clock.now();
			const how = by === undefined ? 'Reused the cached token' : by === 'this-window' ? 'Fetched a token' : 'Took the token another window fetched';
			this.log.info(`${how} for "${app.name}": ${maskToken(token.accessToken)}, expires ${new Date(token.expiresAt).toISOString()}.`);
			return token;
		} catch (error) {
			this.recordFailure(state, error);
			throw error;
		} finally {
			state.pending--;
			this.changes.fire();
		}
	}

	/** The user took the app's known token again (copied it): the status bar follows this app now. */
	markUsed(app: WechatApp): void {
		this.mutable(app).lastUsedAt = this.clock.now();
		this.changes.fire();
	}

	/** Forgets everything stored for the app: secrets (also under its earlier identities) and cached tokens. */
	async remove(app: WechatApp): Promise<void> {
		const others = new Set(this.apps.filter((other) => other.identity !== app.identity).map((other) => other.identity));
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
	): Promise<LeaseOutcome> {
		const ask = (fetchSignal: AbortSignal | undefined): Promise<AccessToken> => {
			this.log.info(`Requesting a token for "${app.name}" from ${app.source} at ${app.host}${forced ? ' (forced refresh)' : ''}.`);
			return this.client.fetchToken(request, fetchSignal ? { signal: fetchSignal } : {});
		};
		// Without the opt-in the core refuses at once; there is nothing to take turns for.
		if (request.source !== 'wechat' || !request.invalidatesOtherTokensAcknowledged) {
			return { token: await ask(signal), by: 'this-window' };
		}
		return this.lease.run(app.identity, {
			fetch: async (leaseSignal) => {
				const token = await ask(leaseSignal);
				// Stored before the lease is released, so the window that takes the lease next finds it. A failure here
				// is reported when the cache stores the token just after.
				await this.tokenStore.set(app.identity, token).catch(() => undefined);
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
		state.error = error;
		if (CredentialError.is(error, 'credentials-missing')) {
			state.credentials = 'missing';
		} else if (CredentialError.is(error, 'secret-storage-unavailable')) {
			state.credentials = 'unavailable';
		}
		const reason = TokenError.is(error) || CredentialError.is(error) ? error.reason : 'unexpected';
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
		if (stored?.accessToken === current?.accessToken || (stored && current && current.fetchedAt > stored.fetchedAt)) {
			return;
		}
		state.token = stored;
		if (state.pending === 0) {
			this.cache.forget(state.app.identity);
		}
	}

	private async onSecretChanged(key: string): Promise<void> {
		const parsed = parseSecretKey(key);
		// Leases come and go with every classic fetch in any window; they say nothing about what to show.
		if (parsed === undefined || parsed.kind === 'index' || parsed.kind === 'lease') {
			return;
		}
		const app = this.apps.find((candidate) => candidate.identity === parsed.identity);
		if (app !== undefined) {
			await this.reloadOne(app, parsed.kind === 'secret');
		}
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
