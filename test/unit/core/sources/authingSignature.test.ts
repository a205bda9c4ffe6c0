import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signAuthingRequest, stringToSign } from '../../../../src/core/sources/authingSignature';

describe('Authing request signature (HMAC-SHA1)', () => {
	const date = new Date(Date.UTC(2026, 10, 22, 8, 0, 0));

	it('signs method, sorted brand headers and date, path and sorted body fields', () => {
		const text = stringToSign(
			'post',
			{
				date: 'D',
				'x-authing-signature-nonce': 'N',
				'x-authing-lang': 'zh-CN',
				'content-type': 'application/json',
			},
			'/api/v3/get-weixin-access-token',
			{ appSecret: 's', appId: 'wx', extra: { a: 1 } },
			'x-authing-',
		);
		assert.equal(
			text,
			'POST\ndate:D\nx-authing-lang:zh-CN\nx-authing-signature-nonce:N\n/api/v3/get-weixin-access-token?appId=wx&appSecret=s&extra={"a":1}',
		);
	});

	it('produces the authorization header from the key and the HMAC', () => {
		const { headers, signature } = signAuthingRequest({
			method: 'POST',
			path: '/p',
			body: { appId: 'wx' },
			accessKeyId: 'KEY',
			accessKeySecret: 'SECRET',
			brand: 'authing',
			date,
			nonce: 'fixed',
		});
		const expected = createHmac('sha1', 'SECRET')
			.update(
				`POST\ndate:${date.toUTCString()}\nx-authing-signature-method:HMAC-SHA1\nx-authing-signature-nonce:fixed\nx-authing-signature-version:1.0\n/p?appId=wx`,
			)
			.digest('base64');
		assert.equal(headers['authorization'], `authing KEY:${expected}`);
		assert.equal(signature, expected, 'the signature alone, for the client to keep out of error texts');
		assert.equal(headers['x-authing-signature-method'], 'HMAC-SHA1');
		assert.equal(headers['date'], date.toUTCString());
	});

	it('uses the GenAuth prefix and scheme word for GenAuth', () => {
		const { headers } = signAuthingRequest({
			method: 'POST',
			path: '/p',
			body: {},
			accessKeyId: 'K',
			accessKeySecret: 'S',
			brand: 'genauth',
			date,
		});
		assert.match(headers['authorization'] ?? '', /^genauth K:/);
		assert.equal(headers['x-genauth-signature-version'], '1.0');
		assert.equal(headers['x-authing-signature-version'], undefined);
	});
});
