import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseRequestFile } from '../../../../src/core/wechatHttp/requestFile';
import { withAccessToken } from '../../../../src/core/wechatHttp/sendUrl';
import { checkProperty } from '../../support/properties/propertyRuns';
import { useFixedSeed } from '../jssdk/seededProperties';

const SUITE = '.wechat.http send address';
const TOKEN = '86_nGsjR2xq7Vq0kYtMZ4bL9wPc3dHfUe1Ai';
const BASES = ['https://api.weixin.qq.com', 'https://sh.api.weixin.qq.com', 'http://127.0.0.1:8378'];

/** Hosts close to the API host, and any other. */
const host = fc.oneof(
	fc.constantFrom(
		'api.weixin.qq.com',
		'API.WEIXIN.QQ.COM',
		'api.weixin.qq.com:443',
		'api.weixin.qq.com:80',
		'api.weixin.qq.com.',
		'api.weixin.qq.com.evil.com',
		'api.weixin.qq.com@evil.com',
		'evil.com@api.weixin.qq.com',
		'evil.com#@api.weixin.qq.com',
		'api.weixin.qq.com%2eevil.com',
		'127.0.0.1:8378',
		'localhost:8378',
		'[::1]:8378',
		'xn--fiq228c.com',
		'sh.api.weixin.qq.com',
	),
	fc.domain(),
);
const path = fc.constantFrom(
	'/',
	'/cgi-bin/menu/get',
	'/a/../b',
	'/%2e%2e/x',
	'/@evil.com',
	'//x',
	'/x?access_token=a&b=c',
);

describe('properties: the token goes to the app’s API host only', () => {
	useFixedSeed(0x51de);

	it('a URL written in the file is sent only when it is the base origin, and then the URL sent is on it', () => {
		checkProperty(
			SUITE,
			fc.property(
				fc.constantFrom('http', 'https', 'HTTPS'),
				host,
				path,
				fc.constantFrom(...BASES),
				(scheme, where, rest, base) => {
					const target = parseRequestFile(`GET ${scheme}://${where}${rest}`).requests[0]?.target;
					if (target === undefined) {
						return;
					}
					const sent = withAccessToken(target, base, TOKEN);
					const baseOrigin = new URL(base).origin;
					assert.equal(
						sent.ok,
						target.kind === 'url' && target.origin === baseOrigin,
						JSON.stringify([target, base]),
					);
					if (sent.ok) {
						const url = new URL(sent.url);
						assert.equal(url.origin, baseOrigin);
						assert.deepEqual(url.searchParams.getAll('access_token'), [TOKEN]);
					} else {
						assert.ok(!JSON.stringify(sent).includes(TOKEN));
					}
				},
			),
			1500,
		);
	});

	it('a path written in the file always goes to the base origin, with exactly one token', () => {
		checkProperty(
			SUITE,
			fc.property(
				fc.string({ unit: 'binary', maxLength: 60 }).map((text) => `/${text.replace(/\s/g, '')}`),
				fc.constantFrom(...BASES),
				(written, base) => {
					const target = parseRequestFile(`GET ${written}`).requests[0]?.target;
					if (target === undefined) {
						return;
					}
					const sent = withAccessToken(target, base, TOKEN);
					assert.ok(sent.ok, JSON.stringify([written, sent]));
					const url = new URL(sent.url);
					assert.equal(url.origin, new URL(base).origin);
					assert.deepEqual(url.searchParams.getAll('access_token'), [TOKEN]);
				},
			),
			1500,
		);
	});
});
