import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { signJsSdk } from '../../../../src/core/jssdk/jsSdkSignature';
import type { JsSdkFields } from '../../../../src/core/jssdk/jsSdkSignature';
import { CAUSE_KINDS, diagnoseSignature } from '../../../../src/core/jssdk/signatureDiagnosis';
import type { Cause, SignatureDiagnosis, SignatureDiagnosisInput } from '../../../../src/core/jssdk/signatureDiagnosis';
import { OFFICIAL_EXAMPLE } from './officialExample';

const TICKET = OFFICIAL_EXAMPLE.jsapiTicket;
const PREVIOUS_TICKET = 'kgt8ON7yVITDhtdwci0qeZ4SkhjpoSJ7dmwUuzo-IiUJzBcpEB3EXnJJaGbrJbZiHbz8X9fdMY2IPLuWRQYr7w';
const SHOP_TICKET = 'bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA';
const APP_ID = 'wx4fc0121bbdb516e8';
const SHOP = { name: 'Shop', appId: 'wx9c3c2fcdb21c55cd', ticket: SHOP_TICKET };
const PAGE = 'https://example.com/pay/index.html?order=7';
const NONCE = OFFICIAL_EXAMPLE.nonceStr;
const SECONDS = OFFICIAL_EXAMPLE.timestamp;
const RIGHT: JsSdkFields = { jsapiTicket: TICKET, nonceStr: NONCE, timestamp: SECONDS, url: PAGE };

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** A diagnosis of `signature` for the page, everything else right unless overridden. */
function diagnose(
	signature: string,
	overrides: Partial<Omit<SignatureDiagnosisInput, 'pasted'>> & {
		readonly pasted?: Partial<SignatureDiagnosisInput['pasted']>;
	} = {},
): SignatureDiagnosis {
	const { pasted, ...rest } = overrides;
	return diagnoseSignature({
		pageUrl: PAGE,
		appId: APP_ID,
		tickets: { current: TICKET, previous: PREVIOUS_TICKET },
		otherApps: [SHOP],
		...rest,
		pasted: { appId: APP_ID, timestamp: SECONDS, nonceStr: NONCE, signature, ...pasted },
	});
}

/** The cause a diagnosis found; fails the test when it found none. */
function causeOf(diagnosis: SignatureDiagnosis): Cause {
	assert.equal(diagnosis.verdict, 'explained', JSON.stringify(diagnosis));
	return diagnosis.verdict === 'explained' ? diagnosis.cause : { kind: 'older-ticket' };
}

function assertNoTicketShown(diagnosis: SignatureDiagnosis): void {
	const shown = JSON.stringify(diagnosis);
	for (const ticket of [TICKET, PREVIOUS_TICKET, SHOP_TICKET]) {
		assert.ok(!shown.includes(ticket), 'no ticket in clear');
		assert.ok(!shown.includes(ticket.slice(4, -4)), 'nothing of a ticket but its ends');
	}
}

describe('JS-SDK signature diagnosis: which mistake reproduces the page’s signature', () => {
	it('a right signature matches, with the current ticket, a # in the given address or not', () => {
		const signature = signJsSdk(RIGHT);
		assert.deepEqual(diagnose(signature), { verdict: 'matches', ticket: 'current', tried: [] });
		assert.deepEqual(diagnose(signature, { pageUrl: `  ${PAGE}#/cart  ` }), {
			verdict: 'matches',
			ticket: 'current',
			tried: [],
		});
		assert.equal(diagnose(signature, { pasted: { appId: undefined } }).verdict, 'matches');
	});

	it('the official example matches', () => {
		const diagnosis = diagnoseSignature({
			pasted: { timestamp: SECONDS, nonceStr: NONCE, signature: OFFICIAL_EXAMPLE.withQuery.signature },
			pageUrl: OFFICIAL_EXAMPLE.withQuery.url,
			appId: APP_ID,
			tickets: { current: TICKET },
		});
		assert.equal(diagnosis.verdict, 'matches');
	});

	describe('timestamp-ms', () => {
		const milliseconds = `${SECONDS}123`;

		it('a signature made with the millisecond timestamp: the cause, and consistent', () => {
			const diagnosis = diagnose(signJsSdk({ ...RIGHT, timestamp: milliseconds }), {
				pasted: { timestamp: milliseconds },
			});
			assert.deepEqual(causeOf(diagnosis), {
				kind: 'timestamp-ms',
				timestampMs: milliseconds,
				seconds: SECONDS,
				consistent: true,
				secondsSigned: false,
			});
			assert.ok(diagnosis.verdict === 'explained');
			assert.equal(diagnosis.expected.timestamp, SECONDS);
			assert.equal(diagnosis.expected.signature, signJsSdk(RIGHT));
			assert.match(diagnosis.reproduced ?? '', new RegExp(`&timestamp=${milliseconds}&`));
			assert.deepEqual(diagnosis.tried, ['timestamp-ms']);
		});

		it('the server signed seconds and the page was given milliseconds: still the cause', () => {
			const cause = causeOf(diagnose(signJsSdk(RIGHT), { pasted: { timestamp: milliseconds } }));
			assert.ok(cause.kind === 'timestamp-ms');
			assert.equal(cause.consistent, false);
			assert.equal(cause.secondsSigned, true);
		});

		it('a millisecond timestamp is the cause even when nothing reproduces the signature', () => {
			const diagnosis = diagnose('0'.repeat(40), { pasted: { timestamp: String(Date.parse('2030-01-01')) } });
			const cause = causeOf(diagnosis);
			assert.ok(cause.kind === 'timestamp-ms' && !cause.consistent && !cause.secondsSigned);
			assert.ok(diagnosis.verdict === 'explained' && diagnosis.reproduced === undefined);
		});
	});

	it('fragment-signed: the #… part was signed', () => {
		const withFragment = `${PAGE}#/cart?step=2`;
		const diagnosis = diagnose(signJsSdk({ ...RIGHT, url: withFragment }), { pageUrl: withFragment });
		assert.deepEqual(causeOf(diagnosis), {
			kind: 'fragment-signed',
			signedUrl: withFragment,
			fragment: '#/cart?step=2',
		});
		assert.ok(diagnosis.verdict === 'explained');
		assert.equal(diagnosis.expected.url, PAGE);
		assert.equal(diagnosis.expected.signature, signJsSdk(RIGHT));
	});

	describe('encoded-url', () => {
		it('the server signed encodeURIComponent of the address', () => {
			const encoded = encodeURIComponent(PAGE);
			const diagnosis = diagnose(signJsSdk({ ...RIGHT, url: encoded }));
			assert.deepEqual(causeOf(diagnosis), {
				kind: 'encoded-url',
				how: 'encodeURIComponent',
				signedUrl: encoded,
				decodedUrl: PAGE,
			});
		});

		it('the server signed encodeURI of an address with non-ASCII and a space', () => {
			const page = 'https://example.com/商品/list?q=a b';
			const encoded = encodeURI(page);
			const cause = causeOf(diagnose(signJsSdk({ ...RIGHT, url: encoded }), { pageUrl: page }));
			assert.deepEqual(cause, { kind: 'encoded-url', how: 'encodeURI', signedUrl: encoded, decodedUrl: page });
		});

		it('the address given is encoded: the decoded one is what to sign, with its signature', () => {
			const encoded = encodeURIComponent(PAGE);
			const diagnosis = diagnose(signJsSdk({ ...RIGHT, url: encoded }), { pageUrl: encoded });
			assert.deepEqual(causeOf(diagnosis), {
				kind: 'encoded-url',
				how: 'given-encoded',
				signedUrl: encoded,
				decodedUrl: PAGE,
			});
			assert.ok(diagnosis.verdict === 'explained');
			assert.equal(diagnosis.expected.url, PAGE);
			assert.equal(diagnosis.expected.signature, signJsSdk(RIGHT));
		});

		it('the address given is encoded but the signature is right for the decoded one: says so', () => {
			const cause = causeOf(diagnose(signJsSdk(RIGHT), { pageUrl: encodeURIComponent(PAGE) }));
			assert.ok(cause.kind === 'encoded-url' && cause.how === 'given-encoded');
			assert.equal(cause.signedUrl, PAGE);
		});
	});

	describe('other-url-variant', () => {
		const cases: readonly (readonly [string, string, readonly string[]])[] = [
			[PAGE, 'http://example.com/pay/index.html?order=7', ['scheme']],
			['https://example.com/pay', 'https://example.com:443/pay', ['default-port']],
			['http://example.com:80/pay', 'http://example.com/pay', ['default-port']],
			['https://example.com', 'https://example.com/', ['trailing-slash']],
			['https://example.com/?from=menu', 'https://example.com?from=menu', ['trailing-slash']],
			[PAGE, 'https://example.com/pay/index.html', ['query']],
			[PAGE, 'https://www.example.com/pay/index.html?order=7', ['www']],
			['https://www.example.com/a', 'https://example.com/a', ['www']],
			[PAGE, 'http://www.example.com/pay/index.html', ['scheme', 'query', 'www']],
		];
		for (const [page, signedUrl, changes] of cases) {
			it(`${page} signed as ${signedUrl}: ${changes.join(', ')}`, () => {
				const diagnosis = diagnose(signJsSdk({ ...RIGHT, url: signedUrl }), { pageUrl: page });
				assert.deepEqual(causeOf(diagnosis), { kind: 'other-url-variant', signedUrl, changes });
				assert.ok(diagnosis.verdict === 'explained');
				assert.equal(diagnosis.expected.url, page);
				assert.equal(diagnosis.expected.signature, signJsSdk({ ...RIGHT, url: page }));
			});
		}
	});

	describe('nonce-case', () => {
		const pairs = {
			jsapi_ticket: TICKET,
			noncestr: NONCE,
			timestamp: SECONDS,
			url: PAGE,
		};

		it('string1 spelt the key nonceStr, as wx.config does', () => {
			const signature = sha1(`jsapi_ticket=${TICKET}&nonceStr=${NONCE}&timestamp=${SECONDS}&url=${PAGE}`);
			assert.deepEqual(causeOf(diagnose(signature)), {
				kind: 'nonce-case',
				mistake: 'nonceStr-key',
				fieldOrder: ['jsapi_ticket', 'nonceStr', 'timestamp', 'url'],
			});
		});

		it('string1’s pairs were not sorted (here in wx.config’s order)', () => {
			const order = ['noncestr', 'timestamp', 'url', 'jsapi_ticket'] as const;
			const signature = sha1(order.map((key) => `${key}=${pairs[key]}`).join('&'));
			assert.deepEqual(causeOf(diagnose(signature)), {
				kind: 'nonce-case',
				mistake: 'unsorted-fields',
				fieldOrder: order,
			});
		});

		it('the right signature in upper-case hex', () => {
			const diagnosis = diagnose(signJsSdk(RIGHT).toUpperCase());
			assert.deepEqual(causeOf(diagnosis), { kind: 'nonce-case', mistake: 'upper-case-signature' });
			assert.ok(diagnosis.verdict === 'explained');
			assert.equal(diagnosis.expected.signature, signJsSdk(RIGHT));
		});

		it('the nonce was trimmed before signing, or padded', () => {
			const trimmed = causeOf(diagnose(signJsSdk(RIGHT), { pasted: { nonceStr: ` ${NONCE} ` } }));
			assert.deepEqual(trimmed, { kind: 'nonce-case', mistake: 'nonce-whitespace', signedNonce: NONCE });
			const padded = causeOf(diagnose(signJsSdk({ ...RIGHT, nonceStr: `${NONCE}\n` })));
			assert.deepEqual(padded, { kind: 'nonce-case', mistake: 'nonce-whitespace', signedNonce: `${NONCE}\n` });
		});

		it('the nonce’s letters changed case on the way', () => {
			const cause = causeOf(diagnose(signJsSdk({ ...RIGHT, nonceStr: NONCE.toLowerCase() })));
			assert.deepEqual(cause, {
				kind: 'nonce-case',
				mistake: 'nonce-letter-case',
				signedNonce: NONCE.toLowerCase(),
			});
		});
	});

	describe('other-appid', () => {
		it('the page names another of the user’s apps, with this app’s signature', () => {
			const diagnosis = diagnose(signJsSdk(RIGHT), { pasted: { appId: SHOP.appId } });
			assert.deepEqual(causeOf(diagnosis), {
				kind: 'other-appid',
				pastedAppId: SHOP.appId,
				pastedAppName: 'Shop',
				signedWithTicketOf: 'this-app',
			});
			assert.ok(diagnosis.verdict === 'explained');
			assert.equal(diagnosis.expected.appId, APP_ID);
		});

		it('another app’s ticket signed (a ticket fetched with the other account’s token)', () => {
			const diagnosis = diagnose(signJsSdk({ ...RIGHT, jsapiTicket: SHOP_TICKET }));
			assert.deepEqual(causeOf(diagnosis), {
				kind: 'other-appid',
				pastedAppId: APP_ID,
				pastedAppName: undefined,
				signedWithTicketOf: { name: 'Shop', appId: SHOP.appId },
			});
			assert.ok(diagnosis.verdict === 'explained');
			assert.match(diagnosis.reproduced ?? '', /^jsapi_ticket=bxLd…hFKA&/u);
		});

		it('an AppID nobody here knows, with a signature nothing reproduces: still the cause', () => {
			const cause = causeOf(diagnose('1'.repeat(40), { pasted: { appId: 'wx0000000000000000' } }));
			assert.deepEqual(cause, {
				kind: 'other-appid',
				pastedAppId: 'wx0000000000000000',
				pastedAppName: undefined,
				signedWithTicketOf: undefined,
			});
		});
	});

	it('older-ticket: signed with the previous ticket', () => {
		const diagnosis = diagnose(signJsSdk({ ...RIGHT, jsapiTicket: PREVIOUS_TICKET }));
		assert.deepEqual(causeOf(diagnosis), { kind: 'older-ticket' });
		assert.ok(diagnosis.verdict === 'explained');
		assert.deepEqual(
			diagnosis.tried,
			CAUSE_KINDS.filter((kind) => kind !== 'fragment-signed'),
		);
		assert.equal(diagnosis.expected.signature, signJsSdk(RIGHT));
		assert.match(diagnosis.reproduced ?? '', /^jsapi_ticket=kgt8…Yr7w&/u);
	});

	it('unexplained: lists what was tried, leaving out what could not apply, and gives the right signature', () => {
		const all = diagnose('a'.repeat(40), { pageUrl: `${PAGE}#top` });
		assert.equal(all.verdict, 'unexplained');
		assert.deepEqual(all.tried, [...CAUSE_KINDS]);
		assert.ok(all.verdict === 'unexplained');
		assert.equal(all.expected.signature, signJsSdk(RIGHT));
		assert.equal(
			all.expected.string1Masked,
			`jsapi_ticket=sM4A…P7qg&noncestr=${NONCE}&timestamp=${SECONDS}&url=${PAGE}`,
		);

		const fewer = diagnose('a'.repeat(40), { tickets: { current: TICKET }, pageUrl: 'not a url' });
		assert.deepEqual(fewer.tried, ['timestamp-ms', 'encoded-url', 'nonce-case', 'other-appid']);
	});

	it('causes are found in an upper-case signature too (letter case is compared last)', () => {
		const cause = causeOf(diagnose(signJsSdk({ ...RIGHT, jsapiTicket: PREVIOUS_TICKET }).toUpperCase()));
		assert.equal(cause.kind, 'older-ticket');
	});

	it('never shows a ticket, whatever the verdict', () => {
		const diagnoses = [
			diagnose(signJsSdk(RIGHT)),
			diagnose('a'.repeat(40)),
			diagnose(signJsSdk({ ...RIGHT, jsapiTicket: SHOP_TICKET })),
			diagnose(signJsSdk({ ...RIGHT, jsapiTicket: PREVIOUS_TICKET })),
			diagnose(signJsSdk({ ...RIGHT, timestamp: `${SECONDS}000` }), { pasted: { timestamp: `${SECONDS}000` } }),
		];
		diagnoses.forEach(assertNoTicketShown);
	});
});
