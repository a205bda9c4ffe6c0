import * as assert from 'node:assert/strict';
import {
	jsSdkString1,
	makeNonce,
	NONCE_LENGTH,
	signJsSdk,
	unixSeconds,
} from '../../../../src/core/jssdk/jsSdkSignature';
import { OFFICIAL_EXAMPLE } from './officialExample';

const { jsapiTicket, nonceStr, timestamp } = OFFICIAL_EXAMPLE;

describe('JS-SDK signature: WeChat’s algorithm', () => {
	it('builds string1 of the official example exactly: names sorted, values raw', () => {
		assert.equal(
			jsSdkString1({ jsapiTicket, nonceStr, timestamp, url: OFFICIAL_EXAMPLE.withQuery.url }),
			`jsapi_ticket=${jsapiTicket}&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value`,
		);
	});

	it('signs the official example with a query: 0f9de62f…', () => {
		const signature = signJsSdk({ jsapiTicket, nonceStr, timestamp, url: OFFICIAL_EXAMPLE.withQuery.url });
		assert.equal(signature, OFFICIAL_EXAMPLE.withQuery.signature);
	});

	it('signs the official example without a query: f4d90daf…', () => {
		const signature = signJsSdk({ jsapiTicket, nonceStr, timestamp, url: OFFICIAL_EXAMPLE.bare.url });
		assert.equal(signature, OFFICIAL_EXAMPLE.bare.signature);
	});

	it('takes the timestamp as a number or as text alike', () => {
		const url = OFFICIAL_EXAMPLE.bare.url;
		assert.equal(
			signJsSdk({ jsapiTicket, nonceStr, timestamp: Number(timestamp), url }),
			OFFICIAL_EXAMPLE.bare.signature,
		);
	});

	it('makes 16-character nonces of letters and digits, different every time', () => {
		const nonces = Array.from({ length: 200 }, () => makeNonce());
		for (const nonce of nonces) {
			assert.equal(nonce.length, NONCE_LENGTH);
			assert.match(nonce, /^[A-Za-z0-9]{16}$/);
		}
		assert.equal(new Set(nonces).size, nonces.length);
		const seen = new Set(nonces.join(''));
		assert.ok(seen.size > 50, `uses most of the alphabet (${seen.size} of 62 in 3200 characters)`);
	});

	it('gives Unix seconds for a clock in milliseconds, rounding down', () => {
		assert.equal(unixSeconds(1_414_587_457_999), 1_414_587_457);
		assert.equal(unixSeconds(1_414_587_457_000), 1_414_587_457);
		assert.equal(unixSeconds(0), 0);
	});
});
