import * as assert from 'node:assert/strict';
import { CREDENTIAL_ERROR_REASONS, CredentialError } from '../../../src/app/appErrors';
import { actionLabel, ERROR_ACTIONS, errorSummary, presentError } from '../../../src/app/errorMessages';
import { TOKEN_ERROR_REASONS, TokenError } from '../../../src/core/errors';
import { SANDBOX_CALLER_IP } from '../../sandbox/fixtures';
import { englishL10n as l10n } from '../support/englishL10n';
import { requestFor, testClient, TOKEN_PATH, useSandbox } from '../support/sandboxHarness';

const context = { appName: 'Shop', host: 'https://api.weixin.qq.com', source: 'wechat-stable' as const, timeoutSeconds: 15 };

describe('error messages: every failure says what to do', () => {
	const reasons = [...TOKEN_ERROR_REASONS.filter((reason) => reason !== 'cancelled'), ...CREDENTIAL_ERROR_REASONS];
	const errorFor = (reason: (typeof reasons)[number]): Error =>
		(CREDENTIAL_ERROR_REASONS as readonly string[]).includes(reason)
			? new CredentialError(reason as (typeof CREDENTIAL_ERROR_REASONS)[number], 'english text')
			: new TokenError(reason as (typeof TOKEN_ERROR_REASONS)[number], 'english text');

	for (const reason of reasons) {
		it(`${reason}: a message naming the app, and at least one action`, () => {
			const presentation = presentError(errorFor(reason), context, l10n);
			assert.ok(presentation);
			assert.match(presentation.message, /^“Shop”: \S/);
			assert.ok(!presentation.message.includes('english text'), 'the core’s English message is for the log, not the user');
			assert.ok(!presentation.message.includes('{'), presentation.message);
			assert.ok(presentation.actions.length > 0);
			assert.ok(presentation.actions.every((action) => ERROR_ACTIONS.includes(action)));
		});
	}

	it('cancelling is silent', () => {
		assert.equal(presentError(new TokenError('cancelled', 'The request was cancelled.'), context, l10n), undefined);
	});

	it('a short summary for every reason, all different', () => {
		const summaries = reasons.map((reason) => errorSummary(errorFor(reason), l10n));
		assert.equal(new Set(summaries).size, reasons.length);
		assert.equal(errorSummary(new Error('boom'), l10n), 'failed');
	});

	it('the actions that fix each kind of failure', () => {
		const actions = (error: Error, source: 'authing' | 'authing-management' | 'wechat-stable' = 'wechat-stable'): readonly string[] =>
			presentError(error, { ...context, source }, l10n)?.actions ?? [];
		assert.equal(actions(new TokenError('invalid-app-secret', ''))[0], 'setCredentials');
		assert.equal(actions(new TokenError('ip-not-whitelisted', ''))[0], 'openIpWhitelistDocs');
		assert.equal(actions(new TokenError('invalid-app-id', ''))[0], 'openSettings');
		assert.equal(actions(new TokenError('invalid-host', ''))[0], 'openSettings');
		assert.equal(actions(new TokenError('network', ''))[0], 'retry');
		assert.equal(actions(new TokenError('unauthorized', ''), 'authing-management')[0], 'setCredentials');
		assert.equal(actions(new CredentialError('credentials-missing', ''))[0], 'setCredentials');
		assert.equal(actions(new CredentialError('secret-storage-unavailable', ''))[0], 'showLog');
	});

	it('names the IP, WeChat’s errcode and the request id when known', () => {
		const error = new TokenError('ip-not-whitelisted', 'x', { ip: '203.0.113.7', errcode: 40164, requestId: '6543a1b2-0c3d4e5f-1a2b3c4d' });
		assert.equal(
			presentError(error, context, l10n)?.message,
			'“Shop”: WeChat refused the call from IP 203.0.113.7: it is not in the app’s API IP whitelist. Add it on the WeChat platform (Development → Basic settings → IP whitelist), then retry. (WeChat error 40164, request ID 6543a1b2-0c3d4e5f-1a2b3c4d)',
		);
	});

	it('names the host and the timeout', () => {
		assert.match(presentError(new TokenError('timeout', ''), context, l10n)?.message ?? '', /No answer from https:\/\/api\.weixin\.qq\.com within 15 seconds/);
		assert.match(presentError(new TokenError('network', ''), context, l10n)?.message ?? '', /Could not reach https:\/\/api\.weixin\.qq\.com/);
	});

	it('anything unexpected: its message, and the log', () => {
		const presentation = presentError(new RangeError('bad things'), {}, l10n);
		assert.deepEqual(presentation, { message: 'Something unexpected went wrong: bad things. The log has the details.', actions: ['showLog'] });
	});

	it('a label for every action', () => {
		assert.deepEqual(
			ERROR_ACTIONS.map((action) => actionLabel(action, l10n)),
			['Set Credentials', 'Show Log', 'Open IP Whitelist Docs', 'Retry', 'Open Settings'],
		);
	});

	describe('with the failures the sandbox really sends', () => {
		const env = useSandbox();
		const fail = async (fault: Parameters<typeof env.sandbox.addFault>[0]): Promise<string> => {
			env.sandbox.addFault(fault);
			const error = await testClient()
				.fetchToken(requestFor('wechat-stable', env.sandbox.url))
				.then(() => assert.fail('no failure'), (e: unknown) => e);
			return presentError(error, context, l10n)?.message ?? '';
		};

		it('40164: the caller’s IP from errmsg and WeChat’s rid', async () => {
			const message = await fail({ kind: 'wechat-errcode', errcode: 40164, path: TOKEN_PATH['wechat-stable'] });
			assert.match(message, new RegExp(`from IP ${SANDBOX_CALLER_IP.replace(/\./g, '\\.')}: `));
			assert.match(message, /\(WeChat error 40164, request ID [\w-]+\)$/);
		});

		it('40125: a refused AppSecret', async () => {
			assert.match(await fail({ kind: 'wechat-errcode', errcode: 40125 }), /The AppSecret was refused/);
		});

		it('45009: the daily quota', async () => {
			assert.match(await fail({ kind: 'wechat-errcode', errcode: 45009 }), /daily limit/);
		});
	});
});
