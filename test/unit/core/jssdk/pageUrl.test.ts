import * as assert from 'node:assert/strict';
import { preparePageUrl } from '../../../../src/core/jssdk/pageUrl';

describe('JS-SDK page URL: what gets signed', () => {
	it('keeps the text as typed (trimmed): no `/` added, host case, spaces and non-ASCII left alone', () => {
		for (const url of [
			'http://mp.weixin.qq.com?params=value',
			'HTTPS://Example.COM/a b/中文?q=1&r=a=b',
			'https://example.com:8443/path/?x=%20y',
			'http://127.0.0.1:3000',
			'https://[::1]/x',
		]) {
			assert.deepEqual(preparePageUrl(`  ${url}\n`), {
				ok: true,
				url,
				fragmentRemoved: undefined,
				looksEncoded: false,
				decoded: undefined,
			});
		}
	});

	it('cuts at the first # and says what it removed', () => {
		assert.deepEqual(preparePageUrl('https://example.com/app/?from=menu#/user?id=1#top'), {
			ok: true,
			url: 'https://example.com/app/?from=menu',
			fragmentRemoved: '#/user?id=1#top',
			looksEncoded: false,
			decoded: undefined,
		});
		const bareHash = preparePageUrl('https://example.com/#');
		assert.ok(bareHash.ok);
		assert.equal(bareHash.url, 'https://example.com/');
		assert.equal(bareHash.fragmentRemoved, '#');
	});

	it('flags a wholly encoded address and decodes it once, keeping the given text to sign', () => {
		const whole = preparePageUrl('https%3A%2F%2Fexample.com%2Fpay%3Fid%3D7');
		assert.deepEqual(whole, {
			ok: true,
			url: 'https%3A%2F%2Fexample.com%2Fpay%3Fid%3D7',
			fragmentRemoved: undefined,
			looksEncoded: true,
			decoded: 'https://example.com/pay?id=7',
		});
		const pathEncoded = preparePageUrl('http://example.com%2Fpay%2Findex.html');
		assert.ok(pathEncoded.ok && pathEncoded.looksEncoded);
		assert.equal(pathEncoded.decoded, 'http://example.com/pay/index.html');
		const portEncoded = preparePageUrl('http://example.com%3A8080/pay');
		assert.ok(portEncoded.ok && portEncoded.looksEncoded);
	});

	it('does not flag an address whose query carries an encoded address (a redirect target)', () => {
		const prepared = preparePageUrl('https://example.com/login?next=https%3A%2F%2Fexample.com%2Fpay');
		assert.ok(prepared.ok);
		assert.equal(prepared.looksEncoded, false);
	});

	it('refuses what is not an absolute http(s) address, saying why', () => {
		const problems: readonly (readonly [string, string])[] = [
			['', 'empty'],
			['   \n\t', 'empty'],
			['#/home', 'empty'],
			['/pay/index.html', 'not-absolute'],
			['example.com/pay', 'not-absolute'],
			['www.example.com', 'not-absolute'],
			['example.com:8080/pay', 'not-absolute'],
			['localhost:3000', 'not-absolute'],
			['http:example.com', 'not-absolute'],
			['https://', 'not-absolute'],
			['http:\\\\example.com', 'not-absolute'],
			['ftp://example.com/file', 'not-http'],
			['file:///home/me/index.html', 'not-http'],
			['javascript:alert(1)', 'not-http'],
			['wxa://page', 'not-http'],
		];
		for (const [input, problem] of problems) {
			assert.deepEqual(preparePageUrl(input), { ok: false, problem }, JSON.stringify(input));
		}
	});
});
