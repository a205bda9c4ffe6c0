import * as assert from 'node:assert/strict';
import type { AccessTokenErrorCode } from '../../../../src/api/wechatAccessTokenApi';
import { AccessTokenApiError, createAccessTokenApi } from '../../../../src/app/api/accessTokenApi';
import { TokenUseCase } from '../../../../src/app/tokens/tokenUseCase';
import { ActiveApp } from '../../../../src/app/tokens/activeApp';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { ClassicMintDeclinedError, CredentialError } from '../../../../src/app/errors/appErrors';
import { ClassicConsent } from '../../../../src/app/tokens/classicConsent';
import type { ClassicMintQuestion, TokenCaller } from '../../../../src/app/tokens/classicMintGuard';
import { CLASSIC_MINT_SPACING_MS, classicMintQuestion } from '../../../../src/app/tokens/classicMintGuard';
import { classicMintQuestionText } from '../../../../src/app/presentation/classicMintQuestionText';
import { presentError } from '../../../../src/app/errors/errorMessages';
import { classicMintKey } from '../../../../src/app/credentials/secretKeys';
import type { SecretStore } from '../../../../src/app/ports/secretStore';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import type { GetTokenRequestOptions } from '../../../../src/app/tokens/tokenService';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import type { RecordingPrompt } from '../../support/classicMintPrompts';
import { recordingPrompt } from '../../support/classicMintPrompts';
import { chineseL10n } from '../../support/bundleLocalizer';
import { englishL10n } from '../../support/englishL10n';
import { FlakySecretStore } from '../../support/flakySecretStore';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { testClient, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { WindowSecretStore } from '../../support/windowSecretStore';
import { memoryStateStore } from '../../support/memoryStateStore';

const MINUTE = 60_000;
const CLASSIC = TOKEN_PATH.wechat;

/** A clock the test moves: "2 minutes later" without waiting, and without depending on the hour it runs at. */
function movableClock(): { now: () => number; advance: (ms: number) => void } {
	let offset = 0;
	return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

/** What the questions said, without the app object: [caller, minutes since the last request or undefined]. */
function asked(prompt: RecordingPrompt): [TokenCaller, number | undefined][] {
	return prompt.questions.map((question) => [
		question.caller,
		question.lastRequestedAgoMs === undefined ? undefined : Math.floor(question.lastRequestedAgoMs / MINUTE),
	]);
}

/**
 * Issue 11, item 4: a classic token is never minted without the user's say-so. WeChat's classic `/cgi-bin/token`
 * invalidates the servers' token with every call, so a request that the user did not start from the extension's own
 * UI asks every time, and any two within 5 minutes for one AppID ask again, also across windows. The sandbox counts
 * what really went out; the modal is a fake that records its questions and answers as told.
 */
describe('classic mints: asked every time unless the user started it, and again within 5 minutes, in any window', () => {
	const env = useSandbox();
	let opened: TokenService[] = [];
	afterEach(() => {
		opened.forEach((service) => service.dispose());
		opened = [];
	});

	interface Window {
		readonly service: TokenService;
		readonly prompt: RecordingPrompt;
		readonly log: ReturnType<typeof recordingLog>;
	}

	/** A window over `secrets` (the app's secrets already in it), with a prompt answering `answer`. */
	async function openWindow(
		app: WechatApp,
		secrets: SecretStore,
		answer: boolean,
		options: { clock?: { now: () => number }; marginMs?: number } = {},
	): Promise<Window> {
		const prompt = recordingPrompt(answer);
		const log = recordingLog();
		const service = new TokenService({
			secrets,
			credentials: new CredentialStore(secrets, options.clock),
			client: testClient(),
			log,
			marginMs: options.marginMs ?? 0,
			lease: SINGLE_WINDOW_LEASE,
			classicMintPrompt: prompt.prompt,
			...(options.clock ? { clock: options.clock } : {}),
		});
		opened.push(service);
		await service.setApps([app]);
		return { service, prompt, log };
	}

	async function classicApp(
		secrets = new MemorySecretStore(),
	): Promise<{ app: WechatApp; secrets: MemorySecretStore }> {
		const app = sandboxApp('wechat', env.sandbox.url, { name: 'Classic' });
		await new CredentialStore(secrets).write(app, sandboxSecrets('wechat'));
		return { app, secrets };
	}

	const get = (window: Window, app: WechatApp, options: GetTokenRequestOptions) =>
		window.service.get(app, { allowClassic: true, ...options });

	it('a refresh run by something else (executeCommand with the app’s name) asks every time; a no sends nothing', async () => {
		const { app, secrets } = await classicApp();
		const window = await openWindow(app, secrets, true);
		for (let round = 1; round <= 3; round++) {
			await get(window, app, { caller: 'command', bypassCache: true });
		}
		assert.equal(env.sandbox.countRequests(CLASSIC), 3);
		assert.deepEqual(asked(window.prompt), [
			['command', undefined],
			['command', 0],
			['command', 0],
		]);

		window.prompt.answer = false;
		const shown = window.service.state(app).token;
		const declined = await window.service
			.get(app, { allowClassic: true, caller: 'command', bypassCache: true })
			.then(
				() => assert.fail('resolved'),
				(error: unknown) => error,
			);
		assert.ok(ClassicMintDeclinedError.is(declined), String(declined));
		assert.equal(env.sandbox.countRequests(CLASSIC), 3, 'nothing was sent');
		assert.equal(window.prompt.questions.length, 4);
		assert.equal(window.service.state(app).token, shown, 'the token shown stays');
		assert.equal(window.service.state(app).error, undefined, 'a no is the user’s answer, not a failure of the app');
		assert.equal(
			presentError(declined, { appName: 'Classic' }, englishL10n),
			undefined,
			'nothing to show: `${command:}` gets undefined',
		);
		assert.ok(
			window.log.lines.some((line) =>
				line.includes('declined a classic token request for "Classic"; nothing was sent'),
			),
		);
	});

	it('a task (${command:wechatAccessToken.token}) asks too, and a caller that does not say who it is is asked about', async () => {
		const { app, secrets } = await classicApp();
		const window = await openWindow(app, secrets, false);
		await assert.rejects(get(window, app, { caller: 'task' }), ClassicMintDeclinedError);
		await assert.rejects(window.service.get(app, { allowClassic: true }), ClassicMintDeclinedError);
		assert.deepEqual(asked(window.prompt), [
			['task', undefined],
			['command', undefined],
		]);
		assert.equal(env.sandbox.countRequests(), 0);
	});

	it('a cached classic token that is still fresh is handed to anyone without a question', async () => {
		const { app, secrets } = await classicApp();
		const window = await openWindow(app, secrets, true);
		const token = await get(window, app, { caller: 'user' });
		assert.deepEqual(asked(window.prompt), [], 'the user’s first Get: no question');
		for (const caller of ['unmarked', 'extension', 'task', 'command', 'user'] as const) {
			assert.equal((await get(window, app, { caller })).accessToken, token.accessToken, caller);
		}
		assert.deepEqual(asked(window.prompt), []);
		assert.equal(env.sandbox.countRequests(CLASSIC), 1);
	});

	it('the user’s own refresh: no question, but a second within 5 minutes asks, naming when the last one went out', async () => {
		const { app, secrets } = await classicApp();
		const clock = movableClock();
		const window = await openWindow(app, secrets, false, { clock });
		await get(window, app, { caller: 'user', bypassCache: true });
		assert.deepEqual(asked(window.prompt), []);

		clock.advance(2 * MINUTE + 5_000);
		await assert.rejects(get(window, app, { caller: 'user', bypassCache: true }), ClassicMintDeclinedError);
		assert.deepEqual(asked(window.prompt), [['user', 2]]);
		assert.equal(env.sandbox.countRequests(CLASSIC), 1, 'the no sent nothing');
		const [question] = window.prompt.questions;
		assert.ok(question);
		assert.match(
			classicMintQuestionText(question, englishL10n).detail,
			/The last one for this AppID was requested 2 minutes ago, in this or another window/,
		);

		window.prompt.answer = true;
		await get(window, app, { caller: 'user', bypassCache: true });
		assert.equal(env.sandbox.countRequests(CLASSIC), 2, 'the second confirmation let it go');

		// 5 minutes after that one: the user's refresh goes without a question again.
		clock.advance(CLASSIC_MINT_SPACING_MS);
		await get(window, app, { caller: 'user', bypassCache: true });
		assert.equal(window.prompt.questions.length, 2);
		assert.equal(env.sandbox.countRequests(CLASSIC), 3);
	});

	it('across windows: a second window within 5 minutes asks too, even for the user’s own refresh', async () => {
		const backing = new MemorySecretStore();
		const { app } = await classicApp(backing);
		const clock = movableClock();
		const first = await openWindow(app, new WindowSecretStore(backing.shareWith(), { maxLagMs: 30 }), true, {
			clock,
		});
		const second = await openWindow(app, new WindowSecretStore(backing.shareWith(), { maxLagMs: 30 }), false, {
			clock,
		});
		await get(first, app, { caller: 'user', bypassCache: true });
		// Let the first window's writes land in the shared storage, as they do within VS Code's milliseconds.
		await new Promise((resolve) => setTimeout(resolve, 60));

		clock.advance(MINUTE + 1_000);
		await assert.rejects(get(second, app, { caller: 'user', bypassCache: true }), ClassicMintDeclinedError);
		assert.deepEqual(asked(second.prompt), [['user', 1]]);
		await assert.rejects(get(second, app, { caller: 'extension', bypassCache: true }), ClassicMintDeclinedError);
		assert.deepEqual(asked(second.prompt)[1], ['extension', 1], 'someone else’s request names the recent one too');
		assert.equal(env.sandbox.countRequests(CLASSIC), 1, 'the second window sent nothing');
		const [question] = second.prompt.questions;
		assert.ok(question);
		assert.match(
			classicMintQuestionText(question, englishL10n).detail,
			/requested 1 minute ago, in this or another window/,
		);
	});

	it('a question answered after another window sent a request is asked again, with the new time', async () => {
		const backing = new MemorySecretStore();
		const { app } = await classicApp(backing);
		let sentWhileAsking = false;
		const other = await openWindow(app, backing.shareWith(), true);
		const prompt = recordingPrompt(true);
		const askingSecrets = backing.shareWith();
		const asking = new TokenService({
			secrets: askingSecrets,
			credentials: new CredentialStore(askingSecrets),
			client: testClient(),
			marginMs: 0,
			// A question left open longer than a lease is renewed (10 minutes; here its first renewal only) and then held:
			// the other window takes the lapsed lease meanwhile.
			lease: { settleMs: 0, ttlMs: 300, maxHoldMs: 0 },
			classicMintPrompt: async (question) => {
				if (!sentWhileAsking) {
					// While this window's modal is open, the other window (whose lease was free) sends a request.
					sentWhileAsking = true;
					await get(other, app, { caller: 'user', bypassCache: true });
				}
				return prompt.prompt(question);
			},
		});
		opened.push(asking);
		await asking.setApps([app]);
		await asking.get(app, { allowClassic: true, caller: 'extension', bypassCache: true });
		assert.deepEqual(asked(prompt), [
			['extension', undefined],
			['extension', 0],
		]);
		assert.equal(env.sandbox.countRequests(CLASSIC), 2);
	});

	it('a request WeChat refused with an error code is not counted; one cut off before its answer is (WeChat may have acted)', async () => {
		const { app, secrets } = await classicApp();
		const window = await openWindow(app, secrets, false);
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: CLASSIC, times: 1 });
		await assert.rejects(get(window, app, { caller: 'user' }), (error: unknown) =>
			TokenError.is(error, 'ip-not-whitelisted'),
		);
		assert.equal(await secrets.get(classicMintKey(app.appId)), undefined);
		env.sandbox.addFault({ kind: 'drop', path: CLASSIC, times: 1 });
		await assert.rejects(get(window, app, { caller: 'user' }), (error: unknown) => TokenError.is(error, 'network'));
		assert.notEqual(await secrets.get(classicMintKey(app.appId)), undefined, 'the request cut off is recorded');
		await assert.rejects(get(window, app, { caller: 'user' }), ClassicMintDeclinedError);
		assert.deepEqual(asked(window.prompt), [['user', 0]]);
		assert.equal(env.sandbox.countRequests(CLASSIC), 2);
	});

	it('when the time of the last request cannot be read (a failing keyring), nothing is sent', async () => {
		const { app, secrets } = await classicApp();
		const flaky = new FlakySecretStore(secrets);
		const window = await openWindow(app, flaky, true);
		flaky.failWhen = (operation, key) => operation === 'get' && key === classicMintKey(app.appId);
		await assert.rejects(get(window, app, { caller: 'user' }), (error: unknown) =>
			CredentialError.is(error, 'secret-storage-unavailable'),
		);
		assert.equal(env.sandbox.countRequests(), 0);
	});

	describe('through the API for other extensions', () => {
		const rejectsWith = async (
			promise: Promise<unknown>,
			code: AccessTokenErrorCode,
		): Promise<AccessTokenApiError> => {
			const error = await promise.then(
				() => assert.fail(`resolved, expected ${code}`),
				(rejection: unknown) => rejection,
			);
			assert.ok(error instanceof AccessTokenApiError, String(error));
			assert.equal(error.code, code, error.message);
			return error;
		};

		it('a normal call once the cached token is inside the refresh margin asks; a no rejects with classic-not-allowed', async () => {
			const { app, secrets } = await classicApp();
			// The default 5-minute margin, and 4-minute tokens: every token is inside the margin as soon as it arrives.
			env.sandbox.setTokenLifetimeSeconds(240);
			const window = await openWindow(app, secrets, true, { marginMs: 5 * MINUTE });
			const consent = new ClassicConsent(memoryStateStore());
			await consent.grant(app);
			const log = recordingLog();
			const api = createAccessTokenApi({
				service: window.service,
				tokens: new TokenUseCase({
					service: window.service,
					credentials: new CredentialStore(secrets),
					consent,
					log,
				}),
				activeApp: new ActiveApp({ tokens: window.service }),
				l10n: englishL10n,
				log,
				timeoutSeconds: () => 15,
			});

			const first = await api.getAccessToken('Classic');
			assert.deepEqual(asked(window.prompt), [['extension', undefined]]);
			assert.equal(env.sandbox.countRequests(CLASSIC), 1);

			window.prompt.answer = false;
			const error = await rejectsWith(api.getAccessToken('Classic'), 'classic-not-allowed');
			assert.equal(
				error.message,
				'“Classic”: you declined a new token from WeChat’s classic endpoint, so none was requested.',
			);
			assert.ok(ClassicMintDeclinedError.is(error.cause));
			assert.deepEqual(asked(window.prompt), [
				['extension', undefined],
				['extension', 0],
			]);
			assert.equal(env.sandbox.countRequests(CLASSIC), 1, 'the no sent nothing');
			assert.equal(env.sandbox.tokenStatus(first), 'valid', 'the servers’ token lives on');
		});
	});
});

describe('classic mints: the rule and the question, as data', () => {
	const app = { name: 'Shop', appId: SANDBOX_WECHAT_APP.appId } as WechatApp;
	const NOW = 1_800_000_000_000;

	it('asks anyone but the user always; the user only within 5 minutes of the last request (a damaged future time is ignored)', () => {
		const rule = (caller: TokenCaller, agoMs: number | undefined) =>
			classicMintQuestion(app, caller, agoMs === undefined ? undefined : NOW - agoMs, NOW)?.lastRequestedAgoMs ??
			(classicMintQuestion(app, caller, agoMs === undefined ? undefined : NOW - agoMs, NOW)
				? 'asked'
				: 'not asked');
		assert.equal(rule('user', undefined), 'not asked');
		assert.equal(rule('user', CLASSIC_MINT_SPACING_MS), 'not asked');
		assert.equal(rule('user', CLASSIC_MINT_SPACING_MS - 1), CLASSIC_MINT_SPACING_MS - 1);
		assert.equal(rule('user', -1_000), 0, 'a time just ahead (another window’s clock) counts as now');
		assert.equal(rule('user', -CLASSIC_MINT_SPACING_MS), 'not asked');
		for (const caller of ['unmarked', 'extension', 'task', 'command'] as const) {
			assert.equal(rule(caller, undefined), 'asked');
			assert.equal(rule(caller, 3 * MINUTE), 3 * MINUTE);
			assert.equal(rule(caller, 10 * MINUTE), 'asked');
		}
	});

	const question = (caller: TokenCaller, lastRequestedAgoMs?: number): ClassicMintQuestion => ({
		app,
		caller,
		lastRequestedAgoMs,
	});

	it('a call without arguments (the palette, a task’s command input, executeCommand) says VS Code cannot tell which', () => {
		const text = classicMintQuestionText(question('unmarked'), englishL10n);
		assert.equal(
			text.message,
			'Get a new token for “Shop” from WeChat’s classic endpoint? The request comes from the Command Palette, a keybinding, a task or another extension: VS Code does not tell them apart.',
		);
		assert.match(text.detail, /If you did not expect this, choose Cancel: nothing is sent\./);
	});

	it('names the caller and the consequence; the time as “… ago”, never a clock time', () => {
		const task = classicMintQuestionText(question('task'), englishL10n);
		assert.equal(
			task.message,
			'A task or launch configuration asks for a new token for “Shop” from WeChat’s classic endpoint (through ${command:wechatAccessToken.token}). Allow it?',
		);
		assert.equal(
			task.detail,
			`Every token WeChat’s classic endpoint issues invalidates the token your servers use for AppID ${SANDBOX_WECHAT_APP.appId} within about 5 minutes, and counts against the daily quota.\n\nIf you did not expect this, choose Cancel: nothing is sent.`,
		);
		assert.equal(task.confirm, 'Get New Token');
		assert.match(
			classicMintQuestionText(question('extension'), englishL10n).message,
			/^Another extension asks for a new token for “Shop”/,
		);
		assert.match(
			classicMintQuestionText(question('command'), englishL10n).message,
			/^A command run by something other than this extension’s own menus and buttons/,
		);
		const user = classicMintQuestionText(question('user', 59_999), englishL10n);
		assert.equal(user.message, 'Get another token for “Shop” from WeChat’s classic endpoint?');
		assert.match(user.detail, /requested less than a minute ago/);
		assert.ok(!user.detail.includes('Cancel'), 'the user started it: no “if you did not expect this”');
		assert.match(classicMintQuestionText(question('user', MINUTE), englishL10n).detail, /requested 1 minute ago/);
		assert.match(
			classicMintQuestionText(question('command', 4 * MINUTE + 59_999), englishL10n).detail,
			/requested 4 minutes ago/,
		);
	});

	it('in Simplified Chinese, from the bundle VS Code loads', () => {
		const zh = chineseL10n();
		const text = classicMintQuestionText(question('extension', 2 * MINUTE), zh);
		assert.equal(text.message, '另一个扩展要求从微信普通令牌接口为“Shop”获取新令牌。允许吗？');
		assert.match(text.detail, /此 AppID 上一次获取令牌是在2 分钟前/);
		assert.equal(text.confirm, '获取新令牌');
		assert.match(classicMintQuestionText(question('task'), zh).message, /\$\{command:wechatAccessToken\.token\}/);
	});
});
