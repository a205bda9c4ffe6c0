import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { jsSdkString1, signJsSdk } from '../../../../src/core/jssdk/jsSdkSignature';
import { preparePageUrl } from '../../../../src/core/jssdk/pageUrl';
import { checkProperty } from '../../support/properties/propertyRuns';
import { fragment, pageAddress } from './pageUrlArbitraries';
import { useFixedSeed } from './seededProperties';

const SUITE = 'JS-SDK signature';

const ticket = fc.stringMatching(/^[A-Za-z0-9_-]{20,90}$/);
/** Any nonce text, not only a well-made one: whatever the page sends is signed as it is. */
const nonce = fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,32}$/), fc.string({ maxLength: 20 }));
const timestamp = fc.oneof(fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }).map(String), fc.string());

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

describe('properties: the JS-SDK signature follows WeChat’s rule for any page', () => {
	useFixedSeed(0x75ec);

	it('string1 is jsapi_ticket, noncestr, timestamp, url in that order, every value raw', () => {
		checkProperty(
			SUITE,
			fc.property(ticket, nonce, timestamp, pageAddress, (jsapiTicket, nonceStr, time, url) => {
				const string1 = jsSdkString1({ jsapiTicket, nonceStr, timestamp: time, url });
				// Written out in the order WeChat's appendix gives: the ASCII order of the four names.
				assert.equal(string1, `jsapi_ticket=${jsapiTicket}&noncestr=${nonceStr}&timestamp=${time}&url=${url}`);
				assert.ok(string1.endsWith(`&url=${url}`), 'the address as given, never escaped');
				const encoded = encodeURIComponent(url);
				assert.ok(encoded === url || !string1.includes(encoded), 'no percent-encoding added');
				assert.equal(signJsSdk({ jsapiTicket, nonceStr, timestamp: time, url }), sha1(string1));
			}),
			600,
		);
	});

	it('a page address with a fragment is signed as the text before its first #', () => {
		checkProperty(
			SUITE,
			fc.property(ticket, nonce, pageAddress, fragment, (jsapiTicket, nonceStr, address, hash) => {
				const prepared = preparePageUrl(address + hash);
				assert.ok(prepared.ok, address + hash);
				assert.equal(prepared.url, address);
				const fields = { jsapiTicket, nonceStr, timestamp: '1414587457' };
				assert.equal(signJsSdk({ ...fields, url: prepared.url }), signJsSdk({ ...fields, url: address }));
				assert.notEqual(
					signJsSdk({ ...fields, url: prepared.url }),
					signJsSdk({ ...fields, url: address + hash }),
				);
			}),
			400,
		);
	});
});
