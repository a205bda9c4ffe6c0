import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { checkTokenShape } from '../../../src/core/tokenShape';
import type { AccessToken, TokenSourceKind } from '../../../src/core/tokenTypes';
import { TOKEN_SOURCES } from '../../../src/core/tokenTypes';
import { checkProperty, outcomeOf } from '../support/properties/propertyRuns';

const SUITE = 'token shapes';

/** What a shell treats specially somewhere in a command line, whitespace included. */
const SHELL_SPECIAL = new Set([...' \t\n\r|&;<>()$`\\"\'*?[]#!{}%^', '\u000b', '\f']);

/** Well-formed tokens: a letter or a digit first (a leading `-` would read as an option on a command line). */
const wechatToken = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/);
const bearerToken = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-._~+/]{0,199}={0,2}$/);

/** A character from anywhere: ASCII punctuation and controls often, any code point (astral ones too) otherwise. */
const anyCharacter = fc.oneof(
	fc.constantFrom(
		...SHELL_SPECIAL,
		'\u0000',
		'\u001b',
		'\u007f',
		'\u00a0',
		'\u200b',
		'\u2028',
		'\ufeff',
		'中',
		'😀',
		'.',
		'+',
		'/',
		'=',
		'~',
		',',
	),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** A token with one character put in at some place. */
const withInserted = (token: fc.Arbitrary<string>): fc.Arbitrary<string> =>
	fc.tuple(token, anyCharacter, fc.nat()).map(([value, character, at]) => {
		const index = at % (value.length + 1);
		return value.slice(0, index) + character + value.slice(index);
	});

const source = fc.constantFrom(...TOKEN_SOURCES);
const candidates = fc.oneof(
	wechatToken,
	bearerToken,
	withInserted(wechatToken),
	withInserted(bearerToken),
	fc.string({ unit: 'binary', maxLength: 40 }),
);

function tokenOf(accessToken: string, kind: TokenSourceKind): AccessToken {
	return { accessToken, expiresAt: 2_000_000_000_000, source: kind, fetchedAt: 1_999_999_000_000 };
}

/** The whole message, the value nowhere in it: at most one character of it, named by its code point. */
const REFUSAL =
	/^The access token in the answer has (the character (“[\x21-\x7e]” \()?U\+[0-9A-F]{4,6}\)?|“[\x21-\x7e]” \(U\+[0-9A-F]{4}\) as its first character|a “=” before its end|no characters), which no (WeChat access token|bearer token \(RFC 6750\)) has; it was not used\.$/;

describe('properties: tokens are checked before use', () => {
	it('an accepted token is visible ASCII with no shell character; WeChat’s sources only [A-Za-z0-9_-]', () => {
		checkProperty(
			SUITE,
			fc.property(candidates, source, (value, kind) => {
				const result = outcomeOf(() => checkTokenShape(tokenOf(value, kind)));
				if (result.ok) {
					assert.equal(result.value.accessToken, value);
					assert.match(value, /^[A-Za-z0-9]/, 'a letter or a digit first');
					for (const character of value) {
						assert.ok(
							/^[\x21-\x7e]$/.test(character) && !SHELL_SPECIAL.has(character),
							`${JSON.stringify(value)} has ${JSON.stringify(character)}`,
						);
						assert.ok(
							kind === 'custom' || /^[A-Za-z0-9_-]$/.test(character),
							`${kind}: ${JSON.stringify(value)}`,
						);
					}
				} else {
					assert.equal(result.error.reason, 'bad-response');
					assert.match(result.error.message, REFUSAL);
				}
			}),
			4000,
		);
	});

	it('every well-formed token passes: WeChat’s shape everywhere, RFC 6750’s for custom', () => {
		checkProperty(
			SUITE,
			fc.property(wechatToken, bearerToken, source, (wechat, bearer, kind) => {
				assert.equal(checkTokenShape(tokenOf(wechat, kind)).accessToken, wechat);
				assert.equal(checkTokenShape(tokenOf(bearer, 'custom')).accessToken, bearer);
			}),
			1000,
		);
	});

	it('one whitespace, control, shell or non-ASCII character anywhere in a good token makes it refused', () => {
		const bad = anyCharacter.filter((character) => !/^[A-Za-z0-9\-._~+/=]$/.test(character));
		checkProperty(
			SUITE,
			fc.property(fc.oneof(wechatToken, bearerToken), bad, fc.nat(), source, (value, character, at, kind) => {
				const index = at % (value.length + 1);
				const spoiled = value.slice(0, index) + character + value.slice(index);
				const result = outcomeOf(() => checkTokenShape(tokenOf(spoiled, kind)));
				assert.ok(!result.ok, JSON.stringify(spoiled));
				assert.match(result.error.message, REFUSAL);
			}),
			2000,
		);
	});

	it('a token that starts with anything but a letter or a digit is refused, naming that first character', () => {
		// Characters the source allows further in: only their place is wrong.
		const sourceAndFirst = source.chain((kind) =>
			fc.tuple(
				fc.constant(kind),
				kind === 'custom' ? fc.constantFrom('-', '_', '.', '~', '+', '/') : fc.constantFrom('-', '_'),
			),
		);
		checkProperty(
			SUITE,
			fc.property(wechatToken, bearerToken, sourceAndFirst, (wechat, bearer, [kind, character]) => {
				const value = kind === 'custom' ? bearer : wechat;
				const result = outcomeOf(() => checkTokenShape(tokenOf(character + value, kind)));
				assert.ok(!result.ok, JSON.stringify(character + value));
				assert.match(result.error.message, REFUSAL);
				assert.ok(result.error.message.includes(`“${character}”`), result.error.message);
			}),
			1000,
		);
	});
});
