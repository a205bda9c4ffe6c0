import * as assert from 'node:assert/strict';
import type { SignablePage, SignedPage } from '../../../../src/app/jssdk/pageSigning';
import { signPage, wxConfigSnippet } from '../../../../src/app/jssdk/pageSigning';
import { pageUrlProblemText, pastedConfigProblemText, signingNotes } from '../../../../src/app/jssdk/jsSdkTexts';
import type { Localizer } from '../../../../src/app/ports/localizer';
import type { JsapiTicket } from '../../../../src/core/jssdk/jsapiTicket';
import type { PageUrlProblem } from '../../../../src/core/jssdk/pageUrl';
import { preparePageUrl } from '../../../../src/core/jssdk/pageUrl';
import { parsePastedConfig } from '../../../../src/core/jssdk/pastedConfig';
import { maskTicket } from '../../../../src/core/jssdk/ticketMask';
import { sandboxJsSdkSignature } from '../../../sandbox/jsSdkTickets';
import { chineseL10n } from '../../support/bundleLocalizer';
import { englishL10n } from '../../support/englishL10n';
import { OFFICIAL_EXAMPLE } from '../../core/jssdk/officialExample';

const APP = { appId: 'wx4fc0121bbdb516e8' };
const TICKET: JsapiTicket = {
	ticket: OFFICIAL_EXAMPLE.jsapiTicket,
	type: 'jsapi',
	expiresAt: 1_414_594_657_000,
	fetchedAt: 1_414_587_457_000,
};
const SECONDS = Number(OFFICIAL_EXAMPLE.timestamp);

/** The page as `preparePageUrl` hands it to the signer; fails the test for a URL it refuses. */
function page(url: string): SignablePage {
	const prepared = preparePageUrl(url);
	assert.ok(prepared.ok, `not signable: ${url}`);
	return prepared;
}

/** What the snippet passes to `wx.config` when a page runs it; the snippet is evaluated here only, in the test. */
function runSnippet(snippet: string): unknown[] {
	const calls: unknown[] = [];
	const wx = { config: (options: unknown) => void calls.push(options) };
	// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point: the snippet must be valid JavaScript
	const run = new Function('wx', snippet) as (wx: unknown) => void;
	run(wx);
	return calls;
}

describe('signPage: the wx.config values for a page, signed with the app’s ticket', () => {
	it('WeChat’s official example: the seconds of the clock, the nonce given, the documented signature', () => {
		for (const extraMs of [0, 1, 999]) {
			const signed = signPage(
				APP,
				TICKET,
				page(OFFICIAL_EXAMPLE.withQuery.url),
				SECONDS * 1000 + extraMs,
				OFFICIAL_EXAMPLE.nonceStr,
			);
			assert.deepEqual(signed, {
				appId: APP.appId,
				url: OFFICIAL_EXAMPLE.withQuery.url,
				timestamp: SECONDS,
				nonceStr: OFFICIAL_EXAMPLE.nonceStr,
				signature: OFFICIAL_EXAMPLE.withQuery.signature,
				string1Masked: `jsapi_ticket=${maskTicket(TICKET.ticket)}&noncestr=${OFFICIAL_EXAMPLE.nonceStr}&timestamp=${SECONDS}&url=${OFFICIAL_EXAMPLE.withQuery.url}`,
				ticketExpiresAt: TICKET.expiresAt,
				fragmentRemoved: undefined,
				looksEncoded: false,
				decoded: undefined,
			});
		}
		const bare = signPage(APP, TICKET, page(OFFICIAL_EXAMPLE.bare.url), SECONDS * 1000, OFFICIAL_EXAMPLE.nonceStr);
		assert.equal(bare.signature, OFFICIAL_EXAMPLE.bare.signature);
	});

	it('string1Masked never holds the ticket, nor anything of it but its ends', () => {
		const signed = signPage(APP, TICKET, page('https://example.com/a'), Date.UTC(2024, 0, 1));
		assert.ok(!signed.string1Masked.includes(TICKET.ticket));
		assert.ok(!signed.string1Masked.includes(TICKET.ticket.slice(4, -4)));
		assert.ok(!JSON.stringify(signed).includes(TICKET.ticket.slice(4, -4)), 'nowhere in what is returned');
	});

	it('a fresh nonce each time (16 letters and digits); the signature agrees with the sandbox’s own signer', () => {
		const url = 'https://example.com/pay/index.html?order=7&x=%E4%B8%AD';
		const nowMs = Date.UTC(2024, 5, 1, 12, 0, 0, 500);
		const first = signPage(APP, TICKET, page(url), nowMs);
		const second = signPage(APP, TICKET, page(url), nowMs);
		assert.match(first.nonceStr, /^[A-Za-z0-9]{16}$/);
		assert.notEqual(first.nonceStr, second.nonceStr);
		assert.equal(first.timestamp, Math.floor(nowMs / 1000));
		for (const signed of [first, second]) {
			assert.equal(
				signed.signature,
				sandboxJsSdkSignature(TICKET.ticket, { url, nonceStr: signed.nonceStr, timestamp: signed.timestamp }),
			);
		}
	});

	it('the # part is left out of what is signed and reported; an encoded URL is signed as given, with the decoded one', () => {
		const withFragment = signPage(APP, TICKET, page('https://example.com/app?x=1#/cart?id=2'), 0, 'n');
		assert.equal(withFragment.url, 'https://example.com/app?x=1');
		assert.equal(withFragment.fragmentRemoved, '#/cart?id=2');
		assert.ok(withFragment.string1Masked.endsWith('&url=https://example.com/app?x=1'));

		const encoded = signPage(APP, TICKET, page('https%3A%2F%2Fexample.com%2Fapp'), 0, 'n');
		assert.equal(encoded.url, 'https%3A%2F%2Fexample.com%2Fapp');
		assert.equal(encoded.looksEncoded, true);
		assert.equal(encoded.decoded, 'https://example.com/app');
	});
});

describe('wxConfigSnippet: the wx.config call to paste into the page', () => {
	const signed = signPage(APP, TICKET, page(OFFICIAL_EXAMPLE.withQuery.url), SECONDS * 1000, 'Wm3WZYTPz0wzccnW');

	it('is JavaScript that passes exactly appId, timestamp (a number), nonceStr, signature and an empty jsApiList', () => {
		const calls = runSnippet(wxConfigSnippet(signed));
		assert.deepEqual(calls, [
			{
				appId: APP.appId,
				timestamp: SECONDS,
				nonceStr: 'Wm3WZYTPz0wzccnW',
				signature: OFFICIAL_EXAMPLE.withQuery.signature,
				jsApiList: [],
			},
		]);
		assert.equal(typeof (calls[0] as { timestamp: unknown }).timestamp, 'number');
		assert.ok(!wxConfigSnippet(signed).includes(TICKET.ticket.slice(4, -4)), 'no ticket in the page');
	});

	it('an appId or nonce with quotes, backslashes or line breaks stays a string: nothing breaks out', () => {
		const hostile: SignedPage = {
			...signed,
			appId: 'wx"}); globalThis.__brokeOut = 1; wx.config({"a":"',
			nonceStr: "n'\\\n\u2028});globalThis.__brokeOut=2;//",
		};
		const calls = runSnippet(wxConfigSnippet(hostile));
		assert.equal((globalThis as { __brokeOut?: unknown }).__brokeOut, undefined);
		assert.equal(calls.length, 1, 'one wx.config call');
		assert.deepEqual(calls[0], {
			appId: hostile.appId,
			timestamp: SECONDS,
			nonceStr: hostile.nonceStr,
			signature: signed.signature,
			jsApiList: [],
		});
	});

	it('every line after the first is indented by the cursor’s indentation; still the same call', () => {
		const indent = '    ';
		const snippet = wxConfigSnippet(signed, indent);
		const lines = snippet.split('\n');
		assert.equal(lines[0], 'wx.config({');
		for (const line of lines.slice(1, -1)) {
			assert.ok(line.startsWith(`${indent}\t`), JSON.stringify(line));
		}
		assert.equal(lines.at(-1), `${indent}});`);
		assert.deepEqual(runSnippet(snippet), runSnippet(wxConfigSnippet(signed)));
		assert.deepEqual(
			wxConfigSnippet(signed).split('\n').slice(1, -1),
			lines.slice(1, -1).map((l) => l.slice(indent.length)),
		);
	});
});

describe('JS-SDK texts: in English and in the Chinese bundle', () => {
	const localizers: [string, Localizer][] = [
		['English', englishL10n],
		['Chinese', chineseL10n()],
	];
	const problems: PageUrlProblem[] = ['empty', 'not-absolute', 'not-http'];

	for (const [language, l10n] of localizers) {
		it(`${language}: a text for each page URL problem and each paste problem, all different`, () => {
			const urlTexts = problems.map((problem) => pageUrlProblemText(problem, l10n));
			assert.equal(new Set(urlTexts).size, problems.length);
			const pastes = [
				'hello',
				'signature: "abc"',
				'wx.config({ signature: s, timestamp: Date.now(), nonceStr: n })',
			];
			const pasteTexts = pastes.map((paste) => {
				const result = parsePastedConfig(paste);
				assert.equal(result.ok, false, paste);
				return result.ok ? '' : pastedConfigProblemText(result, l10n);
			});
			assert.equal(new Set(pasteTexts).size, pastes.length, pasteTexts.join('\n'));
			assert.ok(pasteTexts[1]?.includes('timestamp'), 'names what is missing');
		});

		it(`${language}: signing notes for a removed # part and an encoded URL, none for a plain one`, () => {
			const sign = (url: string): SignedPage => signPage(APP, TICKET, page(url), 0, 'n');
			assert.deepEqual(signingNotes(sign('https://example.com/a'), l10n), []);
			const fragment = signingNotes(sign('https://example.com/a#/b'), l10n);
			assert.equal(fragment.length, 1);
			assert.ok(fragment[0]?.includes('#/b'));
			const encoded = signingNotes(sign('https%3A%2F%2Fexample.com%2Fa'), l10n);
			assert.equal(encoded.length, 1);
			assert.ok(encoded[0]?.includes('https://example.com/a'), 'names the address the page has');
			const both = signingNotes(sign('https%3A%2F%2Fexample.com%2Fa#x'), l10n);
			assert.equal(both.length, 2);
		});
	}

	it('the Chinese texts are Chinese', () => {
		const zh = chineseL10n();
		assert.match(pageUrlProblemText('not-http', zh), /[\u4e00-\u9fff]/);
		assert.match(
			signingNotes(signPage(APP, TICKET, page('https://e.example/#x'), 0, 'n'), zh)[0] ?? '',
			/[\u4e00-\u9fff]/,
		);
	});
});
