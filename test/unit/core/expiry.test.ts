import * as assert from 'node:assert/strict';
import { TokenError } from '../../../src/core/errors';
import { checkPlausibleExpiry, parseAuthingExpiresAt, parseWechatExpiresIn } from '../../../src/core/expiry';

const isBadResponse = (e: unknown): boolean => TokenError.is(e, 'bad-response');

describe('expiry parsing', () => {
	it('reads Authing expiresAt as seconds, number or numeric string', () => {
		assert.equal(parseAuthingExpiresAt(1_800_000_000), 1_800_000_000_000);
		assert.equal(parseAuthingExpiresAt('1800000000'), 1_800_000_000_000);
		assert.equal(parseAuthingExpiresAt(' 1800000000 '), 1_800_000_000_000);
	});

	it('takes values above 1e11 as milliseconds', () => {
		assert.equal(parseAuthingExpiresAt(1_800_000_000_123), 1_800_000_000_123);
		assert.equal(parseAuthingExpiresAt('1800000000123'), 1_800_000_000_123);
	});

	it('rejects anything else as a bad response', () => {
		for (const value of [
			undefined,
			null,
			'',
			'soon',
			'2026-11-22T10:00:00Z',
			-5,
			0,
			Number.NaN,
			Infinity,
			{},
			[1],
			true,
			'1e9',
		]) {
			assert.throws(() => parseAuthingExpiresAt(value), isBadResponse, JSON.stringify(value) ?? typeof value);
		}
	});

	it('reads WeChat expires_in as seconds', () => {
		assert.equal(parseWechatExpiresIn(7200), 7_200_000);
		assert.equal(parseWechatExpiresIn('7200'), 7_200_000);
		assert.throws(() => parseWechatExpiresIn(undefined), isBadResponse);
		assert.throws(() => parseWechatExpiresIn(0), isBadResponse);
		assert.throws(() => parseWechatExpiresIn('two hours'), isBadResponse);
	});

	it('refuses tokens that are already dead or claim to live for days', () => {
		const now = 1_800_000_000_000;
		assert.equal(checkPlausibleExpiry(now + 7_200_000, now), now + 7_200_000);
		assert.throws(() => checkPlausibleExpiry(now - 1, now), isBadResponse);
		assert.throws(() => checkPlausibleExpiry(now, now), isBadResponse);
		assert.throws(() => checkPlausibleExpiry(now + 3 * 86_400_000, now), isBadResponse);
	});
});
