import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { preparePageUrl } from '../../../../src/core/jssdk/pageUrl';
import { checkProperty } from '../../support/properties/propertyRuns';
import { fragment, pageAddress } from './pageUrlArbitraries';
import { useFixedSeed } from './seededProperties';

const SUITE = 'JS-SDK page URL';

const whitespace = fc.constantFrom('', ' ', '\n', '\t', '  \r\n');

describe('properties: the signed page URL is the text before the first #', () => {
	useFixedSeed(0x9a6e);

	it('any address with a fragment (and stray whitespace) signs as the trimmed text before its first #', () => {
		checkProperty(
			SUITE,
			fc.property(whitespace, pageAddress, fragment, whitespace, (before, address, hash, after) => {
				const input = `${before}${address}${hash}${after}`;
				const prepared = preparePageUrl(input);
				assert.ok(prepared.ok, JSON.stringify(input));
				const trimmed = input.trim();
				assert.equal(prepared.url, trimmed.slice(0, trimmed.indexOf('#')));
				assert.equal(prepared.url, address);
				assert.equal(prepared.fragmentRemoved, trimmed.slice(trimmed.indexOf('#')));
				assert.equal(prepared.looksEncoded, false);
			}),
			500,
		);
	});

	it('an address without a fragment is kept exactly, never re-serialized', () => {
		checkProperty(
			SUITE,
			fc.property(pageAddress, (address) => {
				const prepared = preparePageUrl(address);
				assert.ok(prepared.ok, address);
				assert.equal(prepared.url, address);
				assert.equal(prepared.fragmentRemoved, undefined);
			}),
			300,
		);
	});

	it('an address encoded whole is flagged, and decodes back to itself', () => {
		checkProperty(
			SUITE,
			fc.property(pageAddress, (address) => {
				const encoded = encodeURIComponent(address);
				const prepared = preparePageUrl(encoded);
				assert.ok(prepared.ok && prepared.looksEncoded, encoded);
				assert.equal(prepared.url, encoded);
				assert.equal(prepared.decoded, decodeURIComponent(encoded));
			}),
			300,
		);
	});
});
