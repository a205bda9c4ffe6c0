import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { signJsSdk } from '../../../../src/core/jssdk/jsSdkSignature';
import { diagnoseSignature } from '../../../../src/core/jssdk/signatureDiagnosis';
import { checkProperty } from '../../support/properties/propertyRuns';
import { fragment, pageAddress } from './pageUrlArbitraries';
import { useFixedSeed } from './seededProperties';

const SUITE = 'JS-SDK signature diagnosis';

const ticket = fc.stringMatching(/^[A-Za-z0-9_-]{20,90}$/);
const nonce = fc.stringMatching(/^[A-Za-z0-9]{1,32}$/);
/** Unix seconds from 2001 to 2096: never mistaken for milliseconds. */
const seconds = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }).map(String);
const appId = fc.stringMatching(/^wx[0-9a-f]{16}$/);
const otherApps = fc.array(
	fc.record({ name: fc.string({ maxLength: 8 }), appId, ticket: fc.option(ticket, { nil: undefined }) }),
	{ maxLength: 3 },
);

/** A page's config signed the right way, and the address the user gives (maybe with the fragment they copied). */
const signedPage = fc.record({
	current: ticket,
	previous: fc.option(ticket, { nil: undefined }),
	nonceStr: nonce,
	timestamp: seconds,
	address: pageAddress,
	hash: fc.option(fragment, { nil: '' }),
	appId,
	pastesAppId: fc.boolean(),
	otherApps,
});

describe('properties: a correctly signed config is diagnosed as matching', () => {
	useFixedSeed(0xd1a9);

	it('signed with the current ticket over the address before its #: matches, and shows no ticket', () => {
		checkProperty(
			SUITE,
			fc.property(signedPage, (page) => {
				const signature = signJsSdk({
					jsapiTicket: page.current,
					nonceStr: page.nonceStr,
					timestamp: page.timestamp,
					url: page.address,
				});
				const diagnosis = diagnoseSignature({
					pasted: {
						...(page.pastesAppId ? { appId: page.appId } : {}),
						timestamp: page.timestamp,
						nonceStr: page.nonceStr,
						signature,
					},
					pageUrl: page.address + page.hash,
					appId: page.appId,
					tickets: {
						current: page.current,
						...(page.previous === undefined ? {} : { previous: page.previous }),
					},
					otherApps: page.otherApps,
				});
				assert.deepEqual(diagnosis, { verdict: 'matches', ticket: 'current', tried: [] });
			}),
			400,
		);
	});

	it('signed over the address with its fragment: fragment-signed, the right signature given, no ticket shown', () => {
		checkProperty(
			SUITE,
			fc.property(signedPage, fragment, (page, hash) => {
				const fields = { jsapiTicket: page.current, nonceStr: page.nonceStr, timestamp: page.timestamp };
				const diagnosis = diagnoseSignature({
					pasted: {
						timestamp: page.timestamp,
						nonceStr: page.nonceStr,
						signature: signJsSdk({ ...fields, url: page.address + hash }),
					},
					pageUrl: page.address + hash,
					appId: page.appId,
					tickets: { current: page.current },
				});
				assert.equal(diagnosis.verdict, 'explained');
				assert.ok(diagnosis.verdict === 'explained');
				assert.deepEqual(diagnosis.cause, {
					kind: 'fragment-signed',
					signedUrl: page.address + hash,
					fragment: hash,
				});
				assert.equal(diagnosis.expected.url, page.address);
				assert.equal(diagnosis.expected.signature, signJsSdk({ ...fields, url: page.address }));
				assert.ok(!JSON.stringify(diagnosis).includes(page.current));
			}),
			300,
		);
	});
});
