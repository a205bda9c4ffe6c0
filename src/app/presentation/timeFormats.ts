import type { Localizer } from '../ports/localizer';
import { dateTimeFormat } from './dateTimeFormats';

/** How the extension writes times: what is left of a token, and when it expires. */

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

/** The two parts of "expires in {left}, at {at}": what is left from `now`, and the local time, both read at `now`. */
export function expiresInAndAt(
	expiresAt: number,
	now: number,
	l10n: Localizer,
	locale: string | undefined,
): [left: string, at: string] {
	return [formatRemaining(expiresAt - now, l10n), formatLocalTime(expiresAt, now, locale)];
}

/** `2026-12-01` for the calendar day `ms` falls on in `timeZone`; the same rule for both ends of the comparison. */
function calendarDay(ms: number, timeZone: string | undefined): string {
	return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}
