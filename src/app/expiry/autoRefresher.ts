import { TokenError } from '../../core/errors';
import type { Clock } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { failureBackoffMs, isTeamSafe, nextRenewalAt, SAME_TOKEN_RETRY_MS } from './autoRefreshPlan';
import { failureReason } from '../errors/knownFailure';
import type { Disposable } from '../ports/listeners';
import { Listeners } from '../ports/listeners';
import type { Log } from '../ports/log';
import { silentLog } from '../ports/log';
import { maskToken } from '../tokens/maskToken';
import { Ticker } from './ticker';
import type { Timers } from '../ports/timers';
import type { TokenService } from '../tokens/tokenService';

export interface AutoRefreshSettings {
	/** `wechatAccessToken.autoRefresh`. */
	readonly enabled: boolean;
	/** `wechatAccessToken.refreshMarginMinutes`, the cache's margin, in ms. */
	readonly marginMs: number;
}

export interface AutoRefresherOptions {
	readonly service: Pick<TokenService, 'getApps' | 'state' | 'get' | 'onDidChange'>;
	/** Read at every planning step, so a change applies at the next `update()`. */
	readonly settings: () => AutoRefreshSettings;
	readonly log?: Log;
	readonly clock?: Clock;
	readonly timers?: Timers;
}

/** The renewal of one app's current token. */
interface Renewal {
	/** The token being renewed, compared by value: in memory only, like the service's own copy, never logged. */
	readonly token: string;
	failures: number;
	/** Not before this time: after a failure (backoff), or after the server handed out the same token again. */
	retryAt: number | undefined;
	lastError: unknown;
}

/**
 * Renews the tokens of team-safe sources shortly before they expire, when the user turned `autoRefresh` on: for
 * every configured app with a known token, once `refreshMarginMinutes` are left it asks the service for a token the
 * normal way (no forced refresh, never `force_refresh`), as a Get would then. Never for classic `wechat`.
 * The same token again: asks every minute until it expires. A failure: logged, tried again after 1, 2, 4… minutes
 * until the token expires, and reported through `failure()`/`onDidChange` (the expiry alert says so, once).
 * Its timer runs only while a renewal is planned, and is disposed with it.
 */
export class AutoRefresher implements Disposable {
	/** By app identity. */
	private readonly renewals = new Map<string, Renewal>();
	/** Requests under way, by app identity, so turning the setting off (or disposing) can cancel them. */
	private readonly running = new Map<string, AbortController>();
	private readonly ticker: Ticker;
	private readonly failures = new Listeners<void>();
	private readonly subscription: Disposable;
	private readonly clock: Clock;
	private readonly log: Log;
	private disposed = false;

	constructor(private readonly options: AutoRefresherOptions) {
		this.clock = options.clock ?? systemClock;
		this.log = options.log ?? silentLog;
		this.ticker = new Ticker(
			() => this.nextDelayMs(),
			() => this.renewDue(),
			options.timers,
		);
		this.subscription = options.service.onDidChange(() => this.update());
		this.update();
	}

	/** Whether auto-refresh looks after the app's token: turned on, a team-safe source, and a margin to renew within. */
	covers(app: WechatApp): boolean {
		const settings = this.options.settings();
		return settings.enabled && settings.marginMs > 0 && isTeamSafe(app.source);
	}

	/** Why the last attempt to renew the app's current token failed; `undefined` if none failed. */
	failure(app: WechatApp): unknown {
		const renewal = this.renewals.get(app.identity);
		const current = this.options.service.state(app).token;
		return renewal !== undefined && renewal.token === current?.accessToken ? renewal.lastError : undefined;
	}

	/** An attempt to renew a token failed. */
	onDidFail(listener: () => void): Disposable {
		return this.failures.add(listener);
	}

	/** Plans again from the apps, their tokens and the settings. The service's changes call it; call it when settings change. */
	update(): void {
		if (this.disposed) {
			return;
		}
		const covered = new Set<string>();
		for (const app of this.options.service.getApps()) {
			const token = this.options.service.state(app).token;
			if (token === undefined || !this.covers(app)) {
				continue;
			}
			covered.add(app.identity);
			if (this.renewals.get(app.identity)?.token !== token.accessToken) {
				this.renewals.set(app.identity, {
					token: token.accessToken,
					failures: 0,
					retryAt: undefined,
					lastError: undefined,
				});
			}
		}
		for (const identity of [...this.renewals.keys()]) {
			if (!covered.has(identity)) {
				this.renewals.delete(identity);
			}
		}
		for (const [identity, controller] of this.running) {
			if (!covered.has(identity)) {
				controller.abort();
			}
		}
		this.ticker.schedule();
	}

	dispose(): void {
		this.disposed = true;
		this.ticker.dispose();
		this.subscription.dispose();
		this.running.forEach((controller) => controller.abort());
		this.failures.clear();
	}

	/** The renewals that may start now or later: not under way, and not while the user's own request runs. */
	private planned(): { app: WechatApp; renewal: Renewal; at: number }[] {
		const { marginMs } = this.options.settings();
		return this.options.service.getApps().flatMap((app) => {
			const renewal = this.renewals.get(app.identity);
			const state = this.options.service.state(app);
			if (
				renewal === undefined ||
				state.token === undefined ||
				state.busy ||
				this.running.has(app.identity) ||
				state.token.accessToken !== renewal.token
			) {
				return [];
			}
			const at = nextRenewalAt(state.token, marginMs, renewal.retryAt);
			return at === undefined ? [] : [{ app, renewal, at }];
		});
	}

	private nextDelayMs(): number | undefined {
		const times = this.planned().map(({ at }) => at);
		return times.length === 0 ? undefined : Math.max(0, Math.min(...times) - this.clock.now());
	}

	private renewDue(): void {
		const now = this.clock.now();
		for (const { app, renewal, at } of this.planned()) {
			if (at <= now) {
				void this.renew(app, renewal);
			}
		}
	}

	private async renew(app: WechatApp, renewal: Renewal): Promise<void> {
		const controller = new AbortController();
		this.running.set(app.identity, controller);
		try {
			// The normal way, as a Get: past the margin the cache asks the server, or takes what another window stored.
			const token = await this.options.service.get(app, { signal: controller.signal });
			if (token.accessToken === renewal.token) {
				renewal.retryAt = this.clock.now() + SAME_TOKEN_RETRY_MS;
				this.log.info(`"${app.name}": the server still hands out the same token; asking again in 1 min.`);
			} else {
				this.log.info(
					`Renewed the token of "${app.name}" before it expired: ${maskToken(token.accessToken)}, expires ${new Date(token.expiresAt).toISOString()}.`,
				);
			}
		} catch (error) {
			if (TokenError.is(error, 'cancelled')) {
				return;
			}
			renewal.failures++;
			renewal.lastError = error;
			const waitMs = failureBackoffMs(renewal.failures);
			renewal.retryAt = this.clock.now() + waitMs;
			const reason = failureReason(error);
			this.log.warn(
				`Could not renew the token of "${app.name}" (${reason}, attempt ${renewal.failures}); trying again in ${waitMs / 60_000} min unless it expires first.`,
			);
			this.failures.fire();
		} finally {
			if (this.running.get(app.identity) === controller) {
				this.running.delete(app.identity);
			}
			this.update();
		}
	}
}
