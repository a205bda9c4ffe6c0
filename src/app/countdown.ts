import type { AccessToken } from '../core/tokenTypes';
import type { Localizer } from './localizer';

/** What the status bar shows: nothing, a calm countdown, a warning, an expired token, or a failure without a token. */
export type CountdownState = 'idle' | 'counting' | 'expiring' | 'expired' | 'error';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * `1h 59m`, `9m`, `45s`, or `expired`: whole units that are fully left (a countdown never shows more time than there
 * is). Hours and minutes are written with h/m/s in every language; only "expired" is translated.
 */
export function formatRemaining(remainingMs: number, l10n: Localizer): string {
	if (remainingMs <= 0) {
		return l10n.t('expired');
	}
	if (remainingMs < MINUTE) {
		return `${Math.floor(remainingMs / SECOND)}s`;
	}
	if (remainingMs < HOUR) {
		return `${Math.floor(remainingMs / MINUTE)}m`;
	}
	return `${Math.floor(remainingMs / HOUR)}h ${Math.floor((remainingMs % HOUR) / MINUTE)}m`;
}

export interface CountdownInput {
	readonly token: AccessToken | undefined;
	/** The last attempt failed. */
	readonly failed: boolean;
	readonly now: number;
	readonly warnBeforeMs: number;
}

/** `expiring` once less than `warnBeforeMs` is left; `error` only when the failure left no usable token. */
export function countdownState({ token, failed, now, warnBeforeMs }: CountdownInput): CountdownState {
	if (token === undefined) {
		return failed ? 'error' : 'idle';
	}
	const remaining = token.expiresAt - now;
	if (remaining <= 0) {
		return failed ? 'error' : 'expired';
	}
	return remaining < warnBeforeMs ? 'expiring' : 'counting';
}

/**
 * Milliseconds until what is shown changes: the displayed unit ticks over (every second under a minute, else at the
 * next minute boundary) or the warning threshold is crossed. `undefined` once expired: nothing counts down any more,
 * so no timer needs to run.
 */
export function nextTickDelayMs(remainingMs: number, warnBeforeMs: number): number | undefined {
	if (remainingMs <= 0) {
		return undefined;
	}
	const unit = remainingMs < MINUTE ? SECOND : MINUTE;
	// +1: the display changes once the boundary is passed, not when it is reached.
	let delay = (remainingMs % unit) + 1;
	if (remainingMs >= warnBeforeMs && warnBeforeMs > 0) {
		delay = Math.min(delay, remainingMs - warnBeforeMs + 1);
	}
	return delay;
}

/** The expiry as local wall-clock time, `14:05:12`, with the date when it is not today. `locale` as VS Code names it. */
export function formatLocalTime(ms: number, now: number, locale: string | undefined): string {
	const at = new Date(ms);
	const options: Intl.DateTimeFormatOptions =
		at.toDateString() === new Date(now).toDateString() ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' };
	try {
		return new Intl.DateTimeFormat(locale, options).format(at);
	} catch {
		return new Intl.DateTimeFormat(undefined, options).format(at);
	}
}
