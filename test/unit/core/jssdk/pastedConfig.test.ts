import * as assert from 'node:assert/strict';
import { parsePastedConfig } from '../../../../src/core/jssdk/pastedConfig';

const CONFIG = {
	appId: 'wx4fc0121bbdb516e8',
	timestamp: '1414587457',
	nonceStr: 'Wm3WZYTPz0wzccnW',
	signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
};
const WITHOUT_APP_ID = { timestamp: CONFIG.timestamp, nonceStr: CONFIG.nonceStr, signature: CONFIG.signature };

function config(text: string) {
	const result = parsePastedConfig(text);
	assert.ok(result.ok, `${JSON.stringify(result)} for ${text}`);
	return result;
}

describe('JS-SDK pasted config: what a developer pastes, read without running it', () => {
	it('a whole wx.config({...}) call, with comments, both quotes, a trailing comma, debug and jsApiList', () => {
		const read = config(`
			// the page's config
			wx.config({
				debug: true, /* turn off in production */
				appId: 'wx4fc0121bbdb516e8',
				timestamp: 1414587457, // seconds
				nonceStr: "Wm3WZYTPz0wzccnW",
				signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
				jsApiList: ['updateAppMessageShareData', 'chooseImage',],
				openTagList: ['wx-open-launch-weapp'],
			});
			wx.ready(function () { console.log('ready', { a: 1 }); });`);
		assert.deepEqual(read.config, CONFIG);
		assert.deepEqual(read.unknownKeys, []);
		assert.deepEqual(read.misnamedKeys, []);
		assert.deepEqual(read.skippedExpressions, []);
	});

	it('a JavaScript object literal with unquoted keys and no appId (it is optional)', () => {
		const read = config(
			"{ timestamp: '1414587457', nonceStr: 'Wm3WZYTPz0wzccnW', signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed' }",
		);
		assert.deepEqual(read.config, WITHOUT_APP_ID);
	});

	it('JSON, also wrapped in a server’s answer; unknown keys are named, never their values', () => {
		const json = JSON.stringify({
			code: 0,
			data: { ...CONFIG, url: 'https://example.com/', jsapi_ticket: 'a-ticket-value' },
		});
		const read = config(json);
		assert.deepEqual(read.config, CONFIG);
		assert.deepEqual(read.unknownKeys, ['url', 'jsapi_ticket']);
		assert.ok(!JSON.stringify(read).includes('a-ticket-value'));
	});

	it('escapes in strings are applied, spaces in a quoted nonce kept (a padded nonce is a finding later)', () => {
		const read = config(
			'{"timestamp": "1414587457", "nonceStr": " Wm3W\\u005aYTPz0wzccnW\\t", "signature": "0f9de62f\\x63e790f9a083d5c99e95740ceb90c27ed"}',
		);
		assert.equal(read.config.nonceStr, ' Wm3WZYTPz0wzccnW\t');
		assert.equal(read.config.signature, CONFIG.signature);
	});

	it('four key: value or key=value lines from a log, quoted or not, with the misnamed keys reported', () => {
		const colon = config(
			'appId: wx4fc0121bbdb516e8\ntimestamp: 1414587457\nnonceStr: Wm3WZYTPz0wzccnW\nsignature: 0f9de62fce790f9a083d5c99e95740ceb90c27ed\n',
		);
		assert.deepEqual(colon.config, CONFIG);
		const equals = config(
			'appid = \'wx4fc0121bbdb516e8\';\r\ntimestamp=1414587457\r\nnoncestr="Wm3WZYTPz0wzccnW"\r\nsignature=0f9de62fce790f9a083d5c99e95740ceb90c27ed',
		);
		assert.deepEqual(equals.config, CONFIG);
		assert.deepEqual(equals.misnamedKeys, [
			{ key: 'appid', field: 'appId' },
			{ key: 'noncestr', field: 'nonceStr' },
		]);
		const oneLine = config(
			'timestamp: 1414587457, nonceStr: Wm3WZYTPz0wzccnW, signature: 0f9de62fce790f9a083d5c99e95740ceb90c27ed',
		);
		assert.deepEqual(oneLine.config, WITHOUT_APP_ID);
	});

	it('what wx.config reads wins over a misspelt duplicate, which is still reported', () => {
		const read = config(
			"{ nonceStr: 'right', noncestr: 'wrong', timestamp: 1414587457, signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed' }",
		);
		assert.equal(read.config.nonceStr, 'right');
		assert.deepEqual(read.misnamedKeys, [{ key: 'noncestr', field: 'nonceStr' }]);
	});

	it('a timestamp in milliseconds or as text is kept as written', () => {
		assert.equal(
			config("{ timestamp: 1414587457123, nonceStr: 'n', signature: 's' }").config.timestamp,
			'1414587457123',
		);
		assert.equal(
			config('{ "timestamp": " 1414587457", "nonceStr": "n", "signature": "s" }').config.timestamp,
			' 1414587457',
		);
	});

	it('a computed value is not a literal: the field is named, not guessed', () => {
		assert.deepEqual(
			parsePastedConfig(
				"wx.config({ appId: 'wx4fc0121bbdb516e8', timestamp: Date.now(), nonceStr: nonce, signature: 'ab' + sig, jsApiList: [] })",
			),
			{ ok: false, problem: 'not-literal', fields: ['timestamp', 'nonceStr', 'signature'], missing: [] },
		);
		assert.deepEqual(parsePastedConfig("{ timestamp: `${now}`, nonceStr: 'n' }"), {
			ok: false,
			problem: 'not-literal',
			fields: ['timestamp'],
			missing: ['signature'],
		});
		assert.deepEqual(parsePastedConfig('timestamp: Math.floor(Date.now() / 1000)\nnonceStr: n\nsignature: s'), {
			ok: false,
			problem: 'not-literal',
			fields: ['timestamp'],
			missing: [],
		});
		assert.deepEqual(parsePastedConfig("{ nonceStr, timestamp: 1, signature: 's' }"), {
			ok: false,
			problem: 'not-literal',
			fields: ['nonceStr'],
			missing: [],
		});
	});

	it('a computed appId is left out (it is optional) and reported', () => {
		const read = config("{ appId: APP_ID, timestamp: 1414587457, nonceStr: 'n', signature: 's' }");
		assert.equal(read.config.appId, undefined);
		assert.deepEqual(read.skippedExpressions, ['appId']);
	});

	it('names the required fields that are missing', () => {
		assert.deepEqual(parsePastedConfig("wx.config({ appId: 'wx4fc0121bbdb516e8', timestamp: 1414587457 })"), {
			ok: false,
			problem: 'missing-field',
			missing: ['signature', 'nonceStr'],
		});
		assert.deepEqual(parsePastedConfig("{ signature: null, nonceStr: 'n', timestamp: 1 }"), {
			ok: false,
			problem: 'missing-field',
			missing: ['signature'],
		});
	});

	it('text with none of the fields: no-fields', () => {
		for (const text of [
			'',
			'hello',
			'{ "errcode": 40001, "errmsg": "invalid credential" }',
			'wx.ready(() => {})',
		]) {
			assert.deepEqual(
				parsePastedConfig(text),
				{ ok: false, problem: 'no-fields', missing: ['signature', 'timestamp', 'nonceStr'] },
				text,
			);
		}
	});

	it('never runs what it reads and never throws on broken text', () => {
		const marker = '__pastedConfigRan';
		const hostile = [
			`{ timestamp: (globalThis.${marker} = 1), nonceStr: 'n', signature: 's' }`,
			`wx.config({ signature: '${'a'.repeat(40)}', timestamp: 1, nonceStr: "unterminated`,
			'{{{{[[[(((',
			'}}]])) , : = ;',
			'/* never closed',
			"{ 'a': `x${'${'}`, b: \\u0041 }",
		];
		for (const text of hostile) {
			assert.doesNotThrow(() => parsePastedConfig(text));
		}
		assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
		const unterminated = parsePastedConfig(hostile[1] ?? '');
		assert.ok(unterminated.ok);
		assert.equal(unterminated.config.nonceStr, 'unterminated');
	});
});
