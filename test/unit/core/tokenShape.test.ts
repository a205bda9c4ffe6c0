import * as assert from 'node:assert/strict';
import { TOKEN_SOURCES } from '../../../src/core/tokenTypes';
import { rejectsWith } from '../support/rejectsWith';
import { requestFor, testClient, TOKEN_PATH, useSandbox } from '../support/sandboxHarness';

/** Tokens no source may hand out, each with the character the error must name. */
const UNSAFE_TOKENS: readonly (readonly [string, string])[] = [
	['86_Ab9 rm-rf', 'U+0020'],
	['86_Ab9\trest', 'U+0009'],
	['86_Ab9\nexport PATH=/tmp', 'U+000A'],
	['86_Ab9\r', 'U+000D'],
	['86_Ab9\u0000', 'U+0000'],
	['86_Ab9\u001b[2J', 'U+001B'],
	['86_Ab9;reboot', '“;” (U+003B)'],
	['86_Ab9|sh', '“|” (U+007C)'],
	['86_Ab9&&id', '“&” (U+0026)'],
	['86_Ab9$(id)', '“$” (U+0024)'],
	['86_Ab9`id`', '“`” (U+0060)'],
	['86_Ab9"x', '“"” (U+0022)'],
	["86_Ab9'x", "“'” (U+0027)"],
	['86_Ab9\\x', '“\\” (U+005C)'],
	['86_Ab9>f', '“>” (U+003E)'],
	['86_Ab9*', '“*” (U+002A)'],
	['86_Ab9#c', '“#” (U+0023)'],
	['86_Ab9!', '“!” (U+0021)'],
	['86_Ab9中', 'U+4E2D'],
	['86_Ab9\u200b', 'U+200B'],
	['86_Ab9😀', 'U+1F600'],
];

describe('tokens are checked before use: printable, no whitespace, no shell metacharacters', () => {
	const env = useSandbox();

	for (const source of TOKEN_SOURCES) {
		it(`${source}: a token with a space, a control character, a shell character or non-ASCII is a bad response that names the character, never the value`, async () => {
			const client = testClient();
			for (const [text, named] of UNSAFE_TOKENS) {
				env.sandbox.addFault({ kind: 'token', value: 'literal', text, path: TOKEN_PATH[source], times: 1 });
				await assert.rejects(
					client.fetchToken(requestFor(source, env.sandbox.url)),
					rejectsWith('bad-response', (e) => {
						assert.ok(e.message.includes(named), `${JSON.stringify(text)}: ${e.message}`);
						assert.ok(!e.message.includes('Ab9'), `the value is not shown: ${e.message}`);
					}),
					JSON.stringify(text),
				);
			}
			assert.deepEqual(client.delays, [], 'a bad token is not asked for again');
		});
	}

	it('WeChat’s tokens are [A-Za-z0-9_-]: the sources that hand out WeChat’s token refuse “.”, “+”, “/”, “=” and “~”', async () => {
		for (const source of ['authing', 'authing-management', 'wechat-stable', 'wechat'] as const) {
			for (const text of ['86_Ab9.x', '86_Ab9+x', '86_Ab9/x', '86_Ab9==', '86_Ab9~x']) {
				env.sandbox.addFault({ kind: 'token', value: 'literal', text, path: TOKEN_PATH[source], times: 1 });
				await assert.rejects(
					testClient().fetchToken(requestFor(source, env.sandbox.url)),
					rejectsWith('bad-response', (e) => assert.match(e.message, /no WeChat access token has/)),
					`${source} ${text}`,
				);
			}
			env.sandbox.addFault({
				kind: 'token',
				value: 'literal',
				text: '86_AZaz09-_',
				path: TOKEN_PATH[source],
				times: 1,
			});
			assert.equal(
				(await testClient().fetchToken(requestFor(source, env.sandbox.url))).accessToken,
				'86_AZaz09-_',
				source,
			);
		}
	});

	it('every source: a token that starts with “-” (an option to a program it is passed to) or “_” is refused, naming it', async () => {
		for (const source of TOKEN_SOURCES) {
			for (const [text, named] of [
				['-rf', '“-” (U+002D) as its first character'],
				['--output', '“-” (U+002D) as its first character'],
				['_86Ab9', '“_” (U+005F) as its first character'],
			] as const) {
				env.sandbox.addFault({ kind: 'token', value: 'literal', text, path: TOKEN_PATH[source], times: 1 });
				await assert.rejects(
					testClient().fetchToken(requestFor(source, env.sandbox.url)),
					rejectsWith('bad-response', (e) => assert.ok(e.message.includes(named), e.message)),
					`${source} ${text}`,
				);
			}
		}
	});

	it('custom: the RFC 6750 token characters pass (a JWT, base64 with padding); “=” only at the end', async () => {
		for (const text of [
			'eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
			'team~token-1.2_3+4/5==',
			'x',
		]) {
			env.sandbox.addFault({ kind: 'token', value: 'literal', text, path: TOKEN_PATH.custom, times: 1 });
			assert.equal((await testClient().fetchToken(requestFor('custom', env.sandbox.url))).accessToken, text);
		}
		env.sandbox.addFault({
			kind: 'token',
			value: 'literal',
			text: 'team=token',
			path: TOKEN_PATH.custom,
			times: 1,
		});
		await assert.rejects(
			testClient().fetchToken(requestFor('custom', env.sandbox.url)),
			rejectsWith('bad-response', (e) => assert.match(e.message, /“=” before its end/)),
		);
	});

	it('the management token is checked before it is sent back, and so is the user pool it names', async () => {
		const management = '/api/v3/get-management-token';
		env.sandbox.addFault({
			kind: 'token',
			value: 'literal',
			text: 'eyJhbGciOiJIUzI1NiJ9.e30.sig\r\nx-injected: 1',
			path: management,
			times: 1,
		});
		await assert.rejects(
			testClient().fetchToken(requestFor('authing-management', env.sandbox.url)),
			rejectsWith('bad-response', (e) =>
				assert.match(e.message, /management token with characters no bearer token has/),
			),
		);
		const claims = Buffer.from(JSON.stringify({ scoped_userpool_id: '55c501bf50733366a45615de池' })).toString(
			'base64url',
		);
		env.sandbox.addFault({
			kind: 'token',
			value: 'literal',
			text: `eyJhbGciOiJIUzI1NiJ9.${claims}.sig`,
			path: management,
			times: 1,
		});
		await assert.rejects(
			testClient().fetchToken(requestFor('authing-management', env.sandbox.url)),
			rejectsWith('bad-response', (e) =>
				assert.match(e.message, /user pool \(scoped_userpool_id\) with characters an ID cannot have/),
			),
		);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['authing-management']), 0, 'neither was sent');
	});
});
