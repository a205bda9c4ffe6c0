import * as assert from 'node:assert/strict';
import { ACCESS_TOKEN_ERROR_CODES } from '../../../../src/api/wechatAccessTokenApi';
import type { TokenApi } from '../../../../src/app/api/accessTokenApi';
import { TokenUseCase } from '../../../../src/app/tokens/tokenUseCase';
import { createAccessTokenApi } from '../../../../src/app/api/accessTokenApi';
import { ActiveApp } from '../../../../src/app/tokens/activeApp';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CREDENTIAL_ERROR_REASONS } from '../../../../src/app/errors/appErrors';
import { ClassicConsent } from '../../../../src/app/tokens/classicConsent';
import type { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import type { TokenService } from '../../../../src/app/tokens/tokenService';
import { TOKEN_ERROR_REASONS, TokenError } from '../../../../src/core/errors';
import type { TokenSourceKind } from '../../../../src/core/tokenTypes';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../../sandbox/fixtures';
import { rejectsWithCode } from '../../support/apiRejection';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { englishL10n } from '../../support/englishL10n';
import { recordingLog } from '../../support/recordingLog';
import { TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';
import { singleWindowTokens } from '../../support/singleWindow';
import type { RecordingPrompt } from '../../support/classicMintPrompts';
import { recordingPrompt } from '../../support/classicMintPrompts';
import { memoryStateStore } from '../../support/memoryStateStore';

describe('the API for other extensions: app resolution, error codes, no UI but the classic question, never an unsafe refresh', () => {
	const env = useSandbox();
	let service: TokenService;
	let credentials: CredentialStore;
	let activeApp: ActiveApp;
	let prompt: RecordingPrompt;
	let consent: ClassicConsent;
	let log: ReturnType<typeof recordingLog>;
	let api: TokenApi;

	beforeEach(() => {
		log = recordingLog();
		prompt = recordingPrompt(true);
		({ credentials, service } = singleWindowTokens({ classicMintPrompt: prompt.prompt }));
		consent = new ClassicConsent(memoryStateStore());
		activeApp = new ActiveApp({ tokens: service });
		api = createAccessTokenApi({
			service,
			tokens: new TokenUseCase({ service, credentials, consent, log }),
			activeApp,
			l10n: englishL10n,
			log,
			timeoutSeconds: () => 15,
		});
	});
	afterEach(() => {
		activeApp.dispose();
		service.dispose();
	});

	async function withApps(
		...apps: { source: TokenSourceKind; name: string; appId?: string; secrets?: boolean }[]
	): Promise<WechatApp[]> {
		const resolved = apps.map(({ source, name, appId }) =>
			sandboxApp(source, env.sandbox.url, { name, ...(appId ? { appId } : {}) }),
		);
		await service.setApps(resolved);
		for (const [index, app] of resolved.entries()) {
			if (apps[index]?.secrets !== false) {
				const appSecret =
					app.appId === SANDBOX_WECHAT_APP_2.appId
						? SANDBOX_WECHAT_APP_2.appSecret
						: SANDBOX_WECHAT_APP.appSecret;
				await credentials.write(app, { ...sandboxSecrets(app.source), appSecret });
			}
		}
		return resolved;
	}

	it('by name (in any case) or by AppID: the sandbox’s token, with whose it is and when it expires', async () => {
		await withApps(
			{ source: 'wechat-stable', name: 'Shop' },
			{ source: 'authing', name: 'Blog', appId: SANDBOX_WECHAT_APP_2.appId },
		);
		const token = await api.getAccessToken('Shop');
		assert.equal(token, env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
		assert.ok(env.sandbox.isTokenValid(token));
		assert.equal(await api.getAccessToken(' shop '), token);
		const info = await api.getAccessTokenInfo(SANDBOX_WECHAT_APP_2.appId);
		assert.deepEqual(
			{ ...info, expiresAt: typeof info.expiresAt },
			{
				accessToken: env.sandbox.currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'),
				expiresAt: 'number',
				appName: 'Blog',
				appId: SANDBOX_WECHAT_APP_2.appId,
				source: 'authing',
			},
		);
		assert.ok(info.expiresAt > Date.now() + 7_000_000);
		assert.equal(api.apiVersion, 1);
	});

	it('without an app: the one the status bar shows, else the only one', async () => {
		const [only] = await withApps({ source: 'authing-management', name: 'Only' });
		assert.equal((await api.getAccessTokenInfo()).appName, only?.name);

		await withApps(
			{ source: 'wechat-stable', name: 'A' },
			{ source: 'authing', name: 'B', appId: SANDBOX_WECHAT_APP_2.appId },
		);
		await rejectsWithCode(api.getAccessToken(), 'ambiguous-app');
		await api.getAccessToken('B');
		assert.equal((await api.getAccessTokenInfo()).appName, 'B', 'B was used last');
	});

	it('which app: none configured, none by that name or AppID, several with the AppID, not a string', async () => {
		const none = await rejectsWithCode(api.getAccessToken(), 'no-app');
		assert.equal(none.message, 'No WeChat app is configured yet.');
		await withApps({ source: 'wechat-stable', name: 'Stable' }, { source: 'authing', name: 'Authing' });
		const unknown = await rejectsWithCode(api.getAccessToken('Nope'), 'unknown-app');
		assert.equal(unknown.message, 'No WeChat app in the settings is named “Nope” or has that AppID.');
		const shared = await rejectsWithCode(api.getAccessToken(SANDBOX_WECHAT_APP.appId), 'ambiguous-app');
		assert.match(shared.message, /Several WeChat apps have the AppID wx4fc0121bbdb516e8/);
		await rejectsWithCode(api.getAccessToken(42 as unknown as string), 'unknown-app');
		assert.equal(env.sandbox.countRequests(), 0);
	});

	it('missing credentials: rejected at once, nothing asked and nothing sent', async () => {
		await withApps({ source: 'authing-management', name: 'Admin', secrets: false });
		const error = await rejectsWithCode(api.getAccessToken('Admin'), 'credentials-missing');
		assert.match(error.message, /^“Admin”: No credentials are stored for this app at http:\/\/127\.0\.0\.1:\d+/);
		assert.equal(env.sandbox.countRequests(), 0);
	});

	it('classic: only after the user allowed it for the app, a new token only after a yes in the modal, never a forced one', async () => {
		const [classic] = await withApps({ source: 'wechat', name: 'Classic' });
		assert.ok(classic);
		const refused = await rejectsWithCode(api.getAccessToken('Classic'), 'classic-not-allowed');
		assert.match(refused.message, /only called after you allow it/);
		assert.equal(env.sandbox.countRequests(), 0);
		assert.equal(service.state(classic).error, undefined, 'the refusal is not shown as a failure of the app');

		assert.equal(prompt.questions.length, 0, 'not allowed: refused without a question');

		await consent.grant(classic);
		const token = await api.getAccessToken('Classic');
		assert.equal(token, env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'classic'));
		assert.deepEqual(
			prompt.questions.map((question) => question.caller),
			['extension'],
			'the new token was asked about',
		);
		await rejectsWithCode(api.getAccessToken('Classic', { forceRefresh: true }), 'classic-not-allowed');
		assert.equal(await api.getAccessToken('Classic'), token, 'the cached token');
		assert.equal(
			prompt.questions.length,
			1,
			'the forced one refused and the cached one handed out, without a question',
		);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH.wechat), 1);
		assert.equal(env.sandbox.tokenStatus(token), 'valid');
	});

	it('forceRefresh skips the cache but never forces WeChat to issue a new stable token', async () => {
		await withApps({ source: 'wechat-stable', name: 'Stable' });
		const first = await api.getAccessToken('Stable');
		assert.equal(await api.getAccessToken('Stable'), first);
		assert.equal(env.sandbox.countRequests(TOKEN_PATH['wechat-stable']), 1);
		assert.equal(await api.getAccessToken('Stable', { forceRefresh: true }), first);
		const bodies = env.sandbox.requests.map(
			(request) => (request.body as { force_refresh?: boolean }).force_refresh,
		);
		assert.deepEqual(bodies, [false, false]);
		assert.equal(env.sandbox.tokenStatus(first), 'valid');
	});

	it('an upstream failure: its reason as the code, the UI’s message naming the app, the original as cause', async () => {
		await withApps({ source: 'wechat-stable', name: 'Stable' });
		env.sandbox.addFault({ kind: 'wechat-errcode', errcode: 40125 });
		const error = await rejectsWithCode(api.getAccessToken('Stable'), 'invalid-app-secret');
		assert.match(error.message, /^“Stable”: The AppSecret was refused\./);
		assert.ok(TokenError.is(error.cause, 'invalid-app-secret'));
		assert.ok(!error.message.includes(SANDBOX_WECHAT_APP.appSecret));
	});

	it('anything unexpected: code "unexpected", logged with its stack', async () => {
		const app = sandboxApp('wechat-stable', env.sandbox.url);
		const broken = createAccessTokenApi({
			service: { getApps: () => [app] },
			tokens: {
				prepare: () =>
					Promise.resolve({ kind: 'obtain', cached: false, obtain: () => Promise.reject(new Error('boom')) }),
			},
			activeApp: { state: () => undefined },
			l10n: englishL10n,
			log,
			timeoutSeconds: () => 15,
		});
		const error = await rejectsWithCode(broken.getAccessToken(), 'unexpected');
		assert.match(error.message, /Something unexpected went wrong: boom/);
		assert.ok(
			log.lines.some((line) => line.includes('boom') && line.includes('at ')),
			'the stack is logged',
		);
	});

	it('every reason a token can fail for is a documented code (classic-not-acknowledged under its API name)', () => {
		const reasons = [...TOKEN_ERROR_REASONS, ...CREDENTIAL_ERROR_REASONS].map((reason) =>
			reason === 'classic-not-acknowledged' ? 'classic-not-allowed' : reason,
		);
		const missing = reasons.filter((reason) => !(ACCESS_TOKEN_ERROR_CODES as readonly string[]).includes(reason));
		assert.deepEqual(missing, []);
		assert.equal(new Set(ACCESS_TOKEN_ERROR_CODES).size, ACCESS_TOKEN_ERROR_CODES.length);
	});

	it('logs which app’s token went to another extension, never the token', async () => {
		await withApps({ source: 'authing', name: 'Authing' });
		const token = await api.getAccessToken('Authing');
		assert.ok(log.lines.includes('Gave the token of "Authing" to another extension.'));
		assert.ok(!log.lines.join('\n').includes(token));
	});
});
