import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkPlausibleExpiry, parseAuthingExpiresAt, parseWechatExpiresIn } from '../../../src/core/expiry';
import { anyNumber, hostileJson, numericText, receivedAt } from '../support/properties/arbitraries';
import { checkProperty, outcomeOf } from '../support/properties/propertyRuns';

const SUITE = 'expiry values';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whatever a server may write in an expiry field. */
const anyExpiryValue: fc.Arbitrary<unknown> = fc.oneof(
	anyNumber,
	numericText,
	hostileJson(),
	fc.string(),
	fc.constant(undefined),
);

function assertFinitePositive(value: number): void {
	assert.ok(Number.isFinite(value) && value > 0, `accepted ${value}`);
}

describe('properties: expiry values', () => {
	it('parseAuthingExpiresAt: a finite, positive number of ms, or a TokenError', () => {
		checkProperty(
			SUITE,
			fc.property(anyExpiryValue, (value) => {
				const result = outcomeOf(() => parseAuthingExpiresAt(value));
				if (result.ok) {
					assertFinitePositive(result.value);
					// Seconds become ms; a value already above 1e11 is taken as ms and kept.
					const numeric = Number(value);
					assert.ok(
						result.value === numeric * 1000 || result.value === numeric,
						`${String(value)} → ${result.value}`,
					);
				}
			}),
			3000,
		);
	});

	it('parseWechatExpiresIn: a finite, positive number of ms, or a TokenError', () => {
		checkProperty(
			SUITE,
			fc.property(anyExpiryValue, (value) => {
				const result = outcomeOf(() => parseWechatExpiresIn(value));
				if (result.ok) {
					assertFinitePositive(result.value);
					assert.equal(result.value, Number(value) * 1000);
				}
			}),
			3000,
		);
	});

	it('checkPlausibleExpiry: only an instant in (now, now + 24 h], else a TokenError', () => {
		const near = receivedAt.chain((now) =>
			fc.tuple(
				fc.constant(now),
				fc.oneof(
					anyNumber,
					fc.integer({ min: -DAY_MS, max: 2 * DAY_MS }).map((d) => now + d),
				),
			),
		);
		checkProperty(
			SUITE,
			fc.property(fc.oneof(near, fc.tuple(receivedAt, anyNumber)), ([now, expiresAt]) => {
				const result = outcomeOf(() => checkPlausibleExpiry(expiresAt, now));
				if (result.ok) {
					assert.equal(result.value, expiresAt);
					assert.ok(
						Number.isFinite(result.value) && result.value > now && result.value - now <= DAY_MS,
						`${result.value} at ${now}`,
					);
				}
			}),
			3000,
		);
	});

	it('the two combined, as the sources use them: never a token that is dead, endless or NaN', () => {
		checkProperty(
			SUITE,
			fc.property(receivedAt, anyExpiryValue, fc.boolean(), (now, value, authing) => {
				const result = outcomeOf(() =>
					checkPlausibleExpiry(
						authing ? parseAuthingExpiresAt(value) : now + parseWechatExpiresIn(value),
						now,
					),
				);
				if (result.ok) {
					assert.ok(Number.isFinite(result.value) && result.value > now && result.value - now <= DAY_MS);
				}
			}),
			2000,
		);
	});
});
