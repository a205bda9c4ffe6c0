import type { AccessToken, Clock } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { ActiveApp } from '../tokens/activeApp';
import type { WechatApp } from '../config/appConfig';
import { expiryState, msUntilExpiring } from './expiryState';
import type { Disposable } from '../ports/listeners';
import { Ticker } from './ticker';
import type { Timers } from '../ports/timers';
import { DisposableOwner } from '../ports/lifecycle';

export interface ExpiryAlert {
	readonly app: WechatApp;
	readonly token: AccessToken;
	/** Auto-refresh looks after this token and its last attempt failed with this: the alert says so. */
	readonly autoRefreshError?: unknown;
}

export interface ExpiryAlertSettings {
	/** `wechatAccessToken.notifyBeforeExpiry`. */
	readonly enabled: boolean;
	/** `wechatAccessToken.warnBeforeExpiryMinutes`, in ms. */
	readonly warnBeforeMs: number;
}

/** What auto-refresh says about an app (`AutoRefresher` satisfies it). */
export interface AutoRefreshStatus {
	covers(app: WechatApp): boolean;
	failure(app: WechatApp): unknown;
	onDidFail(listener: () => void): Disposable;
}

/** `pending`: auto-refresh will renew the token before it expires; `failed`: it tried, and failed. */
export type AutoRefreshCondition = 'off' | 'pending' | 'failed';

export interface AlertInput {
	readonly token: AccessToken | undefined;
	readonly now: number;
	readonly settings: ExpiryAlertSettings;
	/** This token was warned about already. */
	readonly warned: boolean;
	readonly autoRefresh: AutoRefreshCondition;
}

export type AlertDecision =
	{ readonly kind: 'none' } | { readonly kind: 'later'; readonly inMs: number } | { readonly kind: 'now' };

const NONE: AlertDecision = { kind: 'none' };

/**
 * Whether to warn about the active token now, later (in how long), or not at all: once per token, once it is
 * `expiring` (fewer than `warnBeforeMs` left, see `expiryState`), including a token that is already that close when
 * it becomes active (after a reload, or a switch of app). Never for a token that has expired (the status bar says
 * so), nor while auto-refresh will renew it.
 */
export function alertDecision(input: AlertInput): AlertDecision {
	const { token, now, settings } = input;
	if (!settings.enabled || settings.warnBeforeMs <= 0 || token === undefined || input.warned) {
		return NONE;
	}
	const remaining = token.expiresAt - now;
	const state = expiryState(remaining, settings.warnBeforeMs);
	if (state === 'expired') {
		return NONE;
	}
	const inMs = msUntilExpiring(remaining, settings.warnBeforeMs);
	if (inMs !== undefined) {
		return { kind: 'later', inMs };
	}
	// Auto-refresh tries from `refreshMarginMinutes` before expiry; a failure calls `update()` again.
	return input.autoRefresh === 'pending' ? NONE : { kind: 'now' };
}

export interface ExpiryAlertsOptions {
	readonly activeApp: Pick<ActiveApp, 'state' | 'onDidChange'>;
	readonly settings: () => ExpiryAlertSettings;
	readonly onAlert: (alert: ExpiryAlert) => void;
	readonly autoRefresh?: AutoRefreshStatus;
	readonly clock?: Clock;
	readonly timers?: Timers;
}

/**
 * Decides when to warn that the active token (`ActiveApp.state()`) is about to expire, and calls `onAlert`
 * then. Its timer runs only while a warning is due later, and is disposed with it.
 */
export class ExpiryAlerts extends DisposableOwner {
	/** Per app identity, the token last warned about, compared by value: in memory only, never logged. */
	private readonly warned = new Map<string, string>();
	private readonly ticker: Ticker;
	private readonly clock: Clock;

	constructor(private readonly options: ExpiryAlertsOptions) {
		super();
		this.clock = options.clock ?? systemClock;
		this.ticker = this.register(
			new Ticker(
				() => this.nextDelayMs(),
				() => this.alertIfDue(),
				options.timers,
			),
		);
		this.register(options.activeApp.onDidChange(() => this.update()));
		if (options.autoRefresh) {
			this.register(options.autoRefresh.onDidFail(() => this.update()));
		}
		this.update();
	}

	/** Warns if due, and plans the next check. The active app and auto-refresh call it; call it when settings change. */
	update(): void {
		this.alertIfDue();
		this.ticker.schedule();
	}

	private decide(): { decision: AlertDecision; app?: WechatApp; token?: AccessToken; autoRefreshError?: unknown } {
		const active = this.options.activeApp.state();
		const token = active?.token;
		if (active === undefined || token === undefined) {
			return { decision: NONE };
		}
		const { app } = active;
		const autoRefresh = this.options.autoRefresh;
		const covered = autoRefresh?.covers(app) === true;
		const autoRefreshError = covered ? autoRefresh?.failure(app) : undefined;
		const condition: AutoRefreshCondition = !covered
			? 'off'
			: autoRefreshError === undefined
				? 'pending'
				: 'failed';
		const decision = alertDecision({
			token,
			now: this.clock.now(),
			settings: this.options.settings(),
			warned: this.warned.get(app.identity) === token.accessToken,
			autoRefresh: condition,
		});
		return { decision, app, token, autoRefreshError };
	}

	private nextDelayMs(): number | undefined {
		const { decision } = this.decide();
		return decision.kind === 'later' ? decision.inMs : undefined;
	}

	private alertIfDue(): void {
		const { decision, app, token, autoRefreshError } = this.decide();
		if (decision.kind !== 'now' || app === undefined || token === undefined) {
			return;
		}
		this.warned.set(app.identity, token.accessToken);
		this.options.onAlert({ app, token, ...(autoRefreshError === undefined ? {} : { autoRefreshError }) });
	}
}
