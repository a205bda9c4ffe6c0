import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { findJsonSyntaxError } from '../../../../src/core/wechatHttp/jsonSyntax';
import { checkProperty } from '../../support/properties/propertyRuns';
import { useFixedSeed } from '../jssdk/seededProperties';

const SUITE = 'JSON syntax of request bodies';

function parses(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/** JSON text, then one character inserted, removed or replaced: mostly broken, sometimes still valid. */
const mutatedJson = fc
	.tuple(
		fc.json(),
		fc.nat(),
		fc.constantFrom('insert', 'remove', 'replace'),
		fc.constantFrom(...'{}[]:,"\\ \n\t0-1.eE+tfnul\u00e9你\u0001x\''.split('')),
	)
	.map(([text, at, how, char]) => {
		const index = text.length === 0 ? 0 : at % text.length;
		switch (how) {
			case 'insert':
				return text.slice(0, index) + char + text.slice(index);
			case 'remove':
				return text.slice(0, index) + text.slice(index + 1);
			case 'replace':
				return text.slice(0, index) + char + text.slice(index + 1);
		}
	});

describe('properties: the JSON checker agrees with JSON.parse', () => {
	useFixedSeed(0x15a7);

	it('finds no error in any JSON text fast-check writes', () => {
		checkProperty(
			SUITE,
			fc.property(fc.json(), (text) => {
				assert.equal(findJsonSyntaxError(text), undefined, text);
			}),
			500,
		);
	});

	it('finds an error, inside the text, exactly when JSON.parse throws', () => {
		checkProperty(
			SUITE,
			fc.property(fc.oneof(mutatedJson, fc.string({ unit: 'binary' })), (text) => {
				const error = findJsonSyntaxError(text);
				assert.equal(error === undefined, parses(text), JSON.stringify(text));
				if (error !== undefined) {
					assert.ok(error.offset >= 0 && error.offset <= text.length, JSON.stringify([text, error]));
				}
			}),
			2000,
		);
	});
});
