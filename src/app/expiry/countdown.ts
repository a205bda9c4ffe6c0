import type { AccessToken } from '../../core/tokenTypes';
import type { ExpiryState } from './expiryState';
import { expiryState, msUntilExpiring } from './expiryState';
import type { Localizer } from '../ports/localizer';
import { dateTimeFormat } from '../presentation/dateTimeFormats';

/** What the status bar shows: the token's `ExpiryState`, or `error` for a failure that left no working token. */
export type CountdownState = ExpiryState | 'error';

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

/** The token's `ExpiryState`, but `error` when the last attempt failed and left no working token. */
export function countdownState({ token, failed, now, warnBeforeMs }: CountdownInput): CountdownState {
	const state = expiryState(token === undefined ? undefined : token.expiresAt - now, warnBeforeMs);
	return failed && (state === 'none' || state === 'expired') ? 'error' : state;
}

/**
 * Milliseconds until what is shown changes: the displayed unit ticks over (every second under a minute, else at the
 * next minute boundary) or the warning threshold is crossed. `undefined` once expired: nothing counts down any more,
 * so no timer needs to run.
 */
export function nextTickDelayMs(remainingMs: number, warnBeforeMs: number): number | undefined {
	if (expiryState(remainingMs, warnBeforeMs) === 'expired') {
		return undefined;
	}
	const unit = remainingMs < MINUTE ? SECOND : MINUTE;
	// +1: the display changes once the boundary is passed, not when it is reached.
	const delay = (remainingMs % unit) + 1;
	const untilExpiring = msUntilExpiring(remainingMs, warnBeforeMs);
	return untilExpiring === undefined ? delay : Math.min(delay, untilExpiring);
}

/**
 * The expiry as local wall-clock time, `14:05:12`, with the date when it is not on the same calendar day as `now`.
 * `locale` as VS Code names it. `timeZone` (an IANA name) defaults to this machine's; tests name one so that what
 * "the same day" means does not depend on where and when they run.
 */
export function formatLocalTime(ms: number, now: number, locale: string | undefined, timeZone?: string): string {
	const sameDay = calendarDay(ms, timeZone) === calendarDay(now, timeZone);
	const options: Intl.DateTimeFormatOptions = sameDay
		? { timeStyle: 'medium', timeZone }
		: { dateStyle: 'medium', timeStyle: 'medium', timeZone };
	return dateTimeFormat(locale, options).format(ms);
}

/** `2026-12-01` for the calendar day `ms` falls on in `timeZone`; the same rule for both ends of the comparison. */
function calendarDay(ms: number, timeZone: string | undefined): string {
	return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}
