import * as assert from 'node:assert/strict';
import { TokenError } from '../../../src/core/errors';
import type { RetryEvent } from '../../../src/core/http/retry';
import { redactText, redactTokenError, secretsOf } from '../../../src/core/redactSecrets';
import { SANDBOX_AUTHING, SANDBOX_TEAM, SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import { errorExposures, leaks } from '../support/exposure';
import { requestFor, teamWechatStyleRequest, testClient, TOKEN_PATH, useSandbox } from '../support/sandboxHarness';

describe('redactSecrets: what a server echoes back never leaves the client', () => {
	it('knows the secrets each request carries', () => {
		assert.deepEqual(secretsOf(requestFor('wechat-stable', 'https://api.weixin.qq.com')), [
			SANDBOX_WECHAT_APP.appSecret,
		]);
		assert.deepEqual(secretsOf(requestFor('authing-management', 'https://api.authing.cn')), [
			SANDBOX_WECHAT_APP.appSecret,
			SANDBOX_AUTHING.accessKeySecret,
		]);
		assert.deepEqual(
			secretsOf(
				requestFor('authing', 'https://x.authing.cn', {
					userAccessToken: `Bearer ${SANDBOX_AUTHING.userAccessToken}`,
				}),
			),
			[SANDBOX_WECHAT_APP.appSecret, SANDBOX_AUTHING.userAccessToken],
		);
	});

	it('blanks them in the message, the upstream message and the whole cause chain; keeps reason and details', () => {
		const secret = SANDBOX_WECHAT_APP.appSecret;
		const cause = new Error(`inner ${secret}`, { cause: new Error(`innermost ${secret}`) });
		const error = new TokenError(
			'invalid-app-secret',
			`refused: ${secret}`,
			{ errcode: 40125, upstreamMessage: `bad ${secret}`, requestId: 'r-1' },
			{ cause },
		);
		const redacted = redactTokenError(error, [secret]);
		const texts = [redacted.message, redacted.stack ?? '', JSON.stringify(redacted.details)];
		for (let c: unknown = redacted.cause; c instanceof Error; c = c.cause) {
			texts.push(c.message, c.stack ?? '');
		}
		assert.ok(
			texts.every((text) => !text.includes(secret)),
			texts.join('\n'),
		);
		assert.equal(texts.filter((text) => text.includes('•••')).length >= 4, true);
		assert.equal(redacted.reason, 'invalid-app-secret');
		assert.deepEqual(
			{ ...redacted.details, upstreamMessage: undefined },
			{ errcode: 40125, requestId: 'r-1', upstreamMessage: undefined },
		);
	});

	it('returns the very same error when there is nothing to blank', () => {
		const error = new TokenError('network', 'Could not reach https://api.weixin.qq.com.');
		assert.equal(redactTokenError(error, [SANDBOX_WECHAT_APP.appSecret]), error);
	});

	describe('secrets of any length', () => {
		it('a short secret is blanked wherever it stands alone, and the words around it stay readable', () => {
			assert.equal(
				redactText('invalid appsecret a (got "a", key=a&b=1) a', ['a']),
				'invalid appsecret ••• (got "•••", key=•••&b=1) •••',
			);
			assert.equal(redactText('x-key=k7 for k7x at 1k7', ['k7']), 'x-key=••• for k7x at 1k7');
			assert.equal(redactText('HTTP 401: header 7 refused', ['7']), 'HTTP 401: header ••• refused');
			// Characters that mean something in a pattern are taken literally.
			assert.equal(
				redactText('value (.*) refused, value .x. kept', ['(.*)']),
				'value ••• refused, value .x. kept',
			);
			assert.equal(redactText('密钥 秘 错误', ['秘']), '密钥 ••• 错误');
		});

		it('a secret of 8 characters or more is blanked even inside a longer word; the longest first', () => {
			assert.equal(redactText('appsecret=k3y-k3y-Xyz;', ['k3y-k3y-']), 'appsecret=•••Xyz;');
			assert.equal(
				redactText('authorization=Bearer abcdefgh12', ['Bearer abcdefgh12', 'abcdefgh12']),
				'authorization=•••',
			);
		});

		it('an error whose only secret is one character long is redacted too', () => {
			const error = new TokenError('unauthorized', 'refused x-team-key=Z', { upstreamMessage: 'key Z unknown' });
			const redacted = redactTokenError(error, ['Z']);
			assert.notEqual(redacted, error);
			assert.equal(redacted.message, 'refused x-team-key=•••');
			assert.equal(redacted.details.upstreamMessage, 'key ••• unknown');
		});
	});

	describe('over loopback: a gateway that quotes the whole request, credentials included', () => {
		const env = useSandbox();

		/** Every text of the final error and of each retry event's error. */
		async function failWithEcho(
			request: Parameters<ReturnType<typeof testClient>['fetchToken']>[0],
			path: string,
			status: number,
		): Promise<{ texts: string[]; retries: number }> {
			env.sandbox.addFault({ kind: 'echo', status, path });
			const events: RetryEvent[] = [];
			const error = await testClient({ onRetry: (event) => events.push(event) })
				.fetchToken(request)
				.then(
					() => assert.fail('the echo fault answers every request'),
					(e: unknown) => e,
				);
			const exposures = [
				...errorExposures(error, 'error'),
				...events.flatMap((event, i) => errorExposures(event.error, `retry ${i + 1}`)),
			];
			return { texts: exposures.map((e) => `${e.where}: ${e.text}`), retries: events.length };
		}

		it('the management token (a JWT) is blanked in the error and in every retry event', async () => {
			const { texts, retries } = await failWithEcho(
				requestFor('authing-management', env.sandbox.url),
				TOKEN_PATH['authing-management'],
				503,
			);
			const jwts = env.sandbox.requests.flatMap(
				(r) => /^Bearer (\S+)$/.exec(String(r.headers.authorization ?? ''))?.[1] ?? [],
			);
			assert.ok(jwts.length >= 1 && retries >= 1, `sent ${jwts.length} management tokens, ${retries} retries`);
			assert.deepEqual(
				leaks(
					texts.map((text) => ({ where: 'error', text })),
					[...jwts, SANDBOX_WECHAT_APP.appSecret, SANDBOX_AUTHING.accessKeySecret],
				),
				[],
			);
			// The quote is still there, so the redaction is what removed the token.
			assert.ok(
				texts.some((text) => text.includes('authorization=Bearer •••')),
				texts.join('\n'),
			);
		});

		it('the signature of the signature scheme is blanked; the access key ID, which is no secret, stays', async () => {
			const { texts, retries } = await failWithEcho(
				requestFor('authing-management', env.sandbox.url, { scheme: 'signature' }),
				TOKEN_PATH['authing-management'],
				503,
			);
			const signatures = env.sandbox.requests.flatMap(
				(r) => /^authing [^:]+:(\S+)$/.exec(String(r.headers.authorization ?? ''))?.[1] ?? [],
			);
			assert.ok(
				signatures.length >= 2 && retries >= 1,
				`${signatures.length} signed requests, ${retries} retries`,
			);
			assert.deepEqual(
				leaks(
					texts.map((text) => ({ where: 'error', text })),
					[...signatures, SANDBOX_WECHAT_APP.appSecret],
				),
				[],
			);
			assert.ok(
				texts.some((text) => text.includes(`authorization=authing ${SANDBOX_AUTHING.accessKeyId}:•••`)),
				texts.join('\n'),
			);
		});

		it('a one-character auth header value is blanked where it is quoted; the rest of the quote stays readable', async () => {
			const request = { ...teamWechatStyleRequest(env.sandbox.url), authHeaderValue: 'Z' };
			const { texts } = await failWithEcho(request, '/team/wechat/token', 400);
			assert.ok(
				texts.some((text) => text.includes('x-team-key=••• ')),
				texts.join('\n'),
			);
			assert.ok(!texts.some((text) => /x-team-key=Z\b/.test(text)), texts.join('\n'));
			assert.ok(
				texts.some((text) => text.includes('GET /team/wechat/token')),
				'the rest of the quote is left as it was',
			);
		});

		it('the other sources: every secret they send is blanked in the quote', async () => {
			const cases = [
				{
					request: requestFor('wechat', env.sandbox.url),
					path: TOKEN_PATH.wechat,
					secrets: [SANDBOX_WECHAT_APP.appSecret],
				},
				{
					request: requestFor('wechat-stable', env.sandbox.url),
					path: TOKEN_PATH['wechat-stable'],
					secrets: [SANDBOX_WECHAT_APP.appSecret],
				},
				{
					request: requestFor('authing', env.sandbox.url, {
						userAccessToken: SANDBOX_AUTHING.userAccessToken,
					}),
					path: TOKEN_PATH.authing,
					secrets: [SANDBOX_WECHAT_APP.appSecret, SANDBOX_AUTHING.userAccessToken],
				},
				{
					request: requestFor('custom', env.sandbox.url),
					path: TOKEN_PATH.custom,
					secrets: [SANDBOX_TEAM.envelopeBearerToken],
				},
			];
			for (const { request, path, secrets } of cases) {
				const { texts } = await failWithEcho(request, path, 400);
				assert.ok(
					texts.some((text) => text.includes('•••')),
					`${request.source}: ${texts.join('\n')}`,
				);
				assert.deepEqual(
					leaks(
						texts.map((text) => ({ where: request.source, text })),
						secrets,
					),
					[],
				);
				env.sandbox.reset();
			}
		});
	});
});
