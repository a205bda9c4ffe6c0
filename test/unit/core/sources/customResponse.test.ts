import * as assert from 'node:assert/strict';
import { TokenError } from '../../../../src/core/errors';
import { parseExpiryInstant } from '../../../../src/core/expiry';
import type { HttpResponse } from '../../../../src/core/http/httpTransport';
import { readCustomTokenResponse } from '../../../../src/core/sources/customResponse';
import type { CustomEndpoint } from '../../../../src/core/tokenTypes';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const SERVER = 'https://tokens.example.com';

/** An answer as the transport hands it over (the HTTP path is covered against the sandbox in customServer.test.ts). */
function answer(json: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse {
	return {
		status,
		headers,
		text: JSON.stringify(json) ?? '',
		json,
		sentAt: NOW - 40,
		receivedAt: NOW,
		serverClockOffsetMs: 0,
	};
}

const codeEnvelope: CustomEndpoint = {
	url: `${SERVER}/token`,
	method: 'GET',
	tokenPath: ['data', 'access_token'],
	expiry: { kind: 'expires-in', path: ['data', 'expires_in'] },
	success: { path: ['code'], equals: 0 },
};
const atEndpoint: CustomEndpoint = { ...codeEnvelope, expiry: { kind: 'expires-at', path: ['data', 'expireAt'] } };

function failure(response: HttpResponse, endpoint: CustomEndpoint = codeEnvelope): TokenError {
	try {
		readCustomTokenResponse(response, endpoint, SERVER);
	} catch (error) {
		assert.ok(error instanceof TokenError, String(error));
		return error;
	}
	throw new Error('expected a failure');
}

describe('custom source: reading an answer by its settings', () => {
	it('a token with its lifetime (counted from when the request was sent) or its expiry instant', () => {
		const token = readCustomTokenResponse(
			answer({ code: '0', data: { access_token: 'tok', expires_in: '7200' } }),
			codeEnvelope,
			SERVER,
		);
		assert.deepEqual(token, {
			accessToken: 'tok',
			expiresAt: NOW - 40 + 7_200_000,
			source: 'custom',
			fetchedAt: NOW,
		});
		const at = readCustomTokenResponse(
			answer({ code: 0, data: { access_token: 'tok', expireAt: '2030-01-01T09:00:00+08:00' } }),
			atEndpoint,
			SERVER,
		);
		assert.equal(at.expiresAt, NOW + 3_600_000);
	});

	it('expiry instants: Unix seconds or ms, numbers or numeric text, ISO 8601 with a zone', () => {
		const seconds = NOW / 1000 + 7200;
		assert.equal(parseExpiryInstant(seconds), NOW + 7_200_000);
		assert.equal(parseExpiryInstant(String(seconds)), NOW + 7_200_000);
		assert.equal(parseExpiryInstant(NOW + 7_200_000), NOW + 7_200_000);
		assert.equal(parseExpiryInstant('2030-01-01T02:00:00Z'), NOW + 7_200_000);
		assert.equal(parseExpiryInstant('2030-01-01T02:00:00.000Z'), NOW + 7_200_000);
		assert.equal(parseExpiryInstant('2030-01-01 10:00:00+0800'), NOW + 7_200_000);
		assert.throws(
			() => parseExpiryInstant('2030-01-01T02:00:00'),
			(e: unknown) => TokenError.is(e, 'bad-response') && /without a time zone/.test(e.message),
		);
		for (const bad of ['in two hours', '', true, null, {}, -5, '2030-13-45T99:00:00Z']) {
			assert.throws(
				() => parseExpiryInstant(bad),
				(e: unknown) => TokenError.is(e, 'bad-response'),
				JSON.stringify(bad),
			);
		}
	});

	it('the server’s words come from errmsg, message, msg, error_description or error (also error.message)', () => {
		for (const [body, said] of [
			[{ code: 2, errmsg: 'a', message: 'b' }, 'a'],
			[{ code: 2, message: 'b', msg: 'c' }, 'b'],
			[{ code: 2, msg: 'c' }, 'c'],
			[{ code: 2, error_description: 'd', error: 'e' }, 'd'],
			[{ code: 2, error: { code: 'E1', message: 'nested' } }, 'nested'],
			[{ code: 2, message: '  ', msg: 'not blank' }, 'not blank'],
		] as const) {
			const error = failure(answer(body));
			assert.equal(error.reason, 'rejected');
			assert.equal(error.details.upstreamMessage, said, JSON.stringify(body));
		}
		assert.equal(
			failure(answer({ code: 2, message: 'x'.repeat(5000) })).details.upstreamMessage?.length,
			501,
			'a page of text is cut',
		);
	});

	it('without the server’s words, a failed success rule names the path and the value’s type, never a long value', () => {
		const said = (code: unknown): string | undefined =>
			failure(answer({ code, data: { access_token: 'tok', expires_in: 7200 } })).details.upstreamMessage;
		assert.equal(said(7), 'code is 7');
		assert.equal(said(false), 'code is false');
		assert.equal(said(null), 'code is null');
		assert.equal(said('FAIL'), 'code is "FAIL"');
		assert.equal(said('token_expired_16'), 'code is "token_expired_16"', 'up to 16 characters are shown');
		const token = `86_${'A1b2_C3d4-'.repeat(14)}`;
		assert.equal(said(token), `code is text of ${token.length} characters`);
		assert.equal(said({ token }), 'code is an object');
		assert.equal(said([token, 1]), 'code is a list of 2 items');
		assert.equal(said(['x']), 'code is a list of 1 item');
		const error = failure(answer({ code: token }));
		assert.ok(!`${error.message} ${JSON.stringify(error.details)}`.includes(token.slice(3, 30)), error.message);
	});

	it('a WeChat errcode, at the top or in data, as a number or text, is WeChat’s reason', () => {
		assert.equal(
			failure(answer({ code: 9, errcode: 40164, errmsg: 'invalid ip 203.0.113.7, not in whitelist' })).details.ip,
			'203.0.113.7',
		);
		assert.equal(
			failure(
				answer({
					code: 9,
					message: 'upstream failed',
					data: { errcode: '45009', errmsg: 'reach max api daily quota limit' },
				}),
			).reason,
			'quota-exceeded',
		);
		// An errcode of 0 says nothing went wrong at WeChat: the team's own code decides.
		assert.equal(failure(answer({ code: 9, errcode: 0, message: 'team says no' })).reason, 'rejected');
		// A 400 that carries WeChat's errcode is WeChat's reason too.
		assert.equal(failure(answer({ errcode: 40013, errmsg: 'invalid appid' }, 400)).reason, 'invalid-app-id');
	});

	it('the status decides first: 401/403, 404, 429 with Retry-After, 5xx, whatever the body claims', () => {
		const claimsSuccess = { code: 0, data: { access_token: 'tok', expires_in: 7200 } };
		assert.equal(failure(answer(claimsSuccess, 403)).reason, 'unauthorized');
		assert.equal(failure(answer(claimsSuccess, 404)).reason, 'app-not-found');
		const limited = failure(answer(claimsSuccess, 429, { 'retry-after': '3' }));
		assert.deepEqual([limited.reason, limited.details.retryAfterMs], ['rate-limited', 3000]);
		assert.equal(failure(answer(claimsSuccess, 502)).reason, 'server-error');
		assert.equal(failure(answer(undefined, 418)).reason, 'rejected');
	});

	it('the token must be non-empty text where tokenPath says', () => {
		for (const token of [undefined, '', '  ', 42, { value: 'x' }]) {
			const error = failure(answer({ code: 0, data: { access_token: token, expires_in: 7200 } }));
			assert.equal(error.reason, 'bad-response', JSON.stringify(token));
		}
	});
});
