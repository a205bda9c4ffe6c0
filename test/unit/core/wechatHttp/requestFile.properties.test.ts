import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { canSend, parseRequestFile } from '../../../../src/core/wechatHttp/requestFile';
import type { RequestFile } from '../../../../src/core/wechatHttp/requestFile';
import { removeAccessTokenEdits } from '../../../../src/core/wechatHttp/accessTokenEdits';
import { withAccessToken } from '../../../../src/core/wechatHttp/sendUrl';
import type { TextRange } from '../../../../src/core/wechatHttp/textRange';
import { checkProperty } from '../../support/properties/propertyRuns';
import { useFixedSeed } from '../jssdk/seededProperties';

const SUITE = '.wechat.http request files';
const BASE = 'https://api.weixin.qq.com';
const TOKEN = '86_nGsjR2xq7Vq0kYtMZ4bL9wPc3dHfUe1Ai';

/** Lines that look like a request file's, mixed with noise, joined by any line ending. */
const fileLike = fc
	.tuple(
		fc.array(
			fc.oneof(
				fc.constantFrom(
					'###',
					'### 查询菜单',
					'# @app 商城服务号',
					'// @app',
					'# comment',
					'',
					'   ',
					'GET /cgi-bin/menu/get',
					'POST /wxa/msg_sec_check HTTP/1.1',
					'/cgi-bin/ticket/getticket?type=jsapi',
					`GET /x?access_token=${TOKEN}&a=1&access_token=y`,
					'GET https://api.weixin.qq.com/x?a=%E4%BD%A0',
					'GET https://api.weixin.qq.com@evil.com/',
					'PUT /x',
					'GET',
					'Content-Type: application/json',
					`Referer: https://x/?access_token=${TOKEN}`,
					'bad header',
					'{',
					'}',
					'  "content": "你好",',
					`  "access_token": "${TOKEN}"`,
					'[1, 2,]',
					'"\\u12',
				),
				fc.string({ unit: 'binary', maxLength: 40 }),
			),
			{ maxLength: 30 },
		),
		fc.constantFrom('\n', '\r\n', '\r'),
	)
	.map(([lines, eol]) => lines.join(eol));

const anyText = fc.oneof(fileLike, fc.string({ unit: 'binary', maxLength: 300 }));

function lineLengths(text: string): number[] {
	return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function inside(range: TextRange, lengths: readonly number[]): boolean {
	const startLength = lengths[range.startLine];
	const endLength = lengths[range.endLine];
	return (
		startLength !== undefined &&
		endLength !== undefined &&
		range.startColumn >= 0 &&
		range.startColumn <= startLength &&
		range.endColumn <= endLength &&
		(range.startLine < range.endLine || (range.startLine === range.endLine && range.startColumn <= range.endColumn))
	);
}

function checkShape(text: string, file: RequestFile): void {
	const lengths = lineLengths(text);
	let previousEnd = -1;
	for (const request of file.requests) {
		assert.ok(request.range.startLine > previousEnd, 'requests are in order and do not overlap');
		assert.ok(request.range.startLine <= request.requestLine && request.requestLine <= request.range.endLine);
		assert.ok(request.range.endLine < lengths.length);
		previousEnd = request.range.endLine;
		for (const problem of request.problems) {
			assert.ok(inside(problem.range, lengths), JSON.stringify(problem));
			if (problem.fix !== undefined) {
				assert.ok(inside(problem.fix.range, lengths), JSON.stringify(problem.fix));
			}
		}
		if (request.appRange !== undefined) {
			assert.ok(inside(request.appRange, lengths));
		}
	}
}

/** `text` with `edits` applied (sorted, not overlapping, one line each). */
function applyEdits(text: string, edits: ReturnType<typeof removeAccessTokenEdits>): string {
	const lines = text.split('\n');
	for (const edit of [...edits].reverse()) {
		const line = lines[edit.range.startLine] ?? '';
		lines[edit.range.startLine] =
			line.slice(0, edit.range.startColumn) + edit.newText + line.slice(edit.range.endColumn);
	}
	return lines.join('\n');
}

describe('properties: a request file is always read, never thrown on', () => {
	useFixedSeed(0x7e11);

	it('any text parses into requests whose ranges lie inside the text', () => {
		checkProperty(
			SUITE,
			fc.property(anyText, (text) => {
				const file = parseRequestFile(text);
				checkShape(text, file);
				for (const request of file.requests) {
					if (canSend(request)) {
						const sent = withAccessToken(request.target, BASE, TOKEN);
						assert.ok(!sent.ok || new URL(sent.url).origin === BASE, JSON.stringify(sent));
					}
				}
			}),
			1500,
		);
	});

	it('removing the tokens leaves a file with no access-token-in-file problem and the same requests', () => {
		checkProperty(
			SUITE,
			fc.property(
				fileLike.map((text) => text.replace(/\r\n?/g, '\n')),
				(text) => {
					const edits = removeAccessTokenEdits(text);
					for (let index = 1; index < edits.length; index++) {
						const before = edits[index - 1];
						const edit = edits[index];
						assert.ok(
							before !== undefined &&
								edit !== undefined &&
								(before.range.endLine < edit.range.startLine ||
									(before.range.endLine === edit.range.startLine &&
										before.range.endColumn <= edit.range.startColumn)),
							'edits do not overlap',
						);
					}
					const cleaned = parseRequestFile(applyEdits(text, edits));
					const problems = cleaned.requests.flatMap((request) => request.problems);
					assert.ok(
						!problems.some((problem) => problem.code === 'access-token-in-file'),
						JSON.stringify(problems),
					);
					assert.equal(cleaned.requests.length, parseRequestFile(text).requests.length);
				},
			),
			1000,
		);
	});
});
