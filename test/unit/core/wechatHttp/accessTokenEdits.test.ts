import * as assert from 'node:assert/strict';
import { removeAccessTokenEdits } from '../../../../src/core/wechatHttp/accessTokenEdits';
import { parseRequestFile } from '../../../../src/core/wechatHttp/requestFile';

const TOKEN = '86_nGsjR2xq7Vq0kYtMZ4bL9wPc3dHfUe1Ai';

describe('.wechat.http: removing the tokens written into a file', () => {
	it('gives one edit per request line and one per header or body value, in file order', () => {
		const text = [
			'### a',
			`GET /cgi-bin/user/info?access_token=${TOKEN}&openid=OPENID&access_token=OTHER`,
			'',
			'### b',
			`POST https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=${TOKEN}`,
			`Referer: https://example.com/?access_token=${TOKEN}`,
			'',
			`{"access_token": "${TOKEN}", "touser": "OPENID"}`,
		].join('\r\n');
		const line1 = `GET /cgi-bin/user/info?access_token=${TOKEN}&openid=OPENID&access_token=OTHER`;
		const line4 = `POST https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=${TOKEN}`;
		const line5 = `Referer: https://example.com/?access_token=${TOKEN}`;
		const line7 = `{"access_token": "${TOKEN}", "touser": "OPENID"}`;
		assert.deepEqual(removeAccessTokenEdits(text), [
			{
				range: { startLine: 1, startColumn: line1.indexOf('?'), endLine: 1, endColumn: line1.length },
				newText: '?openid=OPENID',
			},
			{
				range: { startLine: 4, startColumn: line4.indexOf('?'), endLine: 4, endColumn: line4.length },
				newText: '',
			},
			{
				range: { startLine: 5, startColumn: line5.indexOf(TOKEN), endLine: 5, endColumn: line5.length },
				newText: '',
			},
			{
				range: {
					startLine: 7,
					startColumn: line7.indexOf(TOKEN),
					endLine: 7,
					endColumn: line7.indexOf(TOKEN) + TOKEN.length,
				},
				newText: '',
			},
		]);
	});

	it('leaves placeholders, template variables and empty values alone', () => {
		const text = [
			'POST /cgi-bin/menu/create?access_token=',
			'X-Note: access_token=ACCESS_TOKEN',
			'',
			'{"access_token": "{{token}}", "note": "access_token=YOUR_ACCESS_TOKEN_HERE"}',
		].join('\n');
		assert.deepEqual(removeAccessTokenEdits(text), []);
		assert.deepEqual(parseRequestFile(text).requests[0]?.problems, []);
	});

	it('has nothing to do in an empty file', () => {
		assert.deepEqual(removeAccessTokenEdits(''), []);
	});
});
