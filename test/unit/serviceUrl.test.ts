import * as assert from 'node:assert/strict';
import { TokenError } from '../../src/core/errors';
import { isLoopbackHostname, parseServiceUrl } from '../../src/core/http/serviceUrl';

describe('parseServiceUrl: where credentials may be sent', () => {
	it('accepts https hosts and normalizes them', () => {
		assert.equal(parseServiceUrl('https://api.weixin.qq.com'), 'https://api.weixin.qq.com');
		assert.equal(parseServiceUrl(' https://API.Authing.cn/ '), 'https://api.authing.cn');
		assert.equal(parseServiceUrl('https://sh.api.weixin.qq.com:8443/proxy/'), 'https://sh.api.weixin.qq.com:8443/proxy');
	});

	it('accepts plain http only on loopback', () => {
		for (const host of ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000', 'http://[::1]:9000']) {
			assert.doesNotThrow(() => parseServiceUrl(host), host);
		}
	});

	it('refuses plain http to anything else, before any request', () => {
		for (const host of ['http://api.weixin.qq.com', 'http://10.0.0.1', 'http://128.0.0.1', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io']) {
			assert.throws(() => parseServiceUrl(host), (e: unknown) => TokenError.is(e, 'invalid-host'), host);
		}
	});

	it('refuses user info, queries, fragments, traversal and other schemes without echoing a password', () => {
		const cases = [
			'https://user:hunter2@api.authing.cn',
			'https://api.authing.cn?x=1',
			'https://api.authing.cn/#frag',
			'https://api.authing.cn/a/../b',
			'https://api.authing.cn/%2e%2e/b',
			'https://api.authing.cn/a%2f..%2fb',
			'https://api.authing.cn/a%5Cb',
			'ftp://api.authing.cn',
			'api.authing.cn',
			'',
		];
		for (const host of cases) {
			assert.throws(
				() => parseServiceUrl(host),
				(e: unknown) => TokenError.is(e, 'invalid-host') && !e.message.includes('hunter2'),
				host,
			);
		}
	});

	it('knows loopback names', () => {
		assert.equal(isLoopbackHostname('127.0.0.1'), true);
		assert.equal(isLoopbackHostname('[::1]'), true);
		assert.equal(isLoopbackHostname('LOCALHOST'), true);
		assert.equal(isLoopbackHostname('127.0.0.256'), false);
		assert.equal(isLoopbackHostname('0.0.0.0'), false);
	});
});
