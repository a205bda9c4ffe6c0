import * as assert from 'node:assert/strict';
import { parseRequestFile } from '../../../../src/core/wechatHttp/requestFile';
import type { RequestTarget } from '../../../../src/core/wechatHttp/requestFile';
import { pathAndQueryOf, withAccessToken } from '../../../../src/core/wechatHttp/sendUrl';

const BASE = 'https://api.weixin.qq.com';
const TOKEN = '86_nGsjR2xq7Vq0kYtMZ4bL9wPc3dHfUe1Ai';

/** The target of a one-line request file (`GET …`), as the parser reads it. */
function target(requestLine: string): RequestTarget | undefined {
	return parseRequestFile(requestLine).requests[0]?.target;
}

function sendTo(requestLine: string, base = BASE, token = TOKEN): ReturnType<typeof withAccessToken> {
	const parsed = target(requestLine);
	assert.ok(parsed !== undefined, `${requestLine} has a target`);
	return withAccessToken(parsed, base, token);
}

describe('.wechat.http: the address a request is sent to, token included', () => {
	it('sends a path to the app’s API base, token appended last, the file’s token dropped', () => {
		assert.deepEqual(sendTo('GET /cgi-bin/user/info?access_token=STALE&openid=OPENID&lang=zh_CN'), {
			ok: true,
			url: `${BASE}/cgi-bin/user/info?openid=OPENID&lang=zh_CN&access_token=${TOKEN}`,
			redactedUrl: `${BASE}/cgi-bin/user/info?openid=OPENID&lang=zh_CN&access_token=ACCESS_TOKEN`,
		});
		assert.deepEqual(sendTo('GET /cgi-bin/get_api_domain_ip', 'http://127.0.0.1:8378'), {
			ok: true,
			url: `http://127.0.0.1:8378/cgi-bin/get_api_domain_ip?access_token=${TOKEN}`,
			redactedUrl: 'http://127.0.0.1:8378/cgi-bin/get_api_domain_ip?access_token=ACCESS_TOKEN',
		});
	});

	it('keeps a base path prefix (a proxy) for path targets, and encodes the query and the token', () => {
		const sent = sendTo(
			'GET /cgi-bin/ticket/getticket?type=jsapi&note=a+b%26c',
			'https://proxy.example.com/wechat/',
			'a/b+c',
		);
		assert.ok(sent.ok);
		assert.equal(
			sent.url,
			'https://proxy.example.com/wechat/cgi-bin/ticket/getticket?type=jsapi&note=a%20b%26c&access_token=a%2Fb%2Bc',
		);
		assert.equal(new URL(sent.url).searchParams.get('access_token'), 'a/b+c');
	});

	it('sends a full URL on the same origin: host case and an explicit default port do not matter', () => {
		for (const line of [
			'GET https://api.weixin.qq.com/cgi-bin/menu/get',
			'GET https://API.WEIXIN.QQ.COM/cgi-bin/menu/get',
			'GET https://api.weixin.qq.com:443/cgi-bin/menu/get',
			'GET https://Api.Weixin.qq.com:443/cgi-bin/menu/get?access_token=OLD',
		]) {
			const sent = sendTo(line);
			assert.ok(sent.ok, line);
			assert.equal(sent.url, `${BASE}/cgi-bin/menu/get?access_token=${TOKEN}`, line);
		}
		const local = sendTo('GET http://localhost:8378/x', 'http://LOCALHOST:8378/');
		assert.ok(local.ok);
	});

	it('never sends the token to another origin', () => {
		const cases: [string, string, string][] = [
			[
				'GET https://api.weixin.qq.com.evil.com/cgi-bin/menu/get',
				'api.weixin.qq.com.evil.com',
				'https://api.weixin.qq.com.evil.com',
			],
			['GET https://evil.com/cgi-bin/menu/get?x=https://api.weixin.qq.com', 'evil.com', 'https://evil.com'],
			['GET https://api2.weixin.qq.com/cgi-bin/menu/get', 'api2.weixin.qq.com', 'https://api2.weixin.qq.com'],
			['GET http://api.weixin.qq.com/cgi-bin/menu/get', 'api.weixin.qq.com', 'http://api.weixin.qq.com'],
			[
				'GET https://api.weixin.qq.com:8443/cgi-bin/menu/get',
				'api.weixin.qq.com:8443',
				'https://api.weixin.qq.com:8443',
			],
			['GET https://api.weixin.qq.com./cgi-bin/menu/get', 'api.weixin.qq.com.', 'https://api.weixin.qq.com.'],
		];
		for (const [line, host, origin] of cases) {
			assert.deepEqual(sendTo(line), { ok: false, problem: 'other-host', host, origin }, line);
		}
	});

	it('user info in a URL never reaches a send: the parser refuses it', () => {
		for (const line of [
			'GET https://api.weixin.qq.com@evil.com/cgi-bin/menu/get',
			'GET https://api.weixin.qq.com:443@evil.com/',
			'GET https://evil.com\\@api.weixin.qq.com/',
			'GET //evil.com/cgi-bin/menu/get',
		]) {
			assert.equal(target(line), undefined, line);
		}
		// Built by hand, past the parser: the host is still compared.
		const forged: RequestTarget = { kind: 'url', origin: 'https://evil.com', path: '/x', query: [] };
		assert.equal(withAccessToken(forged, BASE, TOKEN).ok, false);
		const sneaky: RequestTarget = { kind: 'path', path: '//evil.com/x', query: [] };
		const sent = withAccessToken(sneaky, BASE, TOKEN);
		assert.ok(!sent.ok || new URL(sent.url).origin === BASE);
	});

	it('refuses a base URL that is not an http(s) origin, and an empty token', () => {
		const path: RequestTarget = { kind: 'path', path: '/x', query: [] };
		for (const base of [
			'',
			'api.weixin.qq.com',
			'ftp://api.weixin.qq.com',
			'https://u:p@api.weixin.qq.com',
			'https://api.weixin.qq.com/?a=1',
			'https://api.weixin.qq.com/#x',
		]) {
			assert.deepEqual(withAccessToken(path, base, TOKEN), { ok: false, problem: 'bad-base-url' }, base);
		}
		assert.deepEqual(withAccessToken(path, BASE, '  '), { ok: false, problem: 'no-token' });
	});

	it('gives no token anywhere but the url: not in a refusal, not in the redacted address', () => {
		const refused = sendTo('GET https://evil.com/x');
		assert.ok(!JSON.stringify(refused).includes(TOKEN));
		const sent = sendTo('GET /x');
		assert.ok(sent.ok);
		assert.ok(!sent.redactedUrl.includes(TOKEN));
	});

	it('writes a target’s path and query without the token', () => {
		const parsed = target('GET https://api.weixin.qq.com/cgi-bin/user/get?next_openid=&access_token=X&lang=zh_CN');
		assert.ok(parsed !== undefined);
		assert.equal(pathAndQueryOf(parsed), '/cgi-bin/user/get?next_openid=&lang=zh_CN');
		assert.equal(
			pathAndQueryOf({ kind: 'path', path: '/cgi-bin/menu/get', query: [['access_token', 'x']] }),
			'/cgi-bin/menu/get',
		);
	});
});
