import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { credentialKind, maskTokensInRecordedCall } from '../../../../src/core/diagnostics/recordedCall';
import { checkProperty } from '../../support/properties/propertyRuns';

const SUITE = 'recorded calls (rid)';

/** Shows a masked token as its length only: nothing of the value. */
const mask = (token: string): string => `[masked ${token.length}]`;

/** A key in any letter case, as a caller may spell it. */
const anyCase = (key: fc.Arbitrary<string>): fc.Arbitrary<string> =>
	fc
		.tuple(key, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
		.map(([text, upper]) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

const word = fc.stringMatching(/^[a-z_]{0,12}$/);

/** Keys whose values are credentials: any name ending in token or ticket, containing secret, or a fixed few. */
const credentialKey = anyCase(
	fc.oneof(
		fc.tuple(word, fc.constantFrom('token', 'ticket', '_token', '_ticket')).map(([a, b]) => a + b),
		fc.tuple(word, word).map(([a, b]) => `${a}secret${b}`),
		fc.constantFrom(
			'access_token',
			'component_access_token',
			'authorizer_access_token',
			'authorizer_refresh_token',
			'refresh_token',
			'jsapi_ticket',
			'component_verify_ticket',
			'appsecret',
			'component_appsecret',
			'session_key',
			'code',
		),
	),
);

/** Keys that are not credentials (none ends in token/ticket, holds "secret" or is session_key/code). */
const plainKey = fc.constantFrom('appid', 'touser', 'grant_type', 'page', 'scene', 'msgtype', 'openid', 'codes');

/** A credential value: letters first, then at least one digit (keys have none, so no key can contain it). */
const credentialValue = fc.stringMatching(/^[A-Za-z]{1,4}[0-9][A-Za-z0-9_-]{6,30}$/);
/** A plain value: digits only, so it can neither contain nor be contained in a credential value. */
const plainValue = fc.stringMatching(/^[0-9]{1,10}$/);

const pair = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>) => fc.tuple(key, value);

/** A credential among plain pairs, at any place. */
const pairs = fc
	.tuple(
		pair(credentialKey, credentialValue),
		fc.uniqueArray(pair(plainKey, plainValue), { maxLength: 4, selector: ([key]) => key }),
		fc.nat(),
	)
	.map(([credential, plain, at]) => {
		const list = [...plain];
		list.splice(at % (plain.length + 1), 0, credential);
		return { credential, plain, list };
	});

const query = (list: readonly (readonly [string, string])[]): string =>
	list.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');

/** The ways a call's credentials are written down: a URL's query, a bare query or form body, a JSON body. */
const recorded = fc.tuple(pairs, fc.constantFrom('url', 'form', 'json', 'nested-json')).map(([p, shape]) => {
	switch (shape) {
		case 'url':
			return { ...p, text: `https://api.weixin.qq.com/cgi-bin/x?${query(p.list)}` };
		case 'form':
			return { ...p, text: query(p.list) };
		case 'json':
			return { ...p, text: JSON.stringify(Object.fromEntries(p.list)) };
		case 'nested-json':
			return {
				...p,
				text: JSON.stringify({ data: Object.fromEntries(p.list), list: [Object.fromEntries(p.list)] }, null, 2),
			};
	}
});

describe('properties: a recorded call (rid) hides every credential, by key', () => {
	it('no credential value survives in a URL, a query string, a form or JSON body; plain values do', () => {
		checkProperty(
			SUITE,
			fc.property(recorded, ({ text, credential, plain }) => {
				const shown = maskTokensInRecordedCall(text, mask);
				assert.ok(!shown.includes(credential[1]), `${credential[0]} shown: ${shown}`);
				for (const [, value] of plain) {
					assert.ok(shown.includes(value), `the plain value ${value} is kept: ${shown}`);
				}
			}),
			3000,
		);
	});

	it('tokens and tickets are masked (their length is told), secrets, refresh tokens, session keys and codes blanked', () => {
		checkProperty(
			SUITE,
			fc.property(credentialKey, credentialValue, (key, value) => {
				const shown = maskTokensInRecordedCall(`${key}=${value}`, mask);
				const kind = credentialKind(key);
				assert.notEqual(kind, 'keep', key);
				assert.equal(shown, `${key}=${kind === 'mask' ? `[masked ${value.length}]` : '•••'}`);
			}),
			1000,
		);
	});
});
