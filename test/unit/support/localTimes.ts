import { formatLocalTime } from '../../../src/app/presentation/timeFormats';

const SECOND = 1000;

/** Intl puts U+202F or U+00A0 before "AM"/"PM" depending on the ICU version; screens and tests compare words. */
export function normalizeSpaces(text: string): string {
	return text.replace(/\s+/gu, ' ');
}

/**
 * Every text the product's rule (`formatLocalTime`) can have shown for an expiry somewhere in `expiresAt` while the
 * clock was somewhere in `now` (both `[from, to]` in ms, this machine's time zone). A test that asserts membership
 * holds at any hour: when the expiry falls on the next local day the rule adds the date, and so does this set, and
 * when midnight passes while the test runs both days' texts are in it.
 */
export function possibleLocalTimes(
	expiresAt: readonly [number, number],
	now: readonly [number, number],
	locale: string,
): Set<string> {
	const texts = new Set<string>();
	const first = Math.floor(expiresAt[0] / SECOND) * SECOND;
	if (expiresAt[1] - first > 60 * 60 * SECOND) {
		throw new Error('possibleLocalTimes: an expiry window of over an hour asserts nothing useful');
	}
	for (let at = first; at <= expiresAt[1]; at += SECOND) {
		for (const clock of now) {
			texts.add(normalizeSpaces(formatLocalTime(at, clock, locale)));
		}
	}
	return texts;
}

/** `assert.ok(possible.has(shown))` with a message that says what was shown and a few of the texts allowed. */
export function localTimeMismatch(shown: string, possible: ReadonlySet<string>): string {
	const some = [...possible];
	return `"${shown}" is not what the product shows for this expiry now (${some.length} allowed, e.g. "${some[0]}" … "${some.at(-1)}")`;
}
