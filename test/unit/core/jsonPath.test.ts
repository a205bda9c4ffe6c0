import * as assert from 'node:assert/strict';
import { formatJsonPath, parseJsonPath, readJsonPath } from '../../../src/core/jsonPath';
import { DEFAULT_SUCCESS_RULE, describeSuccessRule, meetsSuccessRule } from '../../../src/core/sources/successRule';
import { fillJsonTemplate } from '../../../src/core/jsonTemplate';

describe('custom source: JSON paths, the success rule and the body template', () => {
	it('parses dot paths with [n] indexes, and formats them back', () => {
		assert.deepEqual(parseJsonPath('access_token'), ['access_token']);
		assert.deepEqual(parseJsonPath(' data.token '), ['data', 'token']);
		assert.deepEqual(parseJsonPath('result[0].access_token'), ['result', 0, 'access_token']);
		assert.deepEqual(parseJsonPath('[1][2].a'), [1, 2, 'a']);
		assert.deepEqual(parseJsonPath('data.list[10]'), ['data', 'list', 10]);
		assert.deepEqual(parseJsonPath('$.data.token'), ['data', 'token'], 'JSONPath style');
		assert.deepEqual(parseJsonPath('$[0].token'), [0, 'token']);
		assert.deepEqual(parseJsonPath('$'), []);
		assert.equal(formatJsonPath([]), '$');
		for (const text of ['data.token', 'result[0].access_token', '[1][2].a']) {
			assert.equal(formatJsonPath(parseJsonPath(text) ?? []), text);
		}
	});

	it('refuses what is not such a path', () => {
		for (const bad of [
			'',
			' ',
			'a..b',
			'.a',
			'a.',
			'a[',
			'a[x]',
			'a[-1]',
			'a b',
			'a.[0]',
			'a]',
			'$.',
			'a.b'.repeat(200),
			Array(40).fill('a').join('.'),
		]) {
			assert.equal(parseJsonPath(bad), undefined, JSON.stringify(bad));
		}
	});

	it('reads own properties and list items only, undefined for anything missing', () => {
		const body = JSON.parse('{"data":{"token":"t","list":[{"x":1}]},"__proto__":{"evil":1}}') as unknown;
		assert.equal(readJsonPath(body, ['data', 'token']), 't');
		assert.equal(readJsonPath(body, ['data', 'list', 0, 'x']), 1);
		assert.equal(readJsonPath(body, ['data', 'list', 1]), undefined);
		assert.equal(readJsonPath(body, ['data', 'token', 'length']), undefined, 'strings have no path into them');
		assert.equal(readJsonPath(body, ['constructor']), undefined, 'no way into the prototype');
		assert.equal(readJsonPath(body, ['data', 'toString']), undefined);
		assert.deepEqual(readJsonPath(body, ['__proto__']), { evil: 1 }, 'a key JSON.parse made its own is just a key');
		assert.equal(readJsonPath([{ token: 'a' }], [0, 'token']), 'a');
		assert.equal(readJsonPath({ 0: 'x' }, [0]), undefined, 'an index needs a list');
	});

	it('the success rule: a value, numbers and numeric text alike, absent only with orAbsent', () => {
		const code0 = { path: ['code'], equals: 0 };
		assert.equal(meetsSuccessRule({ code: 0 }, code0), true);
		assert.equal(meetsSuccessRule({ code: '0' }, code0), true);
		assert.equal(meetsSuccessRule({ code: 1001 }, code0), false);
		assert.equal(meetsSuccessRule({}, code0), false);
		assert.equal(meetsSuccessRule({ code: null }, code0), false);
		assert.equal(meetsSuccessRule({ code: false }, code0), false);
		assert.equal(meetsSuccessRule({ statusCode: 200 }, { path: ['statusCode'], equals: 200 }), true);
		assert.equal(meetsSuccessRule({ status: 'ok' }, { path: ['status'], equals: 'ok' }), true);
		assert.equal(meetsSuccessRule({ status: 'OK' }, { path: ['status'], equals: 'ok' }), false);
		assert.equal(meetsSuccessRule({ ok: true }, { path: ['ok'], equals: true }), true);
		assert.equal(meetsSuccessRule({ ok: 'true' }, { path: ['ok'], equals: true }), false);
		assert.equal(
			meetsSuccessRule({ access_token: 'x' }, DEFAULT_SUCCESS_RULE),
			true,
			'WeChat: no errcode is success',
		);
		assert.equal(meetsSuccessRule({ errcode: 0 }, DEFAULT_SUCCESS_RULE), true);
		assert.equal(meetsSuccessRule({ errcode: null }, DEFAULT_SUCCESS_RULE), true, 'null counts as absent');
		assert.equal(meetsSuccessRule({ errcode: 40164 }, DEFAULT_SUCCESS_RULE), false);
		assert.equal(
			meetsSuccessRule('not an object', DEFAULT_SUCCESS_RULE),
			true,
			'the rule alone says nothing about the shape',
		);
		assert.equal(describeSuccessRule(DEFAULT_SUCCESS_RULE), 'errcode = 0 or absent');
		assert.equal(describeSuccessRule({ path: ['data', 'code'], equals: 'ok' }), 'data.code = "ok"');
	});

	it('fills ${appId} into every text value of a body template, keys and other values as they are', () => {
		const template = {
			appId: '${appId}',
			nested: { list: ['x-${appId}', 3, true, null] },
			'${appId}': 'key stays',
		};
		assert.deepEqual(fillJsonTemplate(template, '${appId}', 'wx4fc0121bbdb516e8'), {
			appId: 'wx4fc0121bbdb516e8',
			nested: { list: ['x-wx4fc0121bbdb516e8', 3, true, null] },
			'${appId}': 'key stays',
		});
		assert.deepEqual(template.nested.list, ['x-${appId}', 3, true, null], 'the template is not changed');
	});
});
