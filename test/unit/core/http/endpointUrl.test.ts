import * as assert from 'node:assert/strict';
import { TokenError } from '../../../../src/core/errors';
import { parseEndpointUrl } from '../../../../src/core/http/endpointUrl';
import { isUsableAuthHeaderName, isUsableHeaderValue } from '../../../../src/core/http/headerNames';

const APP_ID = 'wx4fc0121bbdb516e8';

describe('custom source: the token server URL and the auth header', () => {
	it('fills in ${appId} (URL-encoded), keeps path and query, splits origin from the rest', () => {
		assert.deepEqual(parseEndpointUrl('https://Tokens.Example.com/wechat/token?appid=${appId}&x=1', APP_ID), {
			origin: 'https://tokens.example.com',
			pathAndQuery: `/wechat/token?appid=${APP_ID}&x=1`,
			href: `https://tokens.example.com/wechat/token?appid=${APP_ID}&x=1`,
		});
		assert.equal(
			parseEndpointUrl('https://t.example.com/apps/${appId}/token', 'a b&c').pathAndQuery,
			'/apps/a%20b%26c/token',
		);
		assert.equal(
			parseEndpointUrl('http://127.0.0.1:8080?appid=${appId}', APP_ID).pathAndQuery,
			`/?appid=${APP_ID}`,
		);
		assert.equal(parseEndpointUrl('http://localhost:9000/t', APP_ID).origin, 'http://localhost:9000');
	});

	it('refuses what parseServiceUrl refuses (but a query), and unknown placeholders, before anything is sent', () => {
		const cases = [
			'http://tokens.example.com/t',
			'http://127.0.0.2:8080/t?appid=${appId}',
			'http://[::1]:9000/t',
			'ftp://tokens.example.com/t',
			'https://user:hunter2@tokens.example.com/t',
			'https://evil.example\\@tokens.example.com/t',
			'https://tokens.example.com/t#frag',
			'https://tokens.example.com/a/../t',
			'https://tokens.example.com/%2e%2e/t',
			'https://tokens.example.com/t?secret=${appSecret}',
			'not a url',
			'',
		];
		for (const url of cases) {
			assert.throws(
				() => parseEndpointUrl(url, APP_ID),
				(e: unknown) => TokenError.is(e, 'invalid-host') && !e.message.includes('hunter2'),
				url,
			);
		}
	});

	it('auth headers: a valid name the request itself does not own, a one-line ASCII value', () => {
		for (const name of ['Authorization', 'X-Api-Key', 'x-team-key', 'Cookie']) {
			assert.ok(isUsableAuthHeaderName(name), name);
		}
		for (const name of [
			'',
			'X Api',
			'X-Key:',
			'Host',
			'content-length',
			'Content-Type',
			'Transfer-Encoding',
			'Proxy-Authorization',
			'Connection',
			'Ünïcode',
		]) {
			assert.ok(!isUsableAuthHeaderName(name), name);
		}
		assert.ok(isUsableHeaderValue('Bearer abc.def-ghi'));
		for (const value of ['', 'a\r\nX-Injected: 1', 'line\nbreak', 'café']) {
			assert.ok(!isUsableHeaderValue(value), JSON.stringify(value));
		}
	});
});
