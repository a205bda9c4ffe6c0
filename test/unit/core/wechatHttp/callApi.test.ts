import * as assert from 'node:assert/strict';
import * as diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { createDiagnosticsClient } from '../../../../src/core/diagnostics/diagnosticsClient';
import type { DiagnosticsCall } from '../../../../src/core/diagnostics/diagnosticsClient';
import { DEFAULT_MAX_BODY_BYTES, HttpTransport } from '../../../../src/core/http/httpTransport';
import { withoutAccessToken } from '../../../../src/core/wechatHttp/accessTokenParam';
import type { ApiAnswer, ApiCallRequest, JsonAnswer } from '../../../../src/core/wechatHttp/apiAnswer';
import { MAX_API_ANSWER_BYTES } from '../../../../src/core/wechatHttp/apiAnswer';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../../sandbox/fixtures';
import { CUSTOM_SEND_PATH, USER_INFO_PATH } from '../../../sandbox/routes/wechatAccountApis';
import { UNLIMITED_CODE_PATH } from '../../../sandbox/routes/wxaCodes';
import { SANDBOX_WECHAT_USERS } from '../../../sandbox/wechatUsers';
import { decodePng } from '../../sandbox/pngDecode';
import { rejectsWith } from '../../support/rejectsWith';
import { diagnosticsCallTo, requestFor, stableTokenOf, testClient, useSandbox } from '../../support/sandboxHarness';

/** The extension's mask rule, written out so the test sees what the user would. */
const mask = (token: string): string => `${token.slice(0, 4)}…${token.slice(-4)}`;
const [USER] = SANDBOX_WECHAT_USERS.map((user) => user.openid) as [string];
const RID = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
const TEXT_MESSAGE = JSON.stringify({ touser: USER, msgtype: 'text', text: { content: 'hello' } });

const post = (pathAndQuery: string, body: string, headers: ApiCallRequest['headers'] = []): ApiCallRequest => ({
	method: 'POST',
	pathAndQuery,
	headers,
	body,
});
const get = (pathAndQuery: string): ApiCallRequest => ({ method: 'GET', pathAndQuery, headers: [] });

function asJson(answer: ApiAnswer): JsonAnswer {
	assert.equal(answer.kind, 'json', `a JSON answer, got ${answer.kind} (${answer.contentType})`);
	return answer;
}

/**
 * The request targets (path and query, as written on the request line) that this process's HTTP servers received:
 * what the sandbox saw before it parsed the query into a record, where a repeated `access_token` would collapse.
 */
function recordRequestTargets(): { readonly targets: string[]; stop(): void } {
	const targets: string[] = [];
	const listener = (message: unknown): void => {
		const request = (message as { request?: IncomingMessage }).request;
		if (request?.url !== undefined) {
			targets.push(request.url);
		}
	};
	diagnosticsChannel.subscribe('http.server.request.start', listener);
	return { targets, stop: () => diagnosticsChannel.unsubscribe('http.server.request.start', listener) };
}

describe('callApi: any WeChat API from a request file, the token added at send time, over loopback to the sandbox', () => {
	const env = useSandbox();
	const client = (timeoutMs?: number) =>
		createDiagnosticsClient({ maskToken: mask, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
	const stableToken = (app?: { appId: string; appSecret: string }): Promise<string> =>
		stableTokenOf(env.sandbox.url, app);
	const callWith = (accessToken: string, secrets?: readonly string[]): DiagnosticsCall =>
		diagnosticsCallTo(env.sandbox.url, accessToken, secrets);

	describe('JSON answers', () => {
		it('a success: JSON, HTTP 200, no refusal; the token went in the query and is not in the answer', async () => {
			const token = await stableToken();
			const answer = asJson(await client().callApi(callWith(token), post(CUSTOM_SEND_PATH, TEXT_MESSAGE)));
			assert.equal(answer.status, 200);
			assert.equal(answer.refusal, undefined);
			assert.deepEqual(answer.json, { errcode: 0, errmsg: 'ok' });
			assert.match(answer.contentType, /^application\/json/);
			assert.ok(answer.durationMs >= 0);
			assert.ok(!answer.text.includes(token));
			const received = env.sandbox.requests.at(-1);
			assert.equal(received?.method, 'POST');
			assert.equal(received?.path, CUSTOM_SEND_PATH);
			assert.deepEqual(received?.query, { access_token: token });
		});

		it('a refusal (40003): the answer, not an error, with errcode, errmsg and rid', async () => {
			const token = await stableToken();
			const body = JSON.stringify({
				touser: 'oNoSuchUserOfThisApp_xxxxxxx',
				msgtype: 'text',
				text: { content: 'x' },
			});
			const answer = asJson(await client().callApi(callWith(token), post(CUSTOM_SEND_PATH, body)));
			assert.equal(answer.status, 200);
			assert.equal(answer.refusal?.errcode, 40003);
			assert.match(answer.refusal?.errmsg ?? '', /^invalid openid rid: /);
			assert.match(answer.refusal?.rid ?? '', RID);
			assert.ok(answer.refusal?.errmsg.endsWith(answer.refusal.rid ?? '?'));
		});

		it('48001 for an account the API is not authorized for: a refusal, not an error', async () => {
			const token = await stableToken(SANDBOX_WECHAT_APP_2);
			const answer = asJson(
				await client().callApi(
					callWith(token, [SANDBOX_WECHAT_APP_2.appSecret]),
					post(CUSTOM_SEND_PATH, TEXT_MESSAGE),
				),
			);
			assert.equal(answer.refusal?.errcode, 48001);
			assert.match(answer.refusal?.errmsg ?? '', /^api unauthorized rid: /);
			assert.match(answer.refusal?.rid ?? '', RID);
		});

		it('a token killed by a forced refresh: refusal 40001, not an error', async () => {
			const token = await stableToken();
			await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
			const answer = asJson(await client().callApi(callWith(token), get(`${USER_INFO_PATH}?openid=${USER}`)));
			assert.equal(answer.refusal?.errcode, 40001);
			assert.match(answer.refusal?.rid ?? '', RID);
		});

		it('a GET with its query: the user’s parameters kept, the token added', async () => {
			const token = await stableToken();
			const answer = asJson(
				await client().callApi(callWith(token), get(`${USER_INFO_PATH}?openid=${USER}&lang=zh_CN`)),
			);
			assert.equal(answer.refusal, undefined);
			assert.equal((answer.json as { openid?: unknown }).openid, USER);
			assert.deepEqual(env.sandbox.requests.at(-1)?.query, { openid: USER, lang: 'zh_CN', access_token: token });
			assert.equal(env.sandbox.requests.at(-1)?.rawBody, '', 'a GET sends no body');
		});
	});

	describe('the token: the file’s own is never sent, the real one exactly once', () => {
		for (const written of [
			'access_token=SOMETHING',
			'ACCESS_TOKEN=SOMETHING',
			'access%5Ftoken=SOMETHING',
			'access_token',
		]) {
			it(`${written} in the file's query is replaced by the token in force`, async () => {
				const token = await stableToken();
				const tap = recordRequestTargets();
				try {
					const answer = asJson(
						await client().callApi(
							callWith(token),
							get(`${USER_INFO_PATH}?${written}&openid=${USER}&lang=zh_CN`),
						),
					);
					assert.equal(answer.refusal, undefined, answer.text);
				} finally {
					tap.stop();
				}
				const target = tap.targets.find((url) => url.startsWith(USER_INFO_PATH));
				assert.ok(target !== undefined, tap.targets.join('\n'));
				const names = [...new URL(target, 'http://x').searchParams.keys()];
				assert.deepEqual(
					names.filter((name) => name.toLowerCase() === 'access_token'),
					['access_token'],
					target,
				);
				assert.ok(!target.includes('SOMETHING'), target);
				assert.deepEqual(env.sandbox.requests.at(-1)?.query, {
					openid: USER,
					lang: 'zh_CN',
					access_token: token,
				});
			});
		}

		it('withoutAccessToken: only the access_token parameter goes, whatever its case or escaping', () => {
			assert.equal(withoutAccessToken('/cgi-bin/menu/get'), '/cgi-bin/menu/get');
			assert.equal(withoutAccessToken('/cgi-bin/menu/get?access_token=x'), '/cgi-bin/menu/get');
			assert.equal(withoutAccessToken('/cgi-bin/menu/get?'), '/cgi-bin/menu/get');
			assert.equal(
				withoutAccessToken('/cgi-bin/user/info?openid=o1&Access_Token=x&lang=zh_CN&access%5ftoken=y'),
				'/cgi-bin/user/info?openid=o1&lang=zh_CN',
			);
			assert.equal(
				withoutAccessToken('/a?my_access_token=1&access_token_x=2&q=%E4%BD%A0'),
				'/a?my_access_token=1&access_token_x=2&q=%E4%BD%A0',
				'other names and their escapes are kept as written',
			);
			assert.equal(
				withoutAccessToken('/a?%E0%A4%A=1&access_token=2'),
				'/a?%E0%A4%A=1',
				'a broken escape is kept',
			);
		});
	});

	describe('the body and its content type', () => {
		it('sent exactly as written: Chinese unescaped reaches WeChat as UTF-8, whitespace and key order kept', async () => {
			const token = await stableToken();
			const body = `{\n  "touser": "${USER}",\n  "msgtype":"text",\n  "text": { "content": "你好，世界 👋 \\u00e9" }\n}`;
			const answer = asJson(await client().callApi(callWith(token), post(CUSTOM_SEND_PATH, body)));
			assert.equal(answer.refusal, undefined, answer.text);
			const received = env.sandbox.requests.at(-1);
			assert.equal(received?.rawBody, body);
			assert.equal(received?.headers['content-length'], String(Buffer.byteLength(body, 'utf8')));
			assert.equal(
				(received?.body as { text?: { content?: string } } | undefined)?.text?.content,
				'你好，世界 👋 é',
			);
		});

		it('a POST without Content-Type is sent as application/json', async () => {
			const token = await stableToken();
			await client().callApi(callWith(token), post(CUSTOM_SEND_PATH, TEXT_MESSAGE));
			assert.equal(env.sandbox.requests.at(-1)?.headers['content-type'], 'application/json');
		});

		it('a Content-Type the file names is kept, whatever the case of its name, and sent once', async () => {
			const token = await stableToken();
			await client().callApi(
				callWith(token),
				post(CUSTOM_SEND_PATH, TEXT_MESSAGE, [
					['CONTENT-TYPE', 'application/json; charset=utf-8'],
					['X-Trace', 'abc'],
				]),
			);
			const headers = env.sandbox.requests.at(-1)?.headers;
			assert.equal(headers?.['content-type'], 'application/json; charset=utf-8');
			assert.equal(headers?.['x-trace'], 'abc');
		});

		it('a GET gets no Content-Type', async () => {
			const token = await stableToken();
			await client().callApi(callWith(token), get(`${USER_INFO_PATH}?openid=${USER}`));
			assert.equal(env.sandbox.requests.at(-1)?.headers['content-type'], undefined);
		});
	});

	describe('Mini Program codes', () => {
		it('getwxacodeunlimit: an image/png answer whose bytes are a valid PNG of the asked width', async () => {
			const token = await stableToken();
			const body = JSON.stringify({ scene: 'id=42', page: 'pages/index/index', width: 300 });
			const answer = await client().callApi(callWith(token), post(UNLIMITED_CODE_PATH, body));
			assert.equal(answer.kind, 'image');
			assert.equal(answer.status, 200);
			assert.equal(answer.contentType, 'image/png');
			const bytes = answer.kind === 'image' ? answer.bytes : new Uint8Array();
			assert.ok(bytes instanceof Uint8Array);
			const png = decodePng(Buffer.from(bytes));
			assert.equal(png.width, 300);
			assert.equal(png.height, 300);
		});

		it('41030 from getwxacodeunlimit (a page with a leading /): JSON with the refusal, not an image', async () => {
			const token = await stableToken();
			const body = JSON.stringify({ scene: 'id=42', page: '/pages/index/index' });
			const answer = asJson(await client().callApi(callWith(token), post(UNLIMITED_CODE_PATH, body)));
			assert.equal(answer.refusal?.errcode, 41030);
			assert.match(answer.refusal?.rid ?? '', RID);
		});
	});

	describe('what is not WeChat’s JSON', () => {
		it('a gateway’s 502 page is shown as text with its status, not thrown', async () => {
			const token = await stableToken();
			env.sandbox.addFault({ kind: 'http-error', status: 502, path: USER_INFO_PATH, times: 1 });
			const answer = await client().callApi(callWith(token), get(`${USER_INFO_PATH}?openid=${USER}`));
			assert.equal(answer.kind, 'text');
			assert.equal(answer.status, 502);
			assert.match(answer.kind === 'text' ? answer.text : '', /502/);
		});

		it('a server quoting the request (the token in its query) gets the token and the AppSecret blanked', async () => {
			const token = await stableToken();
			env.sandbox.addFault({ kind: 'echo', path: CUSTOM_SEND_PATH, times: 1 });
			const body = JSON.stringify({
				touser: USER,
				msgtype: 'text',
				text: { content: SANDBOX_WECHAT_APP.appSecret },
			});
			const answer = asJson(await client().callApi(callWith(token), post(CUSTOM_SEND_PATH, body)));
			assert.equal(answer.refusal?.errcode, 47001);
			assert.match(
				answer.refusal?.errmsg ?? '',
				/bad request, as received: POST \/cgi-bin\/message\/custom\/send\?access_token=•••/,
			);
			for (const secret of [token, SANDBOX_WECHAT_APP.appSecret]) {
				assert.ok(!answer.text.includes(secret), 'text');
				assert.ok(!JSON.stringify(answer.json).includes(secret), 'json');
				assert.ok(!answer.refusal?.errmsg.includes(secret), 'errmsg');
			}
		});
	});

	describe('failures of the call are TokenErrors', () => {
		it('cancelled through the AbortSignal while waiting: "cancelled"', async () => {
			const token = await stableToken();
			env.sandbox.addFault({ kind: 'slow', delayMs: 2000, path: CUSTOM_SEND_PATH, times: 1 });
			const controller = new AbortController();
			const pending = client().callApi(
				{ ...callWith(token), signal: controller.signal },
				post(CUSTOM_SEND_PATH, TEXT_MESSAGE),
			);
			setTimeout(() => controller.abort(), 50);
			await assert.rejects(pending, rejectsWith('cancelled'));
		});

		it('already cancelled: "cancelled", and nothing is sent', async () => {
			const token = await stableToken();
			const count = env.sandbox.countRequests();
			await assert.rejects(
				client().callApi(
					{ ...callWith(token), signal: AbortSignal.abort() },
					post(CUSTOM_SEND_PATH, TEXT_MESSAGE),
				),
				rejectsWith('cancelled'),
			);
			assert.equal(env.sandbox.countRequests(), count);
		});

		it('no complete answer within the timeout: "timeout"', async () => {
			const token = await stableToken();
			env.sandbox.addFault({ kind: 'slow', delayMs: 2000, path: CUSTOM_SEND_PATH, times: 1 });
			await assert.rejects(
				client(200).callApi(callWith(token), post(CUSTOM_SEND_PATH, TEXT_MESSAGE)),
				rejectsWith('timeout'),
			);
		});

		it('a refused connection: "network"; plain http to another host: "invalid-host" before anything is sent', async () => {
			const token = await stableToken();
			await assert.rejects(
				client().callApi({ ...callWith(token), apiHost: 'http://127.0.0.1:9' }, get(USER_INFO_PATH)),
				rejectsWith('network'),
			);
			const count = env.sandbox.countRequests();
			await assert.rejects(
				client().callApi(
					{ ...callWith(token), apiHost: `http://127.0.0.2:${env.sandbox.port}` },
					get(USER_INFO_PATH),
				),
				rejectsWith('invalid-host'),
			);
			assert.equal(env.sandbox.countRequests(), count);
		});
	});
});

describe('HttpTransport: a verbatim body, binary answers and a larger cap, over loopback to the sandbox', () => {
	const env = useSandbox();
	const transport = () => new HttpTransport({ timeoutMs: 5000 });

	it('body: sent as given with the content type of its headers; json still wins when given', async () => {
		const body = '{"a": "中文",  "b":1}';
		await transport().send({
			method: 'POST',
			baseUrl: env.sandbox.url,
			path: CUSTOM_SEND_PATH,
			headers: { 'content-type': 'text/plain' },
			body,
		});
		const received = env.sandbox.requests.at(-1);
		assert.equal(received?.rawBody, body);
		assert.equal(received?.headers['content-type'], 'text/plain');
		await transport().send({ method: 'POST', baseUrl: env.sandbox.url, path: CUSTOM_SEND_PATH, json: { c: '中' } });
		assert.equal(env.sandbox.requests.at(-1)?.rawBody, '{"c":"中"}');
		assert.equal(env.sandbox.requests.at(-1)?.headers['content-type'], 'application/json');
	});

	it('responseType bytes: the raw bytes beside the decoded text and the parsed JSON; text alone without it', async () => {
		const asBytes = await transport().send({
			method: 'GET',
			baseUrl: env.sandbox.url,
			path: USER_INFO_PATH,
			responseType: 'bytes',
		});
		assert.ok(asBytes.bytes instanceof Uint8Array);
		assert.equal(new TextDecoder().decode(asBytes.bytes), asBytes.text);
		assert.equal((asBytes.json as { errcode?: unknown }).errcode, 41001);
		const asText = await transport().send({ method: 'GET', baseUrl: env.sandbox.url, path: USER_INFO_PATH });
		assert.equal(asText.bytes, undefined);
		assert.equal((asText.json as { errcode?: unknown }).errcode, 41001);
	});

	it('maxBodyBytes: a larger cap reads what the default refuses; a smaller one refuses', async () => {
		const size = DEFAULT_MAX_BODY_BYTES + 10_000;
		env.sandbox.addFault({ kind: 'huge-body', bytes: size, path: USER_INFO_PATH });
		const request = { method: 'GET', baseUrl: env.sandbox.url, path: USER_INFO_PATH } as const;
		await assert.rejects(transport().send(request), rejectsWith('bad-response'));
		const read = await transport().send({ ...request, responseType: 'bytes', maxBodyBytes: MAX_API_ANSWER_BYTES });
		assert.equal(read.bytes?.length, size);
		await assert.rejects(
			transport().send({ ...request, responseType: 'bytes', maxBodyBytes: 1000 }),
			rejectsWith('bad-response'),
		);
	});
});
