import * as assert from 'node:assert/strict';
import { assertInert } from '../../support/inertMarkdown';
import { EXPLAINED_ERRCODES, explainWechatErrcode } from '../../../../src/app/health/wechatErrcodes';
import type { Localizer } from '../../../../src/app/ports/localizer';
import { codeCell, fenced } from '../../../../src/app/presentation/markdownCode';
import type { AnswerAction } from '../../../../src/app/wechatApi/answerAdvice';
import { adviseOnRefusal, answerActionLabel } from '../../../../src/app/wechatApi/answerAdvice';
import type { AnswerDocumentContext } from '../../../../src/app/wechatApi/answerDocument';
import { renderAnswerDocument } from '../../../../src/app/wechatApi/answerDocument';
import { requestProblemText } from '../../../../src/app/wechatApi/requestProblemTexts';
import type { WechatRefusal } from '../../../../src/core/diagnostics/diagnosticTypes';
import type { ApiCallRequest, JsonAnswer, TextAnswer } from '../../../../src/core/wechatHttp/apiAnswer';
import type { JsonSyntaxErrorKind } from '../../../../src/core/wechatHttp/jsonSyntax';
import type { RequestProblem, RequestProblemCode } from '../../../../src/core/wechatHttp/requestFile';
import { SANDBOX_CALLER_IP } from '../../../sandbox/fixtures';
import { chineseL10n } from '../../support/bundleLocalizer';
import { englishL10n } from '../../support/englishL10n';
import { normalizeSpaces } from '../../support/localTimes';

const RID = '6543a1b2-0c3d4e5f-1a2b3c4d';
const HOSTILE = '[x](command:evil) <img src=x> *b* ![i](https://e.example/i.png)';
const CJK = /[\u4e00-\u9fff]/;
/** 15:59:59 UTC on Dec 1, 2026: 23:59:59 the same day in Shanghai. */
const RECEIVED_AT = Date.UTC(2026, 11, 1, 15, 59, 59);

const refusal = (errcode: number, errmsg: string, rid?: string): WechatRefusal => ({
	errcode,
	errmsg: rid === undefined ? errmsg : `${errmsg} rid: ${rid}`,
	...(rid === undefined ? {} : { rid }),
});

describe('the answer of a WeChat API call, as the user is shown it', () => {
	describe('adviseOnRefusal', () => {
		it('40001: a dead token, left to the dead-token flow: no actions of its own', () => {
			for (const errcode of [40001, 40014, 42001]) {
				const advice = adviseOnRefusal(refusal(errcode, 'invalid credential'), englishL10n);
				assert.equal(advice.deadToken, true, String(errcode));
				assert.deepEqual(advice.actions, []);
				assert.equal(advice.ip, undefined);
				assert.equal(advice.meaning, explainWechatErrcode(errcode, englishL10n));
				assert.match(advice.advice ?? '', /no longer works/);
			}
		});

		it('48001: not a token fault, and no action but Explain Error when there is a rid', () => {
			const withoutRid = adviseOnRefusal(refusal(48001, 'api unauthorized'), englishL10n);
			assert.equal(withoutRid.deadToken, false);
			assert.deepEqual(withoutRid.actions, []);
			assert.match(withoutRid.advice ?? '', /not a token fault/);
			assert.match(withoutRid.meaning, /not a token problem/);
			const withRid = adviseOnRefusal(refusal(48001, 'api unauthorized', RID), englishL10n);
			assert.deepEqual(withRid.actions, ['explainRid']);
			assert.equal(withRid.deadToken, false);
		});

		it('45009: Show Quota and Reset API Quota…, then Explain Error with a rid', () => {
			const advice = adviseOnRefusal(refusal(45009, 'reach max api daily quota limit', RID), englishL10n);
			assert.deepEqual(advice.actions, ['showQuota', 'resetQuota', 'explainRid']);
			assert.equal(advice.deadToken, false);
			assert.match(advice.advice ?? '', /10 resets/);
			assert.deepEqual(adviseOnRefusal(refusal(45009, 'quota'), englishL10n).actions, [
				'showQuota',
				'resetQuota',
			]);
		});

		it('40164 naming the caller’s IP: Copy IP, with the IP; without an IP in errmsg, no Copy IP', () => {
			const advice = adviseOnRefusal(
				refusal(
					40164,
					`invalid ip ${SANDBOX_CALLER_IP} ipv6 ::ffff:${SANDBOX_CALLER_IP}, not in whitelist`,
					RID,
				),
				englishL10n,
			);
			assert.equal(advice.ip, SANDBOX_CALLER_IP);
			assert.deepEqual(advice.actions, ['copyIp', 'explainRid']);
			assert.equal(advice.deadToken, false);
			assert.match(advice.meaning, /IP whitelist/);
			const noIp = adviseOnRefusal(refusal(40164, 'not in whitelist'), englishL10n);
			assert.equal(noIp.ip, undefined);
			assert.deepEqual(noIp.actions, []);
		});

		it('an IP in the errmsg of an errcode that is not about IPs is not offered for copying', () => {
			const advice = adviseOnRefusal(refusal(40003, `invalid openid from ${SANDBOX_CALLER_IP}`), englishL10n);
			assert.equal(advice.ip, undefined);
			assert.deepEqual(advice.actions, []);
		});

		it('an errcode the extension does not know: says so, no advice, Explain Error when there is a rid', () => {
			const advice = adviseOnRefusal(refusal(12345, 'something new', RID), englishL10n);
			assert.match(advice.meaning, /does not know/);
			assert.equal(advice.advice, undefined);
			assert.deepEqual(advice.actions, ['explainRid']);
			assert.equal(advice.deadToken, false);
		});

		it('in Simplified Chinese, from the zh-cn bundle', () => {
			const zh = chineseL10n();
			for (const [errcode, errmsg] of [
				[40001, 'invalid credential'],
				[48001, 'api unauthorized'],
				[45009, 'reach max api daily quota limit'],
				[40164, `invalid ip ${SANDBOX_CALLER_IP}, not in whitelist`],
				[12345, 'something new'],
			] as const) {
				const english = adviseOnRefusal(refusal(errcode, errmsg, RID), englishL10n);
				const chinese = adviseOnRefusal(refusal(errcode, errmsg, RID), zh);
				assert.match(chinese.meaning, CJK, String(errcode));
				assert.notEqual(chinese.meaning, english.meaning);
				assert.equal(chinese.advice === undefined, english.advice === undefined, String(errcode));
				assert.match(chinese.advice ?? '中', CJK, String(errcode));
				assert.deepEqual(chinese.actions, english.actions);
				assert.equal(chinese.ip, english.ip);
			}
		});

		it('every action has a label in English and Chinese', () => {
			const actions = { explainRid: true, copyIp: true, showQuota: true, resetQuota: true } satisfies Record<
				AnswerAction,
				true
			>;
			const zh = chineseL10n();
			for (const action of Object.keys(actions) as AnswerAction[]) {
				assert.ok(answerActionLabel(action, englishL10n).length > 0, action);
				assert.match(answerActionLabel(action, zh), CJK, action);
			}
		});

		it('every errcode in the table has a Chinese explanation in the zh-cn bundle', () => {
			const zh = chineseL10n();
			for (const errcode of EXPLAINED_ERRCODES) {
				const chinese = explainWechatErrcode(errcode, zh);
				assert.match(chinese ?? '', CJK, String(errcode));
				assert.notEqual(chinese, explainWechatErrcode(errcode, englishL10n), String(errcode));
			}
			assert.equal(new Set(EXPLAINED_ERRCODES).size, EXPLAINED_ERRCODES.length, 'no errcode twice');
		});
	});

	describe('renderAnswerDocument', () => {
		const request: ApiCallRequest = {
			method: 'POST',
			pathAndQuery: '/cgi-bin/message/custom/send?access_token=SOMETHING&debug=1',
			headers: [],
			body: '{"touser":"o1","msgtype":"text","text":{"content":"你好"}}',
		};
		const jsonAnswer = (json: Record<string, unknown>, rejected?: WechatRefusal): JsonAnswer => ({
			kind: 'json',
			status: 200,
			contentType: 'application/json; charset=utf-8',
			durationMs: 42,
			receivedAt: RECEIVED_AT,
			text: JSON.stringify(json),
			json,
			...(rejected === undefined ? {} : { refusal: rejected }),
		});
		const context = (l10n: Localizer = englishL10n, appName = 'Shop'): AnswerDocumentContext => ({
			appName,
			appId: 'wx4fc0121bbdb516e8',
			l10n,
			locale: 'en-US',
			timeZone: 'Asia/Shanghai',
		});

		it('a success: the call without its token, the status and time, the JSON pretty-printed; no errcode section', () => {
			const json = { errcode: 0, errmsg: 'ok', nested: { list: [1, 2] } };
			const text = renderAnswerDocument(request, jsonAnswer(json), context());
			assert.ok(text.startsWith(`# POST ${codeCell('/cgi-bin/message/custom/send?debug=1')}\n`), text);
			assert.ok(!text.includes('SOMETHING'), 'the file’s own access_token is not shown');
			assert.ok(!text.includes('access_token'), text);
			assert.ok(text.includes('| App | `Shop` (`wx4fc0121bbdb516e8`) |'), text);
			assert.ok(text.includes('| Status | HTTP 200 · 42 ms |'), text);
			assert.ok(text.includes('| Content-Type | `application/json; charset=utf-8` |'), text);
			assert.ok(text.includes(fenced(JSON.stringify(json, null, 2), 'json')), text);
			assert.ok(text.includes('\n  "nested": {\n    "list": [\n      1,'), 'indented by two');
			assert.ok(!text.includes('## errcode'), text);
			assert.ok(text.endsWith('\n'));
		});

		it('the time received, in the zone asked for, whatever the machine’s', () => {
			const text = normalizeSpaces(renderAnswerDocument(request, jsonAnswer({ errcode: 0 }), context()));
			assert.ok(text.includes('| Received | Dec 1, 2026, 11:59:59 PM |'), text);
			const utc = normalizeSpaces(
				renderAnswerDocument(request, jsonAnswer({ errcode: 0 }), { ...context(), timeZone: 'UTC' }),
			);
			assert.ok(utc.includes('| Received | Dec 1, 2026, 3:59:59 PM |'), utc);
		});

		it('a refusal: its errcode explained, the advice, and WeChat’s own errmsg as a code span', () => {
			const rejected = refusal(48001, 'api unauthorized', RID);
			const text = renderAnswerDocument(
				request,
				jsonAnswer({ errcode: 48001, errmsg: rejected.errmsg }, rejected),
				context(),
			);
			assert.ok(text.includes(`## errcode 48001\n\n**${explainWechatErrcode(48001, englishL10n)}**\n`), text);
			assert.ok(text.includes(adviseOnRefusal(rejected, englishL10n).advice ?? '?'), text);
			assert.ok(text.includes(`WeChat said: ${codeCell(rejected.errmsg)}`), text);
			assert.ok(text.indexOf('## errcode') < text.indexOf('## Answer'), 'the explanation before the answer');
		});

		it('an errcode it does not know says so', () => {
			const rejected = refusal(12345, 'something new');
			const text = renderAnswerDocument(request, jsonAnswer({ errcode: 12345 }, rejected), context());
			assert.ok(text.includes('**The extension does not know this errcode.**'), text);
		});

		it('a hostile errmsg and app name stay inside code: no link, image or HTML where markdown acts', () => {
			const rejected = refusal(40003, HOSTILE);
			const withTicks = refusal(40003, `\`\`\` ${HOSTILE} \`x\``);
			for (const l10n of [englishL10n, chineseL10n()]) {
				for (const refused of [rejected, withTicks]) {
					const text = renderAnswerDocument(
						request,
						jsonAnswer({ errcode: 40003, errmsg: refused.errmsg }, refused),
						context(l10n, HOSTILE),
					);
					assertInert(text);
					assert.ok(text.includes(codeCell(refused.errmsg)), text);
					assert.ok(text.includes(codeCell(HOSTILE)), text);
				}
			}
		});

		it('a text answer is shown fenced, whatever it holds; an empty Content-Type is a dash', () => {
			const body = `<html><body>${HOSTILE}\n\`\`\`\nnot the end</body></html>`;
			const answer: TextAnswer = {
				kind: 'text',
				status: 502,
				contentType: '',
				durationMs: 7,
				receivedAt: RECEIVED_AT,
				text: body,
			};
			const text = renderAnswerDocument(
				{ method: 'GET', pathAndQuery: '/cgi-bin/menu/get', headers: [] },
				answer,
				{
					...context(),
				},
			);
			assert.ok(text.includes(fenced(body, 'text')), text);
			assert.ok(text.includes('| Status | HTTP 502 · 7 ms |'), text);
			assert.ok(text.includes('| Content-Type | — |'), text);
			assert.ok(!text.includes('## errcode'));
			assertInert(text);
		});

		it('in Simplified Chinese, every text from the zh-cn bundle', () => {
			const rejected = refusal(45009, 'reach max api daily quota limit', RID);
			const text = renderAnswerDocument(
				request,
				jsonAnswer({ errcode: 45009, errmsg: rejected.errmsg }, rejected),
				context(chineseL10n()),
			);
			assert.ok(text.includes(`**${explainWechatErrcode(45009, chineseL10n()) ?? '?'}**`), text);
			assert.ok(!text.includes('WeChat said:'), text);
			assert.ok(!text.includes('## Answer'), text);
			assert.ok(text.includes(codeCell(rejected.errmsg)), text);
		});
	});

	describe('requestProblemText', () => {
		const CODES = {
			'unknown-method': true,
			'bad-target': true,
			'header-syntax': true,
			'body-not-json': true,
			'get-with-body': true,
			'access-token-in-file': true,
		} satisfies Record<RequestProblemCode, true>;
		const KINDS = {
			'unexpected-end': true,
			'unexpected-character': true,
			'bad-escape': true,
			'control-character': true,
			'bad-number': true,
			'trailing-text': true,
		} satisfies Record<JsonSyntaxErrorKind, true>;
		const range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 };
		const problem = (code: RequestProblemCode, jsonError?: JsonSyntaxErrorKind): RequestProblem => ({
			code,
			severity: 'error',
			range,
			...(jsonError === undefined ? {} : { jsonError }),
		});

		it('every problem has a text in English and one in Chinese from the bundle', () => {
			const zh = chineseL10n();
			const english = new Set<string>();
			for (const code of Object.keys(CODES) as RequestProblemCode[]) {
				const text = requestProblemText(problem(code), englishL10n);
				assert.ok(text.trim().length > 0, code);
				assert.match(requestProblemText(problem(code), zh), CJK, code);
				english.add(text);
			}
			assert.equal(english.size, Object.keys(CODES).length, 'one text per problem');
		});

		it('every JSON syntax error says what is wrong, in English and Chinese', () => {
			const zh = chineseL10n();
			const english = new Set<string>();
			for (const kind of Object.keys(KINDS) as JsonSyntaxErrorKind[]) {
				const text = requestProblemText(problem('body-not-json', kind), englishL10n);
				assert.match(text, /^The body is not JSON \(.+\): WeChat’s APIs take JSON only\.$/, kind);
				const chinese = requestProblemText(problem('body-not-json', kind), zh);
				assert.match(chinese, CJK, kind);
				assert.ok(!chinese.includes('{0}'), chinese);
				english.add(text);
			}
			assert.equal(english.size, Object.keys(KINDS).length, 'one text per kind');
			assert.equal(
				requestProblemText(problem('body-not-json'), englishL10n),
				requestProblemText(problem('body-not-json', 'unexpected-character'), englishL10n),
				'no kind: the likeliest one',
			);
		});
	});
});
