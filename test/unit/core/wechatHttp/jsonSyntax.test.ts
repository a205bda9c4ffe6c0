import * as assert from 'node:assert/strict';
import { findJsonSyntaxError } from '../../../../src/core/wechatHttp/jsonSyntax';

describe('JSON syntax errors with their position', () => {
	it('accepts what JSON.parse accepts: nesting, escapes, numbers, literals, Chinese, whitespace around', () => {
		for (const text of [
			'{}',
			'[]',
			' \t\r\n{ "a" : [ 1 , -0.5e+10 , 2E-3 , true , false , null , "x\\u4F60\\n\\"" ] , "b" : { } }\n',
			'"字符串"',
			'0',
			'-12.5',
			'[[[[[]]]]]',
			'{"touser":"OPENID","text":{"content":"你好"}}',
		]) {
			assert.doesNotThrow(() => JSON.parse(text), text);
			assert.equal(findJsonSyntaxError(text), undefined, text);
		}
	});

	it('says where and why the rest fails', () => {
		const cases: [string, string, number][] = [
			['', 'unexpected-end', 0],
			['   ', 'unexpected-end', 3],
			['{', 'unexpected-end', 1],
			['{"a"', 'unexpected-end', 4],
			['{"a":', 'unexpected-end', 5],
			['[1,', 'unexpected-end', 3],
			['[1,]', 'unexpected-character', 3],
			['{"a":1,}', 'unexpected-character', 7],
			["{'a':1}", 'unexpected-character', 1],
			['{a:1}', 'unexpected-character', 1],
			['{"a" 1}', 'unexpected-character', 5],
			['[1 2]', 'unexpected-character', 3],
			['// comment\n{}', 'unexpected-character', 0],
			['tru', 'unexpected-end', 3],
			['trux', 'unexpected-character', 3],
			['NaN', 'unexpected-character', 0],
			['"a\nb"', 'control-character', 2],
			['"\\q"', 'bad-escape', 2],
			['"\\u12G4"', 'bad-escape', 5],
			['"\\u12', 'unexpected-end', 5],
			['"abc', 'unexpected-end', 4],
			['01', 'bad-number', 1],
			['-', 'unexpected-end', 1],
			['-a', 'bad-number', 1],
			['1.', 'unexpected-end', 2],
			['1.e5', 'bad-number', 2],
			['1e', 'unexpected-end', 2],
			['+1', 'unexpected-character', 0],
			['{} {}', 'trailing-text', 3],
			['\uFEFF{}', 'unexpected-character', 0],
		];
		for (const [text, kind, offset] of cases) {
			assert.throws(() => JSON.parse(text), SyntaxError, text);
			assert.deepEqual(findJsonSyntaxError(text), { kind, offset }, JSON.stringify(text));
		}
	});

	it('handles nesting far deeper than any stack without recursing', () => {
		const depth = 200_000;
		assert.equal(findJsonSyntaxError(`${'['.repeat(depth)}${']'.repeat(depth)}`), undefined);
		assert.deepEqual(findJsonSyntaxError(`${'{"a":'.repeat(depth)}1`), {
			kind: 'unexpected-end',
			offset: depth * 5 + 1,
		});
	});
});
