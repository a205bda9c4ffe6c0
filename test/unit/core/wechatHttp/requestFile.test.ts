import * as assert from 'node:assert/strict';
import { canSend, parseRequestFile } from '../../../../src/core/wechatHttp/requestFile';
import type { RequestProblem, WechatRequest } from '../../../../src/core/wechatHttp/requestFile';

const TOKEN = '86_nGsjR2xq7Vq0kYtMZ4bL9wPc3dHfUe1Ai';

/** The one request of `text`. */
function only(text: string): WechatRequest {
	const { requests } = parseRequestFile(text);
	assert.equal(requests.length, 1, JSON.stringify(requests));
	return requests[0] as WechatRequest;
}

function problemsOf(text: string): RequestProblem[] {
	return [...only(text).problems];
}

const TEAM_FILE = [
	'# Requests the shop team shares. The token is added when a request is sent.', // 0
	'# @app 商城服务号', // 1
	'', // 2
	'### 查询菜单', // 3
	'GET /cgi-bin/menu/get', // 4
	'', // 5
	'### 创建菜单', // 6
	'POST /cgi-bin/menu/create HTTP/1.1', // 7
	'Content-Type: application/json', // 8
	'// a comment among the headers', // 9
	'X-Trace:  abc ', // 10
	'', // 11
	'{', // 12
	'  "button": [', // 13
	'    { "type": "click", "name": "今日推荐", "key": "V1001_TODAY" },', // 14
	'    { "name": "菜单", "sub_button": [{ "type": "view", "name": "官网", "url": "https://example.com/" }] }', // 15
	'  ]', // 16
	'}', // 17
	'', // 18
	'', // 19
	'### 小程序码', // 20
	'// @app 商城小程序', // 21
	'POST https://api.weixin.qq.com/wxa/getwxacodeunlimit', // 22
	'Content-Type: application/json', // 23
	'', // 24
	'{"scene": "id=123", "page": "pages/index/index"}', // 25
	'# the image comes back as image/jpeg', // 26
	'', // 27
	'###', // 28
	'/cgi-bin/ticket/getticket?type=jsapi&note=%E4%BD%A0%E5%A5%BD+there', // 29
].join('\n');

describe('.wechat.http request files: parsing', () => {
	it('reads a team file: names, the default and own apps, headers, JSON bodies with Chinese, ranges', () => {
		const file = parseRequestFile(TEAM_FILE);
		assert.equal(file.defaultApp, '商城服务号');
		assert.deepEqual(
			file.requests.map((request) => request.problems),
			[[], [], [], []],
		);
		const [menuGet, menuCreate, code, ticket] = file.requests as WechatRequest[];

		assert.deepEqual(menuGet, {
			name: '查询菜单',
			app: '商城服务号',
			appRange: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 12 },
			method: 'GET',
			target: { kind: 'path', path: '/cgi-bin/menu/get', query: [] },
			headers: [],
			range: { startLine: 3, endLine: 4 },
			requestLine: 4,
			problems: [],
		});

		assert.equal(menuCreate?.name, '创建菜单');
		assert.equal(menuCreate?.method, 'POST');
		assert.deepEqual(menuCreate?.headers, [
			['Content-Type', 'application/json'],
			['X-Trace', 'abc'],
		]);
		assert.equal(menuCreate?.bodyStartLine, 12);
		assert.deepEqual(menuCreate?.range, { startLine: 6, endLine: 17 });
		const body = JSON.parse(menuCreate?.body ?? '') as { button: { name: string }[] };
		assert.deepEqual(
			body.button.map((button) => button.name),
			['今日推荐', '菜单'],
		);

		assert.equal(code?.app, '商城小程序');
		assert.deepEqual(code?.appRange, { startLine: 21, startColumn: 8, endLine: 21, endColumn: 13 });
		assert.deepEqual(code?.target, {
			kind: 'url',
			origin: 'https://api.weixin.qq.com',
			path: '/wxa/getwxacodeunlimit',
			query: [],
		});
		// The comment after the body is not part of it.
		assert.equal(code?.body, '{"scene": "id=123", "page": "pages/index/index"}');
		assert.deepEqual(code?.range, { startLine: 20, endLine: 26 });

		assert.equal(ticket?.name, undefined, 'a bare ### has no name');
		assert.equal(ticket?.method, 'GET', 'a line starting with / is a GET');
		assert.deepEqual(ticket?.target, {
			kind: 'path',
			path: '/cgi-bin/ticket/getticket',
			query: [
				['type', 'jsapi'],
				['note', '你好 there'],
			],
		});
		assert.equal(ticket?.app, '商城服务号');

		assert.deepEqual(file.foldingRanges, [
			{ startLine: 3, endLine: 4 },
			{ startLine: 6, endLine: 17 },
			{ startLine: 20, endLine: 26 },
			{ startLine: 28, endLine: 29 },
		]);
		assert.ok(file.requests.every(canSend));
	});

	it('reads CRLF line endings the same way, the \\r in no column and no value', () => {
		const lf = parseRequestFile(TEAM_FILE);
		const crlf = parseRequestFile(TEAM_FILE.replace(/\n/g, '\r\n'));
		assert.deepEqual(crlf, lf);
		const mixed = parseRequestFile(
			TEAM_FILE.replace(/\n/g, (_, offset: number) => (offset % 2 === 0 ? '\r\n' : '\n')),
		);
		assert.deepEqual(mixed, lf);
	});

	it('a file without ### is one request; its @app is both the default and its own', () => {
		const file = parseRequestFile(
			'\n// @app Test account\n\nPOST /cgi-bin/openapi/quota/get\n\n{"cgi_path": "/cgi-bin/message/custom/send"}\n',
		);
		assert.equal(file.defaultApp, 'Test account');
		assert.equal(file.requests.length, 1);
		const request = file.requests[0];
		assert.equal(request?.app, 'Test account');
		assert.equal(request?.name, undefined);
		assert.deepEqual(request?.range, { startLine: 1, endLine: 5 });
		assert.equal(request?.requestLine, 3);
		assert.equal(request?.bodyStartLine, 5);
		assert.deepEqual(file.foldingRanges, [{ startLine: 1, endLine: 5 }]);
	});

	it('an @app after ### names that request only; later requests fall back to the default, or to none', () => {
		const withoutDefault = parseRequestFile('### a\n# @app One\nGET /x\n### b\nGET /y\n');
		assert.equal(withoutDefault.defaultApp, undefined);
		assert.deepEqual(
			withoutDefault.requests.map((request) => request.app),
			['One', undefined],
		);
		const lastWins = only('# @app First\n# @app Second\nGET /x');
		assert.equal(lastWins.app, 'Second');
		// After the request line it is a comment, and `# @app` without a name is one too.
		const late = parseRequestFile('# @app\n### a\nGET /x\n# @app Late\n');
		assert.equal(late.defaultApp, undefined);
		assert.equal(late.requests[0]?.app, undefined);
	});

	it('an empty file, blank lines and comments only hold no request', () => {
		for (const text of ['', '\n\n', '   ', '# just a note\n// another', '###\n\n###  named\n# comment']) {
			const file = parseRequestFile(text);
			assert.deepEqual(file.requests, [], JSON.stringify(text));
			assert.deepEqual(file.foldingRanges, []);
		}
	});

	it('takes a JSON body written right after the headers, without the blank line', () => {
		const request = only('POST /wxa/msg_sec_check\nContent-Type: application/json\n{\n  "content": "hello"\n}');
		assert.equal(request.bodyStartLine, 2);
		assert.equal(request.body, '{\n  "content": "hello"\n}');
		assert.deepEqual(request.problems, []);
	});

	it('accepts the method in any case and HTTP/2 after the target', () => {
		const request = only('post https://api.weixin.qq.com/cgi-bin/clear_quota HTTP/2\n\n{"appid":"APPID"}');
		assert.equal(request.method, 'POST');
		assert.deepEqual(request.problems, []);
	});

	it('normalizes a URL target as a browser sends it: host case, default port, dot segments', () => {
		const request = only('GET HTTPS://API.Weixin.QQ.com:443/cgi-bin/../cgi-bin/menu/get?a=1&b');
		assert.deepEqual(request.target, {
			kind: 'url',
			origin: 'https://api.weixin.qq.com',
			path: '/cgi-bin/menu/get',
			query: [
				['a', '1'],
				['b', ''],
			],
		});
	});
});

describe('.wechat.http request files: problems and their ranges', () => {
	it('unknown-method: the method word, as an error; the target is still read', () => {
		const request = only('PUT /cgi-bin/menu/create');
		assert.equal(request.method, undefined);
		assert.deepEqual(request.target, { kind: 'path', path: '/cgi-bin/menu/create', query: [] });
		assert.deepEqual(request.problems, [
			{
				code: 'unknown-method',
				severity: 'error',
				range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 3 },
			},
		]);
		assert.equal(canSend(request), false);
	});

	it('bad-target: the target word, or the method when there is none, or the text after the target', () => {
		const cases: [string, number, number][] = [
			['GET cgi-bin/menu/get', 4, 20],
			['  GET', 2, 5],
			['GET /cgi-bin/menu/get extra words', 22, 33],
			['GET /cgi-bin/menu/get HTTP/1.1 x', 22, 32],
			['GET https://api.weixin.qq.com@evil.com/cgi-bin/menu/get', 4, 55],
			['GET https://user:pw@api.weixin.qq.com/x', 4, 39],
			['GET /cgi-bin/menu/get#top', 4, 25],
			['GET /cgi-bin\\menu', 4, 17],
			['GET //evil.com/cgi-bin/menu/get', 4, 31],
			['GET /cgi-bin/menu/get?x=%zz', 4, 27],
			['GET /cgi-bin/%E4%BD', 4, 19],
			['GET ftp://api.weixin.qq.com/x', 4, 29],
			['GET https:api.weixin.qq.com/x', 4, 29],
			['GET https:///x', 4, 14],
			['httpbin', 0, 7],
		];
		for (const [line, start, end] of cases) {
			const request = only(line);
			assert.deepEqual(
				request.problems,
				[
					{
						code: 'bad-target',
						severity: 'error',
						range: { startLine: 0, startColumn: start, endLine: 0, endColumn: end },
					},
				],
				line,
			);
			assert.equal(request.target, undefined, line);
		}
	});

	it('header-syntax: the header line without its indentation and trailing spaces', () => {
		assert.deepEqual(problemsOf('POST /wxa/msg_sec_check\n  Content-Type application/json  \n\n{}'), [
			{
				code: 'header-syntax',
				severity: 'error',
				range: { startLine: 1, startColumn: 2, endLine: 1, endColumn: 31 },
			},
		]);
	});

	it('body-not-json: the first character that breaks JSON, at its line and column', () => {
		const cases: [string, number, number, string][] = [
			// A trailing comma: the `}` after it.
			['{\n  "touser": "OPENID",\n  "text": {"content": "你好",}\n}', 4, 27, 'unexpected-character'],
			["{\n  'touser': 1\n}", 3, 2, 'unexpected-character'],
			['{"content": "unterminated', 2, 25, 'unexpected-end'],
			['{"a": 1} trailing', 2, 9, 'trailing-text'],
			['{"a": 01}', 2, 7, 'bad-number'],
			['{"a": "\\x"}', 2, 8, 'bad-escape'],
			['appid=APPID&secret=SECRET', 2, 0, 'unexpected-character'],
		];
		for (const [body, line, column, kind] of cases) {
			const text = `POST /cgi-bin/message/custom/send\n\n${body}`;
			const problems = problemsOf(text);
			const lineLength = text.split('\n')[line]?.length ?? 0;
			assert.deepEqual(
				problems,
				[
					{
						code: 'body-not-json',
						severity: 'error',
						range: {
							startLine: line,
							startColumn: column,
							endLine: line,
							endColumn: Math.min(column + 1, lineLength),
						},
						jsonError: kind,
					},
				],
				body,
			);
		}
	});

	it('get-with-body: a warning over the whole body', () => {
		assert.deepEqual(problemsOf('GET /cgi-bin/menu/get\n\n{\n  "a": 1\n}\n\n'), [
			{
				code: 'get-with-body',
				severity: 'warning',
				range: { startLine: 2, startColumn: 0, endLine: 4, endColumn: 1 },
			},
		]);
		assert.ok(canSend(only('GET /cgi-bin/menu/get\n\n{}')), 'a warning does not stop a request');
	});

	it('access-token-in-file in the query: the value, and a fix that removes every token parameter of the line', () => {
		const line = `GET /cgi-bin/user/info?access_token=${TOKEN}&openid=OPENID&ACCESS_TOKEN=x`;
		const request = only(line);
		const valueStart = line.indexOf(TOKEN);
		const fix = {
			range: { startLine: 0, startColumn: 22, endLine: 0, endColumn: line.length },
			newText: '?openid=OPENID',
		};
		assert.deepEqual(request.problems, [
			{
				code: 'access-token-in-file',
				severity: 'warning',
				range: { startLine: 0, startColumn: valueStart, endLine: 0, endColumn: valueStart + TOKEN.length },
				fix,
			},
			{
				code: 'access-token-in-file',
				severity: 'warning',
				range: { startLine: 0, startColumn: line.length - 1, endLine: 0, endColumn: line.length },
				fix,
			},
		]);
		// The parameter is still read (withAccessToken drops it); an empty one is no problem.
		assert.deepEqual(request.target?.query[1], ['openid', 'OPENID']);
		assert.deepEqual(problemsOf('GET /cgi-bin/user/info?openid=OPENID&access_token='), []);
		const sole = only('GET /cgi-bin/menu/get?access_token=ACCESS_TOKEN').problems[0];
		assert.deepEqual(sole?.fix, {
			range: { startLine: 0, startColumn: 21, endLine: 0, endColumn: 47 },
			newText: '',
		});
	});

	it('access-token-in-file in a header or the body: a token-like value only, the fix deletes it', () => {
		const header = `Referer: https://example.com/debug?access_token=${TOKEN}`;
		const bodyLine = `  "access_token": "${TOKEN}",`;
		const text = [
			'POST /cgi-bin/message/custom/send',
			header,
			'',
			'{',
			bodyLine,
			'  "note": "access_token=ACCESS_TOKEN and {{token}} are placeholders"',
			'}',
		].join('\n');
		const headerStart = header.indexOf(TOKEN);
		const bodyStart = bodyLine.indexOf(TOKEN);
		const headerRange = {
			startLine: 1,
			startColumn: headerStart,
			endLine: 1,
			endColumn: headerStart + TOKEN.length,
		};
		const bodyRange = { startLine: 4, startColumn: bodyStart, endLine: 4, endColumn: bodyStart + TOKEN.length };
		assert.deepEqual(problemsOf(text), [
			{
				code: 'access-token-in-file',
				severity: 'warning',
				range: headerRange,
				fix: { range: headerRange, newText: '' },
			},
			{
				code: 'access-token-in-file',
				severity: 'warning',
				range: bodyRange,
				fix: { range: bodyRange, newText: '' },
			},
		]);
	});

	it('lists several problems of one request in the order of the file', () => {
		const problems = problemsOf('DELETE /x\nbad header\n\n{,}');
		assert.deepEqual(
			problems.map((problem) => [problem.code, problem.range.startLine]),
			[
				['unknown-method', 0],
				['header-syntax', 1],
				['body-not-json', 3],
			],
		);
	});
});
