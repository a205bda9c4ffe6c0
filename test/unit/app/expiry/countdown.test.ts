import * as assert from 'node:assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { expiryStatusKind, nextTickDelayMs } from '../../../../src/app/expiry/countdown';
import { expiresInAndAt, formatLocalTime, formatRemaining } from '../../../../src/app/presentation/timeFormats';
import { Ticker } from '../../../../src/app/expiry/ticker';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import { englishL10n as l10n } from '../../support/englishL10n';
import { normalizeSpaces, possibleLocalTimes } from '../../support/localTimes';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('countdown', () => {
	it('formats whole units left: 1h 59m, 9m, 45s, expired', () => {
		const cases: [number, string][] = [
			[2 * H, '2h 0m'],
			[2 * H - 1, '1h 59m'],
			[H + 59 * M + 59 * S, '1h 59m'],
			[H, '1h 0m'],
			[H - 1, '59m'],
			[9 * M + 59 * S, '9m'],
			[M, '1m'],
			[M - 1, '59s'],
			[45 * S + 999, '45s'],
			[1, '0s'],
			[0, 'expired'],
			[-5 * M, 'expired'],
		];
		for (const [ms, text] of cases) {
			assert.equal(formatRemaining(ms, l10n), text, `${ms} ms`);
		}
	});

	it('"expires in {left}, at {at}": both parts from the same now', () => {
		const now = Date.now();
		const expiresAt = now + H + 59 * M + 30 * S;
		assert.deepEqual(expiresInAndAt(expiresAt, now, l10n, 'en'), ['1h 59m', formatLocalTime(expiresAt, now, 'en')]);
	});

	it('states: none, valid, expiring under the threshold, expired, error without a usable token', () => {
		const token = (expiresAt: number): AccessToken => ({
			accessToken: 'x',
			expiresAt,
			source: 'authing',
			fetchedAt: 0,
		});
		const warnBeforeMs = 10 * M;
		assert.equal(expiryStatusKind({ token: undefined, failed: false, now: 0, warnBeforeMs }), 'none');
		assert.equal(expiryStatusKind({ token: undefined, failed: true, now: 0, warnBeforeMs }), 'error');
		assert.equal(expiryStatusKind({ token: token(H), failed: false, now: 0, warnBeforeMs }), 'valid');
		assert.equal(
			expiryStatusKind({ token: token(H), failed: true, now: 0, warnBeforeMs }),
			'valid',
			'a failed refresh does not hide a working token',
		);
		assert.equal(expiryStatusKind({ token: token(10 * M), failed: false, now: 0, warnBeforeMs }), 'valid');
		assert.equal(expiryStatusKind({ token: token(10 * M - 1), failed: false, now: 0, warnBeforeMs }), 'expiring');
		assert.equal(expiryStatusKind({ token: token(0), failed: false, now: 0, warnBeforeMs }), 'expired');
		assert.equal(expiryStatusKind({ token: token(0), failed: true, now: 0, warnBeforeMs }), 'error');
	});

	it('ticks when the display changes: at minute boundaries, every second in the last minute, at the threshold', () => {
		assert.equal(nextTickDelayMs(H + 30 * S, 0), 30 * S + 1);
		assert.equal(nextTickDelayMs(5 * M, 0), 1, 'exactly on a boundary: just after it');
		assert.equal(nextTickDelayMs(M + 500, 0), 501);
		assert.equal(nextTickDelayMs(45 * S + 250, 0), 251);
		assert.equal(
			nextTickDelayMs(20 * M + 30 * S, 20 * M + 10 * S),
			20 * S + 1,
			'the warning threshold comes first',
		);
		assert.equal(nextTickDelayMs(0, 0), undefined, 'nothing counts down once expired');
	});

	it('every tick lands on a changed display or state until expiry', () => {
		const warnBeforeMs = M;
		const token = (): AccessToken => ({
			accessToken: 'x',
			expiresAt: 3 * M + 2 * S,
			source: 'authing',
			fetchedAt: 0,
		});
		let now = 0;
		const shown = (): string =>
			`${formatRemaining(token().expiresAt - now, l10n)} ${expiryStatusKind({ token: token(), failed: false, now, warnBeforeMs })}`;
		let ticks = 0;
		let last = shown();
		for (
			let delay = nextTickDelayMs(token().expiresAt - now, warnBeforeMs);
			delay !== undefined;
			delay = nextTickDelayMs(token().expiresAt - now, warnBeforeMs)
		) {
			now += delay;
			ticks++;
			assert.notEqual(shown(), last, `tick ${ticks} at ${now} changed nothing`);
			last = shown();
		}
		assert.equal(last, 'expired expired');
		assert.equal(ticks, 2 + 1 + 60, 'two minute boundaries, the threshold, then each second');
	});

	it('shows the expiry as local time, with the date when it is not today', () => {
		const now = new Date(2026, 0, 15, 10, 0, 0).getTime();
		assert.match(formatLocalTime(now + 2 * H, now, 'en'), /12:00:00/);
		assert.doesNotMatch(formatLocalTime(now + 2 * H, now, 'en'), /2026/);
		assert.match(formatLocalTime(now + 20 * H, now, 'en'), /2026/);
		assert.match(formatLocalTime(now + 2 * H, now, 'not a locale!'), /12/);
	});

	describe('at any hour, in any time zone and locale', () => {
		const at = (iso: string) => Date.parse(iso);
		const shown = (expiry: string, now: string, locale: string, zone: string) =>
			normalizeSpaces(formatLocalTime(at(expiry), at(now), locale, zone));

		it('a second before midnight: later that day is a time, a second later is tomorrow and shows the date', () => {
			// 23:59:59 in Shanghai (UTC+8, no DST) is 15:59:59 UTC.
			assert.equal(shown('2026-01-15T15:59:59Z', '2026-01-15T14:00:00Z', 'en', 'Asia/Shanghai'), '11:59:59 PM');
			assert.equal(
				shown('2026-01-15T16:00:00Z', '2026-01-15T15:59:59Z', 'en', 'Asia/Shanghai'),
				'Jan 16, 2026, 12:00:00 AM',
			);
			assert.equal(
				shown('2026-01-15T17:59:59Z', '2026-01-15T15:59:59Z', 'en', 'Asia/Shanghai'),
				'Jan 16, 2026, 1:59:59 AM',
			);
		});

		it('the same instants read in another zone fall on other days', () => {
			// From 09:00 to 16:00 UTC: 01:00 to 08:00 on the 15th in Los Angeles (UTC-8), 23:00 on the 15th to 06:00 on the
			// 16th on Kiritimati (UTC+14).
			assert.equal(
				shown('2026-01-15T16:00:00Z', '2026-01-15T09:00:00Z', 'en', 'America/Los_Angeles'),
				'8:00:00 AM',
			);
			assert.equal(
				shown('2026-01-15T16:00:00Z', '2026-01-15T09:00:00Z', 'en', 'Pacific/Kiritimati'),
				'Jan 16, 2026, 6:00:00 AM',
			);
		});

		it('across a DST change: the wall clock jumps, the day does not', () => {
			// New York: 2026-03-08 02:00 EST becomes 03:00 EDT; 2026-11-01 02:00 EDT becomes 01:00 EST.
			assert.equal(
				shown('2026-03-08T07:30:00Z', '2026-03-08T06:30:00Z', 'en', 'America/New_York'),
				'3:30:00 AM',
				'an hour after 01:30 EST is 03:30 EDT',
			);
			assert.equal(
				shown('2026-11-01T06:30:00Z', '2026-11-01T05:30:00Z', 'en', 'America/New_York'),
				'1:30:00 AM',
				'an hour after 01:30 EDT is 01:30 EST',
			);
			assert.equal(
				shown('2026-11-01T05:30:00Z', '2026-11-01T03:30:00Z', 'en', 'America/New_York'),
				'Nov 1, 2026, 1:30:00 AM',
				'23:30 EDT + 2 h is tomorrow',
			);
		});

		it('in Simplified Chinese', () => {
			assert.equal(shown('2026-01-15T15:59:59Z', '2026-01-15T14:00:00Z', 'zh-cn', 'Asia/Shanghai'), '23:59:59');
			assert.match(
				shown('2026-01-15T17:59:59Z', '2026-01-15T15:59:59Z', 'zh-cn', 'Asia/Shanghai'),
				/^2026年1月16日 ?01:59:59$/,
			);
		});

		it('what tests accept is derived from the same rule: a time today, the date once the expiry is tomorrow', () => {
			const now = Date.now();
			const possible = possibleLocalTimes([now + 2 * H, now + 2 * H + 2 * S], [now, now], 'en');
			const expected =
				new Date(now + 2 * H).toDateString() === new Date(now).toDateString()
					? /^\d{1,2}:\d{2}:\d{2} [AP]M$/
					: /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/;
			assert.ok(possible.size >= 2 && possible.size <= 6, `${possible.size} texts`);
			for (const text of possible) {
				assert.match(text, expected);
			}
		});
	});
});

describe('ticker: a timer only while something counts down', () => {
	let clock: FakeTimers.Clock;
	beforeEach(() => {
		clock = FakeTimers.install({ now: 0 });
	});
	afterEach(() => clock.uninstall());

	it('runs until the delay function says nothing counts down, then stops', () => {
		const expiresAt = 2 * M + 30 * S;
		const ticks: number[] = [];
		const ticker = new Ticker(
			() => nextTickDelayMs(expiresAt - Date.now(), 0),
			() => ticks.push(Date.now()),
		);
		ticker.schedule();
		assert.ok(ticker.running);
		clock.tick(90 * S + 1);
		assert.deepEqual(ticks, [30 * S + 1, 90 * S + 1], 'once a minute, then every second in the last minute');
		clock.tick(M);
		assert.equal(ticks.length, 2 + 60);
		assert.equal(ticks.at(-1), expiresAt + 1, 'the last tick shows it expired');
		assert.equal(ticker.running, false);
		assert.equal(clock.countTimers(), 0);
	});

	it('never starts without a countdown, and leaves no timer when disposed', () => {
		const idle = new Ticker(
			() => undefined,
			() => assert.fail('no tick'),
		);
		idle.schedule();
		assert.equal(clock.countTimers(), 0);
		const ticker = new Ticker(
			() => M,
			() => undefined,
		);
		ticker.schedule();
		ticker.schedule();
		assert.equal(clock.countTimers(), 1, 're-planning replaces the timer');
		ticker.dispose();
		assert.equal(clock.countTimers(), 0);
	});
});
