import * as assert from 'node:assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import type { AutoRefreshSettings } from '../../../../src/app/expiry/autoRefresher';
import { AutoRefresher } from '../../../../src/app/expiry/autoRefresher';
import {
	failureBackoffMs,
	isTeamSafe,
	nextRenewalAt,
	TEAM_SAFE_SOURCES,
} from '../../../../src/app/expiry/autoRefreshPlan';
import { maskToken } from '../../../../src/app/tokens/maskToken';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import type { AccessToken, Clock, TokenSourceKind } from '../../../../src/core/tokenTypes';
import { TOKEN_SOURCES } from '../../../../src/core/tokenTypes';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import type { Sandbox } from '../../../sandbox/sandboxServer';
import { startSandbox } from '../../../sandbox/sandboxServer';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { eventually } from '../../support/eventually';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { testClient, TOKEN_PATH } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { approveEveryClassicMint } from '../../support/classicMintPrompts';

const S = 1000;
const M = 60 * S;
const START = Date.UTC(2026, 0, 15, 2, 0, 0);
/** The sandbox's default token lifetime, as WeChat's. */
const LIFETIME = 7200 * S;

describe('auto-refresh: the plan', () => {
	it('team-safe sources are Authing (both routes), WeChat stable and custom; never classic wechat', () => {
		assert.deepEqual([...TEAM_SAFE_SOURCES].sort(), ['authing', 'authing-management', 'custom', 'wechat-stable']);
		assert.deepEqual(
			TOKEN_SOURCES.filter((source) => !isTeamSafe(source)),
			['wechat'],
		);
	});

	it('backs off 1, 2, 4, 8 minutes, then stays at 8', () => {
		assert.deepEqual(
			[1, 2, 3, 4, 5, 9].map((failures) => failureBackoffMs(failures) / M),
			[1, 2, 4, 8, 8, 8],
		);
	});

	it('renews a margin before expiry, or at the planned retry; never at or past expiry, never with no margin', () => {
		const token: AccessToken = {
			accessToken: 't'.repeat(32),
			expiresAt: START + LIFETIME,
			source: 'wechat-stable',
			fetchedAt: START,
		};
		assert.equal(nextRenewalAt(token, 5 * M, undefined), token.expiresAt - 5 * M);
		assert.equal(nextRenewalAt(token, 5 * M, token.expiresAt - 2 * M), token.expiresAt - 2 * M);
		assert.equal(
			nextRenewalAt(token, 5 * M, START),
			token.expiresAt - 5 * M,
			'an old retry time does not bring it forward',
		);
		assert.equal(nextRenewalAt(token, 5 * M, token.expiresAt), undefined);
		assert.equal(nextRenewalAt(token, 0, undefined), undefined);
	});
});

describe('auto-refresh against the sandbox over loopback, on a fake clock', () => {
	/** One clock for the sandbox, the client, the service and the refresher's timers; the HTTP itself runs for real. */
	let clock: FakeTimers.Clock = FakeTimers.createClock(START);
	const now: Clock = { now: () => clock.now };
	let sandbox: Sandbox;
	let service: TokenService;
	let credentials: CredentialStore;
	let refresher: AutoRefresher | undefined;
	let settings: AutoRefreshSettings;
	let log: ReturnType<typeof recordingLog>;

	before(async () => {
		sandbox = await startSandbox({ now: () => clock.now });
	});
	after(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		clock = FakeTimers.createClock(START);
		sandbox.reset();
		settings = { enabled: true, marginMs: 5 * M };
		log = recordingLog();
		const secrets = new MemorySecretStore();
		credentials = new CredentialStore(secrets);
		service = new TokenService({
			secrets,
			credentials,
			client: testClient({ clock: now }),
			clock: now,
			log,
			lease: SINGLE_WINDOW_LEASE,
			classicMintPrompt: approveEveryClassicMint,
		});
	});
	afterEach(() => {
		refresher?.dispose();
		refresher = undefined;
		service.dispose();
		assert.equal(clock.countTimers(), 0, 'disposed: no timer left');
	});

	async function configured(source: TokenSourceKind, name = `${source} app`): Promise<WechatApp> {
		const app = sandboxApp(source, sandbox.url, { name });
		await service.setApps([...service.getApps(), app]);
		await credentials.write(app, sandboxSecrets(source));
		return app;
	}

	function start(): AutoRefresher {
		service.setMarginMs(settings.marginMs);
		refresher = new AutoRefresher({
			service,
			settings: () => settings,
			log,
			clock: now,
			timers: {
				setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
				clearTimeout: (handle) => clock.clearTimeout(handle as FakeTimers.TimerId),
			},
		});
		return refresher;
	}

	/** Moves the fake clock to `at` (firing the refresher's timer there), then waits for the requests it started. */
	async function advanceTo(at: number, requests: number): Promise<void> {
		await clock.tickAsync(at - clock.now);
		await eventually(
			() => sandbox.countRequests() === requests && !service.getApps().some((app) => service.state(app).busy),
			`${requests} requests answered`,
		);
		// The refresher plans again once the service has handed it the answer.
		await new Promise((resolve) => setImmediate(resolve));
	}

	for (const source of ['wechat-stable', 'authing'] as const) {
		it(`${source}: renews the token ${'refreshMarginMinutes'} before expiry with exactly one upstream request`, async () => {
			const app = await configured(source);
			const first = await service.get(app);
			start();
			assert.equal(clock.countTimers(), 1, 'one timer, for the renewal');

			await advanceTo(first.expiresAt - 5 * M - 1, 1);
			assert.equal(service.state(app).token?.accessToken, first.accessToken, 'not a millisecond early');
			await advanceTo(first.expiresAt - 5 * M, 2);
			const renewed = service.state(app).token;
			assert.ok(renewed && renewed.accessToken !== first.accessToken, 'a new token');
			assert.equal(renewed.expiresAt, clock.now + LIFETIME);
			assert.ok(sandbox.isTokenValid(renewed.accessToken));
			assert.equal(sandbox.countRequests(TOKEN_PATH[source]), 2);
			const stableBodies = sandbox.requests
				.filter((request) => request.path === TOKEN_PATH['wechat-stable'])
				.map((request) => (request.body as { force_refresh?: unknown }).force_refresh);
			assert.ok(
				stableBodies.every((force) => force === false),
				'never force_refresh',
			);
			assert.equal(refresher?.failure(app), undefined);
			assert.equal(clock.countTimers(), 1, 'the next renewal is planned');
			assert.ok(
				log.lines.some((line) =>
					line.includes(
						`Renewed the token of "${app.name}" before it expired: ${maskToken(renewed.accessToken)}`,
					),
				),
			);
			assert.ok(
				!log.lines.some((line) => line.includes(renewed.accessToken) || line.includes(first.accessToken)),
				'tokens are logged masked',
			);
		});
	}

	it('asks again every minute while the server hands out the same token, until it renews it', async () => {
		settings = { enabled: true, marginMs: 10 * M };
		const app = await configured('wechat-stable');
		const first = await service.get(app);
		start();
		// The sandbox, like WeChat, renews a stable token only in its last 5 minutes.
		for (let minute = 10, requests = 2; minute >= 5; minute--, requests++) {
			await advanceTo(first.expiresAt - minute * M, requests);
			assert.equal(
				service.state(app).token?.accessToken === first.accessToken,
				minute > 5,
				`${minute} min before expiry`,
			);
		}
		assert.deepEqual(
			sandbox.requests.slice(1).map((request) => (first.expiresAt - request.time) / M),
			[10, 9, 8, 7, 6, 5],
		);
		assert.ok(
			log.lines.some((line) => line.includes('the server still hands out the same token; asking again in 1 min')),
		);
	});

	it('never touches a classic wechat app, even with auto-refresh on', async () => {
		const classic = await configured('wechat', 'Classic');
		const first = await service.get(classic, { allowClassic: true });
		const auto = start();
		assert.equal(auto.covers(classic), false);
		assert.equal(clock.countTimers(), 0, 'nothing planned');
		await advanceTo(first.expiresAt + M, 1);
		assert.equal(sandbox.countRequests(TOKEN_PATH.wechat), 1, 'only the user’s own request');
		assert.equal(sandbox.tokenStatus(first.accessToken), 'expired', 'left to expire');
	});

	it('renews only the team-safe apps among several, each on its own schedule', async () => {
		const classic = await configured('wechat', 'Classic');
		const stable = await configured('wechat-stable', 'Stable');
		await service.get(classic, { allowClassic: true });
		await clock.tickAsync(30 * M);
		const stableToken = await service.get(stable);
		start();
		await advanceTo(stableToken.expiresAt - 5 * M, 3);
		assert.equal(sandbox.countRequests(TOKEN_PATH.wechat), 1);
		assert.equal(sandbox.countRequests(TOKEN_PATH['wechat-stable']), 2);
	});

	it('stops when the setting is turned off, and picks up when it is turned on again', async () => {
		const app = await configured('wechat-stable');
		const first = await service.get(app);
		const requests = sandbox.countRequests();
		const auto = start();
		assert.equal(clock.countTimers(), 1);
		settings = { ...settings, enabled: false };
		auto.update();
		assert.equal(clock.countTimers(), 0, 'no timer while off');
		assert.equal(auto.covers(app), false);
		await advanceTo(first.expiresAt - 3 * M, requests);

		settings = { ...settings, enabled: true };
		auto.update();
		// Already inside the margin: at once.
		await advanceTo(clock.now + 1, requests + 1);
		assert.notEqual(service.state(app).token?.accessToken, first.accessToken);
	});

	it('a margin of 0 leaves nothing to renew ahead: no timer, no request', async () => {
		settings = { enabled: true, marginMs: 0 };
		const app = await configured('wechat-stable');
		const first = await service.get(app);
		const auto = start();
		assert.equal(auto.covers(app), false);
		assert.equal(clock.countTimers(), 0);
		await advanceTo(first.expiresAt + S, 1);
	});

	it('backs off after failures (1, 2, 4, 8 min) until the token expires, reporting each failure', async () => {
		settings = { enabled: true, marginMs: 20 * M };
		const app = await configured('wechat-stable');
		const first = await service.get(app);
		const auto = start();
		let failures = 0;
		auto.onDidFail(() => failures++);
		sandbox.addFault({ kind: 'wechat-errcode', errcode: 40125, path: TOKEN_PATH['wechat-stable'] });

		const attemptsAt = [20, 19, 17, 13, 5];
		for (const [index, minutesLeft] of attemptsAt.entries()) {
			await advanceTo(first.expiresAt - minutesLeft * M, index + 2);
			assert.ok(TokenError.is(auto.failure(app), 'invalid-app-secret'), `attempt ${index + 1} failed`);
		}
		assert.equal(failures, attemptsAt.length);
		assert.equal(clock.countTimers(), 0, 'the next attempt would be after the expiry: none planned');
		await advanceTo(first.expiresAt + 10 * M, attemptsAt.length + 1);
		assert.equal(service.state(app).token?.accessToken, first.accessToken, 'the token is kept as it was');
		assert.ok(
			log.lines.some((line) =>
				line.includes(
					`Could not renew the token of "${app.name}" (invalid-app-secret, attempt 3); trying again in 4 min`,
				),
			),
		);
		assert.ok(!log.lines.some((line) => line.includes(SANDBOX_WECHAT_APP.appSecret)), 'no secret in the log');
	});

	it('a failure is forgotten once a retry renews the token', async () => {
		const app = await configured('authing');
		const first = await service.get(app);
		const auto = start();
		sandbox.addFault({ kind: 'wechat-errcode', errcode: 40125, times: 1, path: TOKEN_PATH.authing });
		await advanceTo(first.expiresAt - 5 * M, 2);
		assert.ok(auto.failure(app) !== undefined);
		await advanceTo(first.expiresAt - 4 * M, 3);
		assert.notEqual(service.state(app).token?.accessToken, first.accessToken);
		assert.equal(auto.failure(app), undefined);
	});
});
