import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { ClassicConsent } from '../../../../src/app/tokens/classicConsent';
import type { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import type { TokenService } from '../../../../src/app/tokens/tokenService';
import type { TokenIntent, TokenStep } from '../../../../src/app/tokens/tokenUseCase';
import { TokenUseCase } from '../../../../src/app/tokens/tokenUseCase';
import type { TokenSourceKind } from '../../../../src/core/tokenTypes';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { recordingPrompt } from '../../support/classicMintPrompts';
import { memoryStateStore } from '../../support/memoryStateStore';
import { recordingLog } from '../../support/recordingLog';
import { useSandbox } from '../../support/sandboxHarness';
import { singleWindowTokens } from '../../support/singleWindow';

const STABLE_PATH = '/cgi-bin/stable_token';
const CLASSIC_PATH = '/cgi-bin/token';

/**
 * Issue 20: Get and Refresh live once, in the app layer, and hand the user's decisions back as data. These tests play
 * a door: they read the step, answer (or not) and call again, and count what reached the sandbox.
 */
describe('the token use case: questions as data, one door for every caller', () => {
	const env = useSandbox();
	let service: TokenService;
	let credentials: CredentialStore;
	let consent: ClassicConsent;
	let useCase: TokenUseCase;
	let log: ReturnType<typeof recordingLog>;

	beforeEach(() => {
		log = recordingLog();
		({ credentials, service } = singleWindowTokens({ classicMintPrompt: recordingPrompt(true).prompt }));
		consent = new ClassicConsent(memoryStateStore());
		useCase = new TokenUseCase({ service, credentials, consent, log });
	});
	afterEach(() => service.dispose());

	async function appWith(source: TokenSourceKind, secrets = true): Promise<WechatApp> {
		const app = sandboxApp(source, env.sandbox.url);
		await service.setApps([app]);
		if (secrets) {
			await credentials.write(app, sandboxSecrets(source));
		}
		return app;
	}

	function question(step: TokenStep): string | undefined {
		return step.kind === 'ask' ? step.question.kind : undefined;
	}

	async function obtained(step: TokenStep): Promise<string> {
		assert.equal(step.kind, 'obtain');
		return step.kind === 'obtain' ? (await step.obtain()).accessToken : '';
	}

	it('missing secrets: asked for by name, nothing sent; once entered, the same intent obtains the token', async () => {
		const app = await appWith('wechat-stable', false);
		const intent: TokenIntent = { app, refresh: false, caller: 'user' };
		const step = await useCase.prepare(intent);
		assert.deepEqual(step, { kind: 'ask', question: { kind: 'missing-secrets', fields: ['appSecret'] } });
		assert.equal(env.sandbox.requests.length, 0);

		await credentials.write(app, sandboxSecrets('wechat-stable'));
		const again = await useCase.prepare(intent);
		assert.equal(again.kind === 'obtain' && again.cached, false);
		assert.ok(env.sandbox.isTokenValid(await obtained(again)));
		assert.equal(env.sandbox.countRequests(STABLE_PATH), 1);
	});

	it('a fresh cached token: obtained from the cache, marked cached (no progress to show), no request', async () => {
		const app = await appWith('wechat-stable');
		const first = await obtained(await useCase.prepare({ app, refresh: false, caller: 'user' }));
		const step = await useCase.prepare({ app, refresh: false, caller: 'extension' });
		assert.equal(step.kind === 'obtain' && step.cached, true);
		assert.equal(await obtained(step), first);
		assert.equal(env.sandbox.countRequests(STABLE_PATH), 1);
	});

	it('a classic app without the opt-in: the question, nothing sent; "allow" stores the opt-in and fetches once', async () => {
		const app = await appWith('wechat');
		assert.equal(question(await useCase.prepare({ app, refresh: false, caller: 'unmarked' })), 'classic-consent');
		assert.equal(consent.isGranted(app), false);
		assert.equal(env.sandbox.requests.length, 0);

		const step = await useCase.prepare({
			app,
			refresh: false,
			caller: 'unmarked',
			answers: { classicConsent: 'allow' },
		});
		assert.equal(consent.isGranted(app), true);
		assert.ok(log.lines.some((line) => line.includes('allowed the classic endpoint')));
		assert.ok(env.sandbox.isTokenValid(await obtained(step)));
		assert.equal(env.sandbox.countRequests(CLASSIC_PATH), 1);
	});

	it('a classic app with a fresh cached token is not asked again, even without the opt-in stored', async () => {
		const app = await appWith('wechat');
		await obtained(
			await useCase.prepare({ app, refresh: false, caller: 'user', answers: { classicConsent: 'allow' } }),
		);
		await consent.revoke(app);
		const step = await useCase.prepare({ app, refresh: false, caller: 'extension' });
		assert.equal(step.kind === 'obtain' && step.cached, true);
	});

	it('a stable refresh asks whether to force; "normal" asks WeChat normally, "force" makes it issue a new token', async () => {
		const app = await appWith('wechat-stable');
		const first = await obtained(await useCase.prepare({ app, refresh: false, caller: 'user' }));
		assert.equal(question(await useCase.prepare({ app, refresh: true, caller: 'user' })), 'stable-force');
		assert.equal(env.sandbox.countRequests(STABLE_PATH), 1);

		const normal = await obtained(
			await useCase.prepare({ app, refresh: true, caller: 'user', answers: { stableRefresh: 'normal' } }),
		);
		assert.equal(normal, first, 'a normal stable request returns the token in force');
		const forced = await obtained(
			await useCase.prepare({ app, refresh: true, caller: 'user', answers: { stableRefresh: 'force' } }),
		);
		assert.notEqual(forced, first);
		assert.equal(env.sandbox.isTokenValid(first), false, 'forcing killed the old token');
		assert.equal(env.sandbox.countRequests(STABLE_PATH), 3);
	});

	it('Get of any other source asks nothing when the secrets are there', async () => {
		for (const source of ['authing', 'authing-management', 'wechat-stable'] as const) {
			const app = await appWith(source);
			const step = await useCase.prepare({ app, refresh: true, caller: 'extension' });
			if (source === 'wechat-stable') {
				assert.equal(question(step), 'stable-force');
				continue;
			}
			assert.ok(env.sandbox.isTokenValid(await obtained(step)), source);
		}
	});
});
