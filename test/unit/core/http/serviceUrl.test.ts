import * as assert from 'node:assert/strict';
import { TokenError } from '../../../../src/core/errors';
import { isDirectHostname } from '../../../../src/core/http/directHosts';
import { parseServiceUrl } from '../../../../src/core/http/serviceUrl';

describe('parseServiceUrl: where credentials may be sent', () => {
	it('accepts https hosts and normalizes them', () => {
		assert.equal(parseServiceUrl('https://api.weixin.qq.com'), 'https://api.weixin.qq.com');
		assert.equal(parseServiceUrl(' https://API.Authing.cn/ '), 'https://api.authing.cn');
		assert.equal(
			parseServiceUrl('https://sh.api.weixin.qq.com:8443/proxy/'),
			'https://sh.api.weixin.qq.com:8443/proxy',
		);
	});

	it('accepts plain http only to 127.0.0.1 and localhost, the names no proxy ever gets, in VS Code or out of it', () => {
		const cases: ReadonlyArray<readonly [string, string]> = [
			['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
			['http://localhost:3000', 'http://localhost:3000'],
			// Other spellings of the same two: every request goes to the normalized form, which is what a proxy resolver sees.
			['HTTP://LOCALHOST:3000/', 'http://localhost:3000'],
			['http://127.1:8080', 'http://127.0.0.1:8080'],
		];
		for (const [host, normalized] of cases) {
			assert.equal(parseServiceUrl(host), normalized, host);
		}
	});

	it('refuses plain http to anything else, other loopback aliases included, before any request', () => {
		for (const host of [
			'http://api.weixin.qq.com',
			'http://10.0.0.1',
			'http://128.0.0.1',
			'http://localhost.evil.com',
			'http://127.0.0.1.nip.io',
			// This machine too, but by names a proxy resolver does not treat as local: http.proxy would receive the secret.
			'http://127.0.0.2:8080',
			'http://127.1.2.3',
			'http://127.255.255.254',
			'http://0.0.0.0:8080',
			'http://0:8080',
			'http://localhost.:3000',
			'http://[::ffff:127.0.0.1]:9000',
			'http://[::ffff:7f00:2]',
			'http://[::]:9000',
			// ::1 too: VS Code connects to it with Node's global agent, which NODE_USE_ENV_PROXY=1 sends through HTTP_PROXY.
			'http://[::1]:9000',
			'http://[0:0:0:0:0:0:0:1]:9000',
		]) {
			assert.throws(
				() => parseServiceUrl(host),
				(e: unknown) =>
					TokenError.is(e, 'invalid-host') &&
					/plain http is only allowed to 127\.0\.0\.1 or localhost/.test(e.message),
				host,
			);
		}
	});

	it('allows https to any host, loopback aliases included: a proxy sees only CONNECT host:port', () => {
		for (const host of [
			'https://127.0.0.2:8443',
			'https://0.0.0.0',
			'https://localhost.',
			'https://[::ffff:127.0.0.1]',
			'https://[::1]:8443',
		]) {
			assert.doesNotThrow(() => parseServiceUrl(host), host);
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

	it('knows the two direct host names, in the form URL.hostname gives them', () => {
		for (const name of ['127.0.0.1', 'localhost']) {
			assert.equal(isDirectHostname(name), true, name);
		}
		for (const name of [
			'127.0.0.2',
			'127.0.0.256',
			'0.0.0.0',
			'localhost.',
			'LOCALHOST',
			'[::1]',
			'::1',
			'[::ffff:7f00:1]',
			'',
		]) {
			assert.equal(isDirectHostname(name), false, name);
		}
	});
});
