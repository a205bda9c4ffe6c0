import * as assert from 'node:assert/strict';
import { TokenError } from '../../src/core/errors';
import { redactTokenError, secretsOf } from '../../src/core/redactSecrets';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { requestFor } from './support/sandboxHarness';

describe('redactSecrets: what a server echoes back never leaves the client', () => {
	it('knows the secrets each request carries', () => {
		assert.deepEqual(secretsOf(requestFor('wechat-stable', 'https://api.weixin.qq.com')), [SANDBOX_WECHAT_APP.appSecret]);
		assert.deepEqual(secretsOf(requestFor('authing-management', 'https://api.authing.cn')), [SANDBOX_WECHAT_APP.appSecret, SANDBOX_AUTHING.accessKeySecret]);
		assert.deepEqual(secretsOf(requestFor('authing', 'https://x.authing.cn', { userAccessToken: `Bearer ${SANDBOX_AUTHING.userAccessToken}` })), [
			SANDBOX_WECHAT_APP.appSecret,
			SANDBOX_AUTHING.userAccessToken,
		]);
	});

	it('blanks them in the message, the upstream message and the whole cause chain; keeps reason and details', () => {
		const secret = SANDBOX_WECHAT_APP.appSecret;
		const cause = new Error(`inner ${secret}`, { cause: new Error(`innermost ${secret}`) });
		const error = new TokenError('invalid-app-secret', `refused: ${secret}`, { errcode: 40125, upstreamMessage: `bad ${secret}`, requestId: 'r-1' }, { cause });
		const redacted = redactTokenError(error, [secret]);
		const texts = [redacted.message, redacted.stack ?? '', JSON.stringify(redacted.details)];
		for (let c: unknown = redacted.cause; c instanceof Error; c = c.cause) {
			texts.push(c.message, c.stack ?? '');
		}
		assert.ok(texts.every((text) => !text.includes(secret)), texts.join('\n'));
		assert.equal(texts.filter((text) => text.includes('•••')).length >= 4, true);
		assert.equal(redacted.reason, 'invalid-app-secret');
		assert.deepEqual({ ...redacted.details, upstreamMessage: undefined }, { errcode: 40125, requestId: 'r-1', upstreamMessage: undefined });
	});

	it('returns the very same error when there is nothing to blank', () => {
		const error = new TokenError('network', 'Could not reach https://api.weixin.qq.com.');
		assert.equal(redactTokenError(error, [SANDBOX_WECHAT_APP.appSecret]), error);
	});
});
