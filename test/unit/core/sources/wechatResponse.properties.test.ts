import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { readWechatTokenResponse } from '../../../../src/core/sources/wechatResponse';
import {
	anyNumber,
	hostileJson,
	httpResponse,
	numericText,
	partialRecord,
	receivedAt,
} from '../../support/properties/arbitraries';
import { checkProperty, outcomeOf } from '../../support/properties/propertyRuns';

const SUITE = 'WeChat response';
const DAY_MS = 24 * 60 * 60 * 1000;

/** `{access_token, expires_in}` or `{errcode, errmsg}` often enough to reach every branch, and anything else. */
const body: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 4,
		arbitrary: partialRecord({
			errcode: fc.oneof(
				fc.constantFrom(0, '0', -1, 40001, 40164, 45009, 45011, 89503, '40164', 'abc', true, null),
				anyNumber,
				hostileJson(),
			),
			errmsg: fc.oneof(
				fc.string({ maxLength: 40 }),
				fc.constant('invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 66a1-2b3c-4d5e'),
				hostileJson(),
			),
			access_token: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('', ' '), hostileJson()),
			expires_in: fc.oneof(
				fc.constantFrom(7200, '7200', 0, -7200, 7_200_000),
				fc.integer({ min: -100, max: 200_000 }),
				anyNumber,
				numericText,
				hostileJson(),
			),
		}),
	},
	{ weight: 1, arbitrary: hostileJson(['errcode', 'errmsg', 'access_token', 'expires_in']) },
);

const responses = httpResponse(receivedAt.chain((at) => body.map((json) => ({ receivedAt: at, json }))));

describe('properties: WeChat token responses', () => {
	it('readWechatTokenResponse: a plausible token or a TokenError, never another exception', () => {
		checkProperty(
			SUITE,
			fc.property(responses, fc.constantFrom('wechat', 'wechat-stable'), (response, source) => {
				const result = outcomeOf(() => readWechatTokenResponse(response, source));
				const json = response.json as Record<string, unknown>;
				if (result.ok) {
					const token = result.value;
					assert.ok(
						[undefined, 0, '0'].includes(json['errcode'] as number | undefined),
						`success with errcode ${String(json['errcode'])}`,
					);
					// Statuses that say the request failed (limits, server errors, refused credentials) never yield a token.
					assert.ok(
						![401, 403, 429].includes(response.status) && response.status < 500,
						`success with HTTP ${response.status}`,
					);
					assert.equal(token.accessToken, json['access_token']);
					assert.notEqual(token.accessToken.trim(), '');
					assert.ok(
						Number.isFinite(token.expiresAt) &&
							token.expiresAt > response.receivedAt &&
							token.expiresAt - response.receivedAt <= DAY_MS,
					);
					assert.equal(token.source, source);
				} else if (typeof result.error.details.errcode === 'number') {
					assert.ok(Number.isInteger(result.error.details.errcode));
				}
			}),
			3000,
		);
	});
});
