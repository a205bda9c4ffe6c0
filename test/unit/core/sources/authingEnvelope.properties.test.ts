import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { AccessToken } from '../../../../src/core/tokenTypes';
import type { HttpResponse } from '../../../../src/core/http/httpTransport';
import { readAuthingEnvelope, tokenFromAuthingData } from '../../../../src/core/sources/authingEnvelope';
import {
	anyNumber,
	hostileJson,
	httpResponse,
	numericText,
	partialRecord,
	receivedAt,
} from '../../support/properties/arbitraries';
import { checkProperty, outcomeOf } from '../../support/properties/propertyRuns';

const DAY_MS = 24 * 60 * 60 * 1000;
const SUITE = 'Authing envelope';

/** An accepted token: non-empty, and an expiry on our clock that is finite, in the future and at most a day away. */
function assertValidToken(token: AccessToken, response: HttpResponse): void {
	assert.equal(typeof token.accessToken, 'string');
	assert.notEqual(token.accessToken.trim(), '');
	assert.ok(Number.isFinite(token.expiresAt), `expiresAt ${token.expiresAt}`);
	assert.ok(
		token.expiresAt > response.receivedAt && token.expiresAt - response.receivedAt <= DAY_MS,
		`expiresAt ${token.expiresAt} vs ${response.receivedAt}`,
	);
	assert.equal(token.fetchedAt, response.receivedAt);
}

/** `expiresAt` as Authing might send it: near our clock in seconds or ms, as a number or text, or anything else. */
function expiresAtNear(now: number): fc.Arbitrary<unknown> {
	const deltaMs = fc.integer({ min: -2 * DAY_MS, max: 3 * DAY_MS });
	return fc.oneof(
		deltaMs.map((d) => Math.floor((now + d) / 1000)),
		deltaMs.map((d) => String(Math.floor((now + d) / 1000))),
		deltaMs.map((d) => now + d),
		deltaMs.map((d) => new Date(now + d).toISOString()),
		anyNumber,
		numericText,
		hostileJson(),
	);
}

/** A body shaped like the envelope often enough to reach every branch, and like nothing at all otherwise. */
function envelope(now: number): fc.Arbitrary<unknown> {
	const data = partialRecord({
		accessToken: fc.oneof(
			fc.string({ minLength: 1, maxLength: 40 }),
			fc.constantFrom('', '   ', 'tok'),
			hostileJson(),
		),
		expiresAt: expiresAtNear(now),
	});
	const body = partialRecord({
		statusCode: fc.oneof(fc.constantFrom(200, 200, 200, 400, 401, 403, 429, 500, 503, '200'), anyNumber),
		message: fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.constantFrom(
				'{"errcode":40164,"errmsg":"invalid ip 203.0.113.7, not in whitelist rid: 1-2-3"}',
				'system busy',
				'errcode: -1',
				'admin confirm',
			),
		),
		apiCode: fc.oneof(
			fc.constantFrom(1000, 1001, 2011, 2020, 2224, '1000', ' 2011 ', '20.5', -1),
			anyNumber,
			fc.string({ maxLength: 6 }),
		),
		requestId: fc.oneof(fc.string({ maxLength: 20 }), hostileJson()),
		data: fc.oneof(data, hostileJson()),
	});
	return fc.oneof(
		{ weight: 4, arbitrary: body },
		{ weight: 1, arbitrary: hostileJson(['statusCode', 'data', 'message', 'apiCode']) },
	);
}

const responses = httpResponse(receivedAt.chain((at) => envelope(at).map((json) => ({ receivedAt: at, json }))));

describe('properties: the Authing envelope', () => {
	it('readAuthingEnvelope: data only for statusCode 200 with an object, else a TokenError', () => {
		checkProperty(
			SUITE,
			fc.property(responses, (response) => {
				const result = outcomeOf(() => readAuthingEnvelope(response, 'Authing'));
				const body = response.json as Record<string, unknown> | undefined;
				if (result.ok) {
					assert.equal(body?.['statusCode'], 200);
					assert.equal(result.value, body?.['data']);
					assert.ok(
						typeof result.value === 'object' && result.value !== null && !Array.isArray(result.value),
					);
				} else if (typeof body === 'object' && body !== null && body['statusCode'] === 200) {
					assert.equal(result.error.reason, 'bad-response');
				}
			}),
			3000,
		);
	});

	it('envelope + tokenFromAuthingData: a plausible token or a TokenError, never another exception', () => {
		checkProperty(
			SUITE,
			fc.property(responses, fc.constantFrom('authing', 'authing-management'), (response, source) => {
				const result = outcomeOf(() =>
					tokenFromAuthingData(readAuthingEnvelope(response, 'Authing'), response, source, 'Authing'),
				);
				if (result.ok) {
					assertValidToken(result.value, response);
					assert.equal(result.value.source, source);
				}
			}),
			3000,
		);
	});

	it('tokenFromAuthingData on any data object at all', () => {
		const arbitrary = receivedAt.chain((at) =>
			fc.tuple(
				httpResponse(fc.constant({ receivedAt: at, json: null })),
				partialRecord({ accessToken: fc.oneof(fc.string(), hostileJson()), expiresAt: expiresAtNear(at) }),
			),
		);
		checkProperty(
			SUITE,
			fc.property(arbitrary, ([response, data]) => {
				const result = outcomeOf(() => tokenFromAuthingData(data, response, 'authing', 'Authing'));
				if (result.ok) {
					assertValidToken(result.value, response);
				}
			}),
			2000,
		);
	});
});
