import * as assert from 'node:assert/strict';
import { CREDENTIAL_ERROR_REASONS, CredentialError } from '../../../../src/app/errors/appErrors';
import { actionLabel, ERROR_ACTIONS, errorSummary, presentError } from '../../../../src/app/errors/errorMessages';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { MAX_SHOWN_UPSTREAM_CHARS, shortenUpstreamText } from '../../../../src/app/errors/upstreamText';
import { TOKEN_ERROR_REASONS, TokenError } from '../../../../src/core/errors';
import { wechatErrorFromCode } from '../../../../src/core/sources/wechatErrors';
import { SANDBOX_CALLER_IP } from '../../../sandbox/fixtures';
import { chineseL10n } from '../../support/bundleLocalizer';
import { englishL10n as l10n } from '../../support/englishL10n';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { requestFor, testClient, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';

const context = {
	appName: 'Shop',
	host: 'https://api.weixin.qq.com',
	source: 'wechat-stable' as const,
	timeoutSeconds: 15,
};

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
			assert.ok(
				!presentation.message.includes('english text'),
				'the core’s English message is for the log, not the user',
			);
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
		const actions = (
			error: Error,
			source: 'authing' | 'authing-management' | 'wechat-stable' = 'wechat-stable',
		): readonly string[] => presentError(error, { ...context, source }, l10n)?.actions ?? [];
		assert.equal(actions(new TokenError('invalid-app-secret', ''))[0], 'setCredentials');
		assert.equal(actions(new TokenError('ip-not-whitelisted', ''))[0], 'openIpWhitelistDocs');
		assert.equal(actions(new TokenError('invalid-app-id', ''))[0], 'openSettings');
		assert.equal(actions(new TokenError('invalid-host', ''))[0], 'openSettings');
		assert.equal(actions(new TokenError('network', ''))[0], 'retry');
		assert.equal(actions(new TokenError('unauthorized', ''), 'authing-management')[0], 'setCredentials');
		assert.equal(actions(new CredentialError('credentials-missing', ''))[0], 'setCredentials');
		assert.equal(actions(new CredentialError('secret-storage-unavailable', ''))[0], 'showLog');
		// Never Retry: that would force again. A normal Get returns whichever token is in force.
		assert.deepEqual(actions(new TokenError('force-refresh-unconfirmed', '')), ['getToken', 'showLog']);
	});

	/** WeChat's 40164 with everything a message can name: the IP, the errcode and the request id. */
	const ipRefusal = (): TokenError =>
		new TokenError('ip-not-whitelisted', 'x', {
			ip: '203.0.113.7',
			errcode: 40164,
			requestId: '6543a1b2-0c3d4e5f-1a2b3c4d',
		});

	it('names the IP, WeChat’s errcode and the request id when known', () => {
		assert.equal(
			presentError(ipRefusal(), context, l10n)?.message,
			'“Shop”: WeChat refused the call from IP 203.0.113.7: it is not in the app’s API IP whitelist. Add it on the WeChat platform (Development → Basic settings → IP whitelist), then retry. (WeChat error 40164, request ID 6543a1b2-0c3d4e5f-1a2b3c4d)',
		);
	});

	it('in Simplified Chinese, the details in full-width brackets, as Chinese text writes them', () => {
		assert.match(
			presentError(ipRefusal(), context, chineseL10n())?.message ?? '',
			/^“Shop”：微信拒绝了来自 IP 203\.0\.113\.7 的调用：.+后重试。（微信错误码 40164，请求 ID 6543a1b2-0c3d4e5f-1a2b3c4d）$/,
		);
	});

	it('names the host and the timeout', () => {
		assert.match(
			presentError(new TokenError('timeout', ''), context, l10n)?.message ?? '',
			/No answer from https:\/\/api\.weixin\.qq\.com within 15 seconds/,
		);
		assert.match(
			presentError(new TokenError('network', ''), context, l10n)?.message ?? '',
			/Could not reach https:\/\/api\.weixin\.qq\.com/,
		);
	});

	it('anything unexpected: its message, and the log', () => {
		const presentation = presentError(new RangeError('bad things'), {}, l10n);
		assert.deepEqual(presentation, {
			message: 'Something unexpected went wrong: bad things. The log has the details.',
			actions: ['showLog'],
		});
	});

	it('a label for every action', () => {
		assert.deepEqual(
			ERROR_ACTIONS.map((action) => actionLabel(action, l10n)),
			[
				'Set Credentials',
				'Show Log',
				'Open IP Whitelist Docs',
				'Retry',
				'Open Settings',
				'Get Current Token',
				'Copy IP',
				'Explain Error',
			],
		);
	});

	it('WeChat’s answer adds what it lets the user do: Copy IP next to the docs, Explain Error before the log', () => {
		const whitelist = wechatErrorFromCode(
			40164,
			'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 64a3b2c1-0e4a6f2d-1b3c5d7e',
			0,
		);
		assert.deepEqual(presentError(whitelist, {}, l10n)?.actions, [
			'openIpWhitelistDocs',
			'copyIp',
			'retry',
			'explainRid',
			'showLog',
		]);
		const noRid = wechatErrorFromCode(40164, 'invalid ip 203.0.113.7, not in whitelist', 0);
		assert.deepEqual(presentError(noRid, {}, l10n)?.actions, ['openIpWhitelistDocs', 'copyIp', 'retry', 'showLog']);
		const network = new TokenError('network', 'Could not reach the host.');
		assert.ok(
			!presentError(network, {}, l10n)?.actions.some((action) => action === 'copyIp' || action === 'explainRid'),
		);
	});

	describe('a server’s own words: shortened in a notification, whole in the log', () => {
		it('up to 200 characters on one line; longer is cut by character, with an ellipsis', () => {
			assert.equal(MAX_SHOWN_UPSTREAM_CHARS, 200);
			const exact = 'x'.repeat(200);
			assert.equal(shortenUpstreamText(exact), exact);
			assert.equal(shortenUpstreamText(`${exact}y`), `${'x'.repeat(199)}…`);
			assert.equal(shortenUpstreamText('line one\r\n\tline two\u0000 end '), 'line one line two end');
			// 250 emoji: code points are counted and kept whole (no lone surrogate).
			const emoji = shortenUpstreamText('😀'.repeat(250));
			assert.equal(Array.from(emoji).length, 200);
			assert.ok(emoji.endsWith('😀…') && !/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/.test(emoji.replace(/😀/g, '')));
		});

		it('an Authing request ID is the server’s text too: shortened', () => {
			const message =
				presentError(new TokenError('server-error', 'x', { requestId: 'r'.repeat(5000) }), context, l10n)
					?.message ?? '';
			assert.ok(message.length < 400, `${message.length} characters`);
		});
	});

	describe('with the failures the sandbox really sends', () => {
		const env = useSandbox();
		const fail = async (fault: Parameters<typeof env.sandbox.addFault>[0]): Promise<string> => {
			env.sandbox.addFault(fault);
			const error = await testClient()
				.fetchToken(requestFor('wechat-stable', env.sandbox.url))
				.then(
					() => assert.fail('no failure'),
					(e: unknown) => e,
				);
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

		it('a refusal in 2,000 characters: the notification shows 200 of them, the log all', async () => {
			const words = `unknown failure: ${'this server explains itself at length; '.repeat(50)}`.slice(0, 2000);
			const errmsg = `${words} rid: 6a1f-0c2d-7e3b`;
			env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 99999, errmsg, path: TOKEN_PATH['wechat-stable'] });
			const app = sandboxApp('wechat-stable', env.sandbox.url);
			const log = recordingLog();
			const secrets = new MemorySecretStore();
			const credentials = new CredentialStore(secrets);
			const service = new TokenService({
				secrets,
				credentials,
				client: testClient(),
				log,
				lease: SINGLE_WINDOW_LEASE,
			});
			try {
				await credentials.write(app, sandboxSecrets('wechat-stable'));
				await service.setApps([app]);
				const error = await service.get(app).then(
					() => assert.fail('no failure'),
					(e: unknown) => e,
				);
				const message = presentError(error, { ...context, appName: app.name }, l10n)?.message ?? '';
				const shown = /The request was refused: (.*…) \(WeChat error 99999, request ID 6a1f-0c2d-7e3b\)$/.exec(
					message,
				)?.[1];
				assert.ok(shown !== undefined, message);
				assert.equal(Array.from(shown).length, MAX_SHOWN_UPSTREAM_CHARS);
				assert.ok(words.startsWith(shown.slice(0, -1)));
				assert.ok(
					log.lines.some((line) => line.includes(errmsg)),
					'the whole text is in the log',
				);
			} finally {
				service.dispose();
			}
		});
	});
});
