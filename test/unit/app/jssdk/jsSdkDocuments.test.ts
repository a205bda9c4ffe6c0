import * as assert from 'node:assert/strict';
import { assertInert } from '../../support/inertMarkdown';
import type { DiagnosisDocumentContext } from '../../../../src/app/jssdk/diagnosisDocument';
import { causeTitle, renderDiagnosisDocument } from '../../../../src/app/jssdk/diagnosisDocument';
import type { SignedPage } from '../../../../src/app/jssdk/pageSigning';
import { signPage, wxConfigSnippet } from '../../../../src/app/jssdk/pageSigning';
import { renderSignedPageDocument } from '../../../../src/app/jssdk/signedPageDocument';
import type { Localizer } from '../../../../src/app/ports/localizer';
import { codeCell, fenced } from '../../../../src/app/presentation/markdownCode';
import { jsSdkString1, sha1Hex, signJsSdk } from '../../../../src/core/jssdk/jsSdkSignature';
import type { JsSdkFields } from '../../../../src/core/jssdk/jsSdkSignature';
import { preparePageUrl } from '../../../../src/core/jssdk/pageUrl';
import type {
	CauseKind,
	SignatureDiagnosis,
	SignatureDiagnosisInput,
} from '../../../../src/core/jssdk/signatureDiagnosis';
import { CAUSE_KINDS, diagnoseSignature } from '../../../../src/core/jssdk/signatureDiagnosis';
import { maskTicket } from '../../../../src/core/jssdk/ticketMask';
import { chineseL10n } from '../../support/bundleLocalizer';
import { englishL10n } from '../../support/englishL10n';
import { normalizeSpaces } from '../../support/localTimes';
import { OFFICIAL_EXAMPLE } from '../../core/jssdk/officialExample';

const TICKET = OFFICIAL_EXAMPLE.jsapiTicket;
const PREVIOUS_TICKET = 'kgt8ON7yVITDhtdwci0qeZ4SkhjpoSJ7dmwUuzo-IiUJzBcpEB3EXnJJaGbrJbZiHbz8X9fdMY2IPLuWRQYr7w';
const SHOP_TICKET = 'bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA';
const ALL_TICKETS = [TICKET, PREVIOUS_TICKET, SHOP_TICKET];
const APP_ID = 'wx4fc0121bbdb516e8';
const SHOP = { name: 'Shop', appId: 'wx9c3c2fcdb21c55cd', ticket: SHOP_TICKET };
const PAGE = 'https://example.com/pay/index.html?order=7';
const NONCE = OFFICIAL_EXAMPLE.nonceStr;
const SECONDS = OFFICIAL_EXAMPLE.timestamp;
const MILLISECONDS = `${SECONDS}123`;
const RIGHT: JsSdkFields = { jsapiTicket: TICKET, nonceStr: NONCE, timestamp: SECONDS, url: PAGE };
/** A signature nothing reproduces. */
const NOBODY_SIGNED = 'a'.repeat(40);
const HOSTILE = '[x](command:evil) <img src=x> *b* ![i](https://e.example/i.png)';

const sign = (changes: Partial<JsSdkFields> = {}): string => signJsSdk({ ...RIGHT, ...changes });
/** string1 pairs joined as written, for the mistakes of writing it (the keys' spelling, their order). */
const signPairs = (...pairs: [string, string][]): string => sha1Hex(pairs.map(([k, v]) => `${k}=${v}`).join('&'));

interface Case {
	readonly name: string;
	/** The verdict's cause; `matches` / `unexplained` for those verdicts. */
	readonly expect: CauseKind | 'matches' | 'unexplained';
	readonly signature: string;
	readonly input?: Partial<Omit<SignatureDiagnosisInput, 'pasted'>>;
	readonly pasted?: Partial<SignatureDiagnosisInput['pasted']>;
	/** What the cause's sentence must show (code spans, as written in the document). */
	readonly shows?: readonly string[];
}

/** One page per verdict and per way of getting each cause, signed by the real signer with the mistake made. */
const CASES: readonly Case[] = [
	{ name: 'a right signature', expect: 'matches', signature: sign() },
	{
		name: 'milliseconds signed and sent',
		expect: 'timestamp-ms',
		signature: sign({ timestamp: MILLISECONDS }),
		pasted: { timestamp: MILLISECONDS },
		shows: [codeCell(MILLISECONDS), codeCell(SECONDS), 'The signature is right for it'],
	},
	{
		name: 'seconds signed, milliseconds sent',
		expect: 'timestamp-ms',
		signature: sign(),
		pasted: { timestamp: MILLISECONDS },
		shows: ['while the server signed seconds'],
	},
	{
		name: 'milliseconds sent, signature of neither',
		expect: 'timestamp-ms',
		signature: NOBODY_SIGNED,
		pasted: { timestamp: MILLISECONDS },
		shows: ['WeChat wants Unix seconds'],
	},
	{
		name: 'the # part signed',
		expect: 'fragment-signed',
		signature: sign({ url: `${PAGE}#/cart` }),
		input: { pageUrl: `${PAGE}#/cart` },
		shows: [codeCell(`${PAGE}#/cart`), codeCell('#/cart')],
	},
	{
		name: 'the URL signed encodeURIComponent-ed',
		expect: 'encoded-url',
		signature: sign({ url: encodeURIComponent(PAGE) }),
		shows: ['encodeURIComponent', codeCell(encodeURIComponent(PAGE))],
	},
	{
		name: 'the URL given encoded',
		expect: 'encoded-url',
		signature: sign(),
		input: { pageUrl: encodeURIComponent(PAGE) },
		shows: ['The URL given here is URL-encoded', codeCell(PAGE)],
	},
	{
		name: 'http signed for an https page',
		expect: 'other-url-variant',
		signature: sign({ url: PAGE.replace('https:', 'http:') }),
		shows: [codeCell(PAGE.replace('https:', 'http:')), 'http and https swapped'],
	},
	{
		name: 'the signature in upper case',
		expect: 'nonce-case',
		signature: sign().toUpperCase(),
		shows: ['upper-case hex'],
	},
	{
		name: 'string1 with nonceStr as its key',
		expect: 'nonce-case',
		signature: signPairs(['jsapi_ticket', TICKET], ['nonceStr', NONCE], ['timestamp', SECONDS], ['url', PAGE]),
		shows: ['WeChat’s rule spells it noncestr'],
	},
	{
		name: 'string1’s fields unsorted',
		expect: 'nonce-case',
		signature: signPairs(['url', PAGE], ['timestamp', SECONDS], ['noncestr', NONCE], ['jsapi_ticket', TICKET]),
		shows: [codeCell('url, timestamp, noncestr, jsapi_ticket')],
	},
	{
		name: 'a space after the nonce signed',
		expect: 'nonce-case',
		signature: sign({ nonceStr: `${NONCE} ` }),
		shows: [codeCell(`${NONCE} `), 'differs from nonceStr by spaces'],
	},
	{
		name: 'the nonce signed in lower case',
		expect: 'nonce-case',
		signature: sign({ nonceStr: NONCE.toLowerCase() }),
		shows: [codeCell(NONCE.toLowerCase()), 'in letter case'],
	},
	{
		name: 'signed with another app’s ticket',
		expect: 'other-appid',
		signature: sign({ jsapiTicket: SHOP_TICKET }),
		shows: [codeCell('Shop'), codeCell(SHOP.appId), 'the ticket of another of your apps'],
	},
	{
		name: 'another app’s appId on the page, this app’s ticket signed',
		expect: 'other-appid',
		signature: sign(),
		pasted: { appId: SHOP.appId },
		shows: [`${codeCell(SHOP.appId)} (${codeCell('Shop')})`, 'give wx.config this app’s appId'],
	},
	{
		name: 'an unknown account’s appId on the page',
		expect: 'other-appid',
		signature: NOBODY_SIGNED,
		pasted: { appId: 'wx0123456789abcdef' },
		shows: [codeCell('wx0123456789abcdef'), 'another account than this app'],
	},
	{
		name: 'signed with the previous ticket',
		expect: 'older-ticket',
		signature: sign({ jsapiTicket: PREVIOUS_TICKET }),
		shows: ['previous ticket'],
	},
	{ name: 'a signature nothing explains', expect: 'unexplained', signature: NOBODY_SIGNED },
];

function diagnose(testCase: Case): SignatureDiagnosis {
	return diagnoseSignature({
		pageUrl: PAGE,
		appId: APP_ID,
		tickets: { current: TICKET, previous: PREVIOUS_TICKET },
		otherApps: [SHOP],
		...testCase.input,
		pasted: {
			appId: APP_ID,
			timestamp: SECONDS,
			nonceStr: NONCE,
			signature: testCase.signature,
			...testCase.pasted,
		},
	});
}

function context(l10n: Localizer, overrides: Partial<DiagnosisDocumentContext> = {}): DiagnosisDocumentContext {
	return {
		appName: 'Blog',
		appId: APP_ID,
		pageUrl: PAGE,
		ticket: TICKET,
		previousTicket: PREVIOUS_TICKET,
		l10n,
		...overrides,
	};
}

function assertNoTicketInClear(markdown: string): void {
	for (const ticket of ALL_TICKETS) {
		assert.ok(!markdown.includes(ticket), 'a ticket in clear');
		assert.ok(!markdown.includes(ticket.slice(4, -4)), 'a ticket’s middle');
	}
}

describe('the diagnosis document: verdict, cause, expected values, tickets masked', () => {
	it('the cases cover every verdict and every cause', () => {
		const found = new Set(CASES.map((testCase) => diagnose(testCase)).map(kindOf));
		assert.deepEqual([...found].sort(), [...CAUSE_KINDS, 'matches', 'unexplained'].sort());
	});

	for (const testCase of CASES) {
		it(`English, ${testCase.name}: ${testCase.expect}`, () => {
			const diagnosis = diagnose(testCase);
			assert.equal(kindOf(diagnosis), testCase.expect, JSON.stringify(diagnosis));
			const pageUrl = testCase.input?.pageUrl ?? PAGE;
			const text = renderDiagnosisDocument(diagnosis, context(englishL10n, { pageUrl }));

			assert.ok(text.startsWith('# JS-SDK signature check\n'));
			assert.ok(text.includes(`| App | ${codeCell('Blog')} (${codeCell(APP_ID)}) |`));
			assert.ok(text.includes(`| Page URL | ${codeCell(pageUrl)} |`));
			assert.ok(text.includes(`| Ticket in force | ${codeCell(maskTicket(TICKET))} |`));
			assert.ok(text.includes(`| Previous ticket | ${codeCell(maskTicket(PREVIOUS_TICKET))} |`));
			assertNoTicketInClear(text);
			assert.ok(text.includes('## If WeChat says “invalid url domain”\n'));
			assert.ok(text.includes('JS接口安全域名'));
			assert.ok(text.endsWith('\n'));

			if (diagnosis.verdict === 'matches') {
				assert.ok(text.includes('**✓ The signature matches.**'));
				assert.ok(!text.includes('What would have matched'));
				assert.ok(text.includes('Nothing needed trying'));
				return;
			}
			// What would have matched is the right signature, whatever the mistake.
			assert.ok(text.includes('What would have matched:'));
			assert.ok(text.includes(`| signature | ${codeCell(sign())} |`), text);
			assert.ok(text.includes(`| timestamp | ${codeCell(SECONDS)} |`));
			assert.ok(text.includes(`| url | ${codeCell(PAGE)} |`));
			assert.ok(text.includes(fenced(jsSdkString1(RIGHT).replace(TICKET, maskTicket(TICKET)), 'text')));
			diagnosis.tried.forEach((kind, index) => {
				assert.ok(text.includes(`\n${index + 1}. ${causeTitle(kind, englishL10n)}\n`), kind);
			});
			if (diagnosis.verdict === 'unexplained') {
				assert.ok(text.includes('none of the known causes explains it'));
				assert.ok(!text.includes('✗ Cause:'));
				return;
			}
			assert.ok(text.includes(`**✗ Cause: ${causeTitle(diagnosis.cause.kind, englishL10n)}**`), text);
			for (const shown of testCase.shows ?? []) {
				assert.ok(text.includes(shown), `${shown} in\n${text}`);
			}
			if (diagnosis.reproduced !== undefined) {
				assert.ok(text.includes(`What was signed (ticket masked):\n\n${fenced(diagnosis.reproduced, 'text')}`));
			}
		});
	}

	it('Chinese: every case renders from the zh-cn bundle, the cause title in Chinese', () => {
		const zh = chineseL10n();
		for (const testCase of CASES) {
			const diagnosis = diagnose(testCase);
			// The bundle localizer fails on any message it lacks: every sentence of every case is translated.
			const text = renderDiagnosisDocument(diagnosis, context(zh, { pageUrl: testCase.input?.pageUrl ?? PAGE }));
			assert.ok(text.startsWith('# JS-SDK 签名检查\n'), text);
			assert.ok(text.includes('如果微信提示“invalid url domain”'));
			assertNoTicketInClear(text);
			if (diagnosis.verdict === 'explained') {
				const title = causeTitle(diagnosis.cause.kind, zh);
				assert.match(title, /[\u4e00-\u9fff]/, title);
				assert.notEqual(title, causeTitle(diagnosis.cause.kind, englishL10n));
				assert.ok(text.includes(`✗ 原因：${title}`), text);
			}
		}
		for (const kind of CAUSE_KINDS) {
			assert.match(causeTitle(kind, zh), /[\u4e00-\u9fff]/, kind);
		}
		assert.equal(causeTitle('timestamp-ms', zh), '时间戳是毫秒');
	});

	it('without a previous ticket the row says so, and older-ticket is not tried', () => {
		const diagnosis = diagnoseSignature({
			pageUrl: PAGE,
			appId: APP_ID,
			tickets: { current: TICKET },
			pasted: { timestamp: SECONDS, nonceStr: NONCE, signature: NOBODY_SIGNED },
		});
		const text = renderDiagnosisDocument(diagnosis, context(englishL10n, { previousTicket: undefined }));
		assert.ok(text.includes('| Previous ticket | — |'));
		assert.ok(!text.includes(causeTitle('older-ticket', englishL10n)));
	});

	it('a hostile app name, page URL and nonce appear only inside code: no link, image or HTML', () => {
		const hostileUrl = 'https://example.com/<img/src=x>?q=[x](command:evil)';
		const hostileCases: Case[] = [
			{
				name: 'fragment',
				expect: 'fragment-signed',
				signature: '',
				input: { pageUrl: `${hostileUrl}#[y](command:evil)` },
			},
			{ name: 'variant', expect: 'other-url-variant', signature: '' },
			{
				name: 'nonce',
				expect: 'nonce-case',
				signature: '',
				pasted: { nonceStr: '[n](command:evil)<img src=x>' },
			},
			{ name: 'matches', expect: 'matches', signature: '' },
			{ name: 'nothing', expect: 'unexplained', signature: NOBODY_SIGNED },
		];
		for (const testCase of hostileCases) {
			const pageUrl = testCase.input?.pageUrl ?? hostileUrl;
			const nonceStr = testCase.pasted?.nonceStr ?? NONCE;
			const url = pageUrl.split('#')[0]!;
			const signature =
				testCase.signature !== ''
					? testCase.signature
					: testCase.expect === 'fragment-signed'
						? sign({ url: pageUrl, nonceStr })
						: testCase.expect === 'other-url-variant'
							? sign({ url: url.replace('https:', 'http:'), nonceStr })
							: testCase.expect === 'nonce-case'
								? sign({ url, nonceStr: nonceStr.toUpperCase() })
								: sign({ url, nonceStr });
			const diagnosis = diagnoseSignature({
				pageUrl,
				appId: APP_ID,
				tickets: { current: TICKET, previous: PREVIOUS_TICKET },
				otherApps: [{ ...SHOP, name: HOSTILE }],
				pasted: { appId: APP_ID, timestamp: SECONDS, nonceStr, signature },
			});
			assert.equal(kindOf(diagnosis), testCase.expect, testCase.name);
			for (const l10n of [englishL10n, chineseL10n()]) {
				const text = renderDiagnosisDocument(diagnosis, context(l10n, { appName: HOSTILE, pageUrl }));
				assertInert(text);
				assert.ok(text.includes(codeCell(HOSTILE)));
				assert.ok(text.includes(codeCell(pageUrl)));
				assertNoTicketInClear(text);
			}
		}
	});

	it('another app with a hostile name whose ticket signed is named in a code span', () => {
		const diagnosis = diagnoseSignature({
			pageUrl: PAGE,
			appId: APP_ID,
			tickets: { current: TICKET },
			otherApps: [{ ...SHOP, name: HOSTILE }],
			pasted: { timestamp: SECONDS, nonceStr: NONCE, signature: sign({ jsapiTicket: SHOP_TICKET }) },
		});
		assert.equal(kindOf(diagnosis), 'other-appid');
		const text = renderDiagnosisDocument(diagnosis, context(englishL10n));
		assert.ok(text.includes(codeCell(HOSTILE)));
		assertInert(text);
		assertNoTicketInClear(text);
	});

	it('the test’s own code stripper: it does find markdown outside code', () => {
		assert.throws(() => assertInert('see [x](command:evil)'));
		assert.throws(() => assertInert('`a` <img src=x> `b`'));
		assert.doesNotThrow(() =>
			assertInert('`[x](command:evil)` and ``a ` <img src=x>``\n```\n[y](command:evil)\n```'),
		);
	});
});

describe('the signed page document: what Sign JS-SDK Page shows', () => {
	const expiresAt = Date.UTC(2024, 0, 2, 3, 4);
	const signed = (url: string, appId = APP_ID): SignedPage => {
		const prepared = preparePageUrl(url);
		assert.ok(prepared.ok);
		return signPage(
			{ appId },
			{ ticket: TICKET, type: 'jsapi', expiresAt, fetchedAt: expiresAt - 7_200_000 },
			prepared,
			Number(SECONDS) * 1000,
			NONCE,
		);
	};

	it('the values, the wx.config call and string1 with the ticket masked; the expiry in the zone given', () => {
		const page = signed(OFFICIAL_EXAMPLE.withQuery.url);
		const text = renderSignedPageDocument(page, {
			appName: 'Blog',
			l10n: englishL10n,
			locale: 'en-US',
			timeZone: 'UTC',
		});
		assert.ok(text.startsWith('# JS-SDK page signature\n'));
		assert.ok(text.includes(`| App | ${codeCell('Blog')} (${codeCell(APP_ID)}) |`));
		assert.ok(text.includes(`| url | ${codeCell(OFFICIAL_EXAMPLE.withQuery.url)} |`));
		assert.ok(text.includes(`| timestamp | ${codeCell(SECONDS)} |`));
		assert.ok(text.includes(`| nonceStr | ${codeCell(NONCE)} |`));
		assert.ok(text.includes(`| signature | ${codeCell(OFFICIAL_EXAMPLE.withQuery.signature)} |`));
		assert.ok(normalizeSpaces(text).includes('| Ticket expires | Jan 2, 2024, 3:04 AM |'), text);
		assert.ok(text.includes(fenced(wxConfigSnippet(page), 'js')));
		assert.ok(text.includes(fenced(page.string1Masked, 'text')));
		assert.ok(text.includes(maskTicket(TICKET)));
		assertNoTicketInClear(text);
		assert.ok(!text.includes('Removed'), 'no notes for a plain URL');

		const shanghai = renderSignedPageDocument(page, {
			appName: 'Blog',
			l10n: englishL10n,
			locale: 'en-US',
			timeZone: 'Asia/Shanghai',
		});
		assert.ok(normalizeSpaces(shanghai).includes('| Ticket expires | Jan 2, 2024, 11:04 AM |'), shanghai);
	});

	it('notes for a removed # part and an encoded URL, escaped; a hostile name and URL stay inside code', () => {
		const hostileFragment = '#[x](command:evil)<img src=x>';
		const page = signed(`https://example.com/a?b=[x](command:evil)${hostileFragment}`);
		for (const l10n of [englishL10n, chineseL10n()]) {
			const text = renderSignedPageDocument(page, { appName: HOSTILE, l10n, locale: 'en-US', timeZone: 'UTC' });
			assert.ok(text.includes(codeCell(HOSTILE)));
			assertInert(text);
			assertNoTicketInClear(text);
		}
		const english = renderSignedPageDocument(page, {
			appName: 'Blog',
			l10n: englishL10n,
			locale: 'en-US',
			timeZone: 'UTC',
		});
		assert.ok(
			english.includes(
				'- Removed “\\#\\[x\\]\\(command\\:evil\\)\\<img src=x\\>”\\: WeChat signs the URL without its \\# part\\.',
			),
			english,
		);

		const encoded = renderSignedPageDocument(signed('https%3A%2F%2Fexample.com%2Fa'), {
			appName: 'Blog',
			l10n: englishL10n,
			locale: 'en-US',
			timeZone: 'UTC',
		});
		assert.ok(encoded.includes('The URL looks URL\\-encoded'), encoded);
	});

	it('Chinese: from the zh-cn bundle', () => {
		const text = renderSignedPageDocument(signed(`${PAGE}#/x`), {
			appName: 'Blog',
			l10n: chineseL10n(),
			locale: 'zh-CN',
			timeZone: 'Asia/Shanghai',
		});
		assert.ok(text.startsWith('# JS-SDK 页面签名\n'));
		assert.ok(text.includes('| 票据过期时间 | 2024'), text);
		assert.ok(text.includes('## string1 (票据已掩码)'));
		assert.ok(text.includes('已去掉'));
	});
});

function kindOf(diagnosis: SignatureDiagnosis): CauseKind | 'matches' | 'unexplained' {
	return diagnosis.verdict === 'explained' ? diagnosis.cause.kind : diagnosis.verdict;
}
