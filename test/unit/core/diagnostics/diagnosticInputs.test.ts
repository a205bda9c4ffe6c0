import * as assert from 'node:assert/strict';
import { cgiPathProblem } from '../../../../src/core/diagnostics/cgiPath';
import { maskTokensInRecordedCall } from '../../../../src/core/diagnostics/recordedCall';
import { findRid, parseTypedRid } from '../../../../src/core/diagnostics/rid';

describe('diagnostics: what the user hands in, and what a recorded call shows', () => {
	describe('cgiPathProblem: an API path as the quota endpoint wants it', () => {
		for (const path of [
			'/cgi-bin/message/custom/send',
			'/wxa/getwxacodeunlimit',
			' /cgi-bin/token ',
			'/wxa/msg_sec_check',
			'/cgi-bin/openapi/quota/get',
		]) {
			it(`accepts ${JSON.stringify(path)}`, () => assert.equal(cgiPathProblem(path), undefined));
		}
		for (const [path, problem] of [
			['', 'empty'],
			['   ', 'empty'],
			['https://api.weixin.qq.com/cgi-bin/token', 'has-host'],
			['//api.weixin.qq.com/cgi-bin/token', 'has-host'],
			['api.weixin.qq.com/cgi-bin/token', 'has-host'],
			['cgi-bin/token', 'no-leading-slash'],
			['/cgi-bin/token?access_token=x', 'has-query'],
			['/cgi-bin/token#x', 'has-query'],
			['/cgi-bin/to ken', 'bad-characters'],
			['/cgi-bin//token', 'bad-characters'],
			['/cgi-bin/令牌', 'bad-characters'],
			[`/${'a'.repeat(200)}`, 'too-long'],
		] as const) {
			it(`${JSON.stringify(path.length > 40 ? `${path.slice(0, 20)}…` : path)} → ${problem}`, () =>
				assert.equal(cgiPathProblem(path), problem));
		}
	});

	describe('findRid: a rid in a text the user did not type for us', () => {
		it('after "rid:" in a pasted errmsg or JSON answer', () => {
			assert.equal(
				findRid(
					'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6543a1b2-0c3d4e5f-1a2b3c4d',
				),
				'6543a1b2-0c3d4e5f-1a2b3c4d',
			);
			assert.equal(
				findRid('{"errcode":40001,"errmsg":"invalid credential rid: 64a3b2c1-0e4a6f2d-1b3c5d7e"}'),
				'64a3b2c1-0e4a6f2d-1b3c5d7e',
			);
			assert.equal(
				findRid('RID：64a3b2c1-0e4a6f2d-1b3c5d7e'),
				'64a3b2c1-0e4a6f2d-1b3c5d7e',
				'a full-width colon, as in Chinese text',
			);
		});
		it('a rid-shaped id after "request ID", as the extension’s error messages name it, in both languages', () => {
			assert.equal(
				findRid(
					'“Shop”: WeChat refused the call … (WeChat error 40164, request ID 64a3b2c1-0e4a6f2d-1b3c5d7e)',
				),
				'64a3b2c1-0e4a6f2d-1b3c5d7e',
			);
			assert.equal(
				findRid('（微信错误 40164，请求 ID 64a3b2c1-0e4a6f2d-1b3c5d7e）'),
				'64a3b2c1-0e4a6f2d-1b3c5d7e',
			);
			assert.equal(findRid('request ID abc'), undefined, 'Authing’s request ids are not WeChat rids');
		});
		it('a rid-shaped text alone', () =>
			assert.equal(findRid('  64a3b2c1-0e4a6f2d-1b3c5d7e\n'), '64a3b2c1-0e4a6f2d-1b3c5d7e'));
		it('nothing from any other text: a token, a word, a sentence', () => {
			for (const text of ['86_Xq3abc', 'hello', 'the grid: 3', 'invalid credential', '64a3b2c1']) {
				assert.equal(findRid(text), undefined, text);
			}
		});
	});

	describe('parseTypedRid: a rid typed into the box', () => {
		it('takes an id of another shape too (WeChat says 76002 if it is wrong)', () =>
			assert.equal(parseTypedRid(' abc-123 '), 'abc-123'));
		it('takes a pasted errmsg', () =>
			assert.equal(parseTypedRid('system error rid: 64a3b2c1-0e4a6f2d-1b3c5d7e'), '64a3b2c1-0e4a6f2d-1b3c5d7e'));
		it('refuses spaces, quotes and very long text', () => {
			for (const text of ['', 'two words', '"quoted"', 'x'.repeat(65)]) {
				assert.equal(parseTypedRid(text), undefined, text);
			}
		});
	});

	describe('maskTokensInRecordedCall', () => {
		const mask = (token: string): string => `[${token.length}]`;
		it('masks access_token in a URL and blanks secrets in a query', () => {
			assert.equal(
				maskTokensInRecordedCall(
					'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3t',
					mask,
				),
				'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=•••',
			);
			assert.equal(
				maskTokensInRecordedCall('https://api.weixin.qq.com/x?access_token=86_abc%2Bdef&a=1', mask),
				'https://api.weixin.qq.com/x?access_token=[10]&a=1',
			);
		});
		it('masks tokens and blanks secrets in a JSON body, escaped quotes included', () => {
			assert.equal(
				maskTokensInRecordedCall(
					'{"grant_type":"client_credential","appid":"wx1","secret":"ab\\"cd","access_token":"86_xyz"}',
					mask,
				),
				'{"grant_type":"client_credential","appid":"wx1","secret":"•••","access_token":"[6]"}',
			);
		});
		it('leaves a text without credentials as it is', () => {
			const text = '{"touser":"o123","msgtype":"text","text":{"content":"secret santa"}}';
			assert.equal(maskTokensInRecordedCall(text, mask), text);
		});
	});
});
