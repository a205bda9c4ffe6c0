import * as assert from 'node:assert/strict';
import type { WechatAccessTokenApi } from '../../../../src/api/wechatAccessTokenApi';
import { createAccessTokenApi } from '../../../../src/app/api/accessTokenApi';
import { createJsSdkApi } from '../../../../src/app/api/jsSdkApi';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import type { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { HealthCalls } from '../../../../src/app/health/healthCalls';
import { TokenHealth } from '../../../../src/app/health/tokenHealth';
import { TicketService } from '../../../../src/app/jssdk/ticketService';
import { ActiveApp } from '../../../../src/app/tokens/activeApp';
import { ClassicConsent } from '../../../../src/app/tokens/classicConsent';
import { maskToken } from '../../../../src/app/tokens/maskToken';
import type { TokenService } from '../../../../src/app/tokens/tokenService';
import { TokenUseCase } from '../../../../src/app/tokens/tokenUseCase';
import { createDiagnosticsClient } from '../../../../src/core/diagnostics/diagnosticsClient';
import { WechatApiError } from '../../../../src/core/diagnostics/wechatApiError';
import { TICKET_PATH } from '../../../../src/core/jssdk/jsapiTicket';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { rejectsWithCode } from '../../support/apiRejection';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { englishL10n } from '../../support/englishL10n';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { memoryStateStore } from '../../support/memoryStateStore';
import { recordingLog } from '../../support/recordingLog';
import { requestFor, testClient, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE, singleWindowTokens } from '../../support/singleWindow';

const APP_ID = SANDBOX_WECHAT_APP.appId;
/** The API's clock, for the timestamps it signs with: a fixed instant, half a second past a whole second. */
const NOW_MS = 1_700_000_000_500;
const STABLE = TOKEN_PATH['wechat-stable'];

type JsSdkApi = Pick<WechatAccessTokenApi, 'getJsapiTicket' | 'signJsSdkPage'>;

interface Window {
	readonly api: JsSdkApi;
	readonly service: TokenService;
	readonly tickets: TicketService;
	readonly activeApp: ActiveApp;
	readonly credentials: CredentialStore;
	readonly log: ReturnType<typeof recordingLog>;
}

/**
 * The API's JS-SDK calls for other extensions, wired as publicApi.ts wires them (the token use case for the token, the
 * commands' ticket cache, HealthCalls for getticket), against the sandbox over loopback HTTP.
 */
describe('the API for other extensions: getJsapiTicket and signJsSdkPage', () => {
	const env = useSandbox();
	let opened: Window[] = [];
	let health: TokenHealth;

	beforeEach(() => {
		health = new TokenHealth();
	});
	afterEach(() => {
		for (const window of opened) {
			window.activeApp.dispose();
			window.tickets.dispose();
			window.service.dispose();
		}
		opened = [];
		health.dispose();
	});

	const ticketRequests = (): number => env.sandbox.countRequests(TICKET_PATH);

	function openWindow(secrets = new MemorySecretStore()): Window {
		const log = recordingLog();
		const { credentials, service } = singleWindowTokens({ secrets });
		const activeApp = new ActiveApp({ tokens: service });
		const consent = new ClassicConsent(memoryStateStore());
		const tickets = new TicketService({
			secrets,
			calls: new HealthCalls({
				health,
				credentials,
				diagnostics: () => createDiagnosticsClient({ maskToken }),
				wechatApiHost: () => env.sandbox.url,
			}),
			log,
			lease: SINGLE_WINDOW_LEASE,
		});
		const deps = { service, activeApp, l10n: englishL10n, log, timeoutSeconds: () => 15 };
		const api = createJsSdkApi({
			...deps,
			tokens: createAccessTokenApi({ ...deps, tokens: new TokenUseCase({ service, credentials, consent, log }) }),
			tickets,
			clock: { now: () => NOW_MS },
		});
		const window = { api, service, tickets, activeApp, credentials, log };
		opened.push(window);
		return window;
	}

	async function withApp(window: Window, name = 'Shop'): Promise<WechatApp> {
		const app = sandboxApp('wechat-stable', env.sandbox.url, { name });
		await window.service.setApps([app]);
		await window.tickets.setApps([app]);
		await window.credentials.write(app, sandboxSecrets('wechat-stable'));
		return app;
	}

	describe('getJsapiTicket', () => {
		it('the app’s jsapi ticket by default, fetched once with the app’s token, then from the cache', async () => {
			const window = openWindow();
			await withApp(window);
			const info = await window.api.getJsapiTicket('Shop');
			assert.deepEqual(Object.keys(info).sort(), ['appName', 'expiresAt', 'ticket', 'type']);
			assert.equal(info.appName, 'Shop');
			assert.equal(info.type, 'jsapi');
			assert.equal(info.ticket, env.sandbox.currentTicket(APP_ID));
			assert.ok(info.expiresAt > Date.now() + 7000 * 1000, 'about two hours left');
			assert.equal(ticketRequests(), 1);

			const again = await window.api.getJsapiTicket();
			assert.deepEqual(again, info, 'the only app, when none is named');
			assert.deepEqual(await window.api.getJsapiTicket(APP_ID, 'jsapi'), info, 'by AppID');
			assert.equal(ticketRequests(), 1);
			assert.ok(
				window.log.lines.every((line) => !line.includes(info.ticket)),
				'never logged in clear',
			);
		});

		it('wx_card on request; any other type is invalid-ticket-type before anything is sent', async () => {
			const window = openWindow();
			await withApp(window);
			const card = await window.api.getJsapiTicket('Shop', 'wx_card');
			assert.equal(card.type, 'wx_card');
			assert.equal(card.ticket, env.sandbox.currentTicket(APP_ID, 'wx_card'));

			const sent = env.sandbox.countRequests();
			for (const type of ['card', 'JSAPI', '', 42, {}]) {
				await rejectsWithCode(window.api.getJsapiTicket('Shop', type as never), 'invalid-ticket-type');
			}
			await rejectsWithCode(window.api.getJsapiTicket('Nobody', 'card' as never), 'invalid-ticket-type');
			assert.equal(env.sandbox.countRequests(), sent);
		});

		it('an app that is not configured is unknown-app, and nothing is sent', async () => {
			const window = openWindow();
			await withApp(window);
			const sent = env.sandbox.countRequests();
			const error = await rejectsWithCode(window.api.getJsapiTicket('Nobody'), 'unknown-app');
			assert.match(error.message, /Nobody/);
			await rejectsWithCode(window.api.signJsSdkPage('Nobody', 'https://example.com/'), 'unknown-app');
			assert.equal(env.sandbox.countRequests(), sent);
		});

		it('a ticket another window stored is given without a token or a request', async () => {
			const backing = new MemorySecretStore();
			const first = openWindow(backing.shareWith());
			await withApp(first);
			const info = await first.api.getJsapiTicket('Shop');
			await first.tickets.persisted();
			const sent = env.sandbox.countRequests();

			const second = openWindow(backing.shareWith());
			await withApp(second);
			assert.deepEqual(await second.api.getJsapiTicket('Shop'), info);
			assert.equal(env.sandbox.countRequests(), sent, 'neither a token nor a ticket was asked for');
		});

		it('a token killed elsewhere: wechat-refused with WeChat’s 40001, and the app’s token is recorded dead', async () => {
			const window = openWindow();
			const app = await withApp(window);
			const token = (await window.service.get(app)).accessToken;
			await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true }));
			const stableRequests = env.sandbox.countRequests(STABLE);

			const error = await rejectsWithCode(window.api.getJsapiTicket('Shop'), 'wechat-refused');
			assert.match(error.message, /40001/);
			assert.ok(!error.message.includes(token), 'the token is not in the message');
			assert.ok(WechatApiError.is(error.cause));
			assert.equal(health.isDead(app.identity, token), true);
			assert.equal(ticketRequests(), 1);
			assert.equal(env.sandbox.countRequests(STABLE), stableRequests, 'no token was forced or fetched');
			await rejectsWithCode(window.api.signJsSdkPage('Shop', 'https://example.com/'), 'wechat-refused');
		});

		it('no getticket quota left: wechat-refused with 45009', async () => {
			const window = openWindow();
			await withApp(window);
			env.sandbox.configure({ apiDailyLimits: { [TICKET_PATH]: 0 } });
			const error = await rejectsWithCode(window.api.getJsapiTicket('Shop'), 'wechat-refused');
			assert.match(error.message, /45009/);
		});
	});

	describe('signJsSdkPage', () => {
		it('removes the # part, signs with the app’s ticket and the clock’s seconds; the sandbox agrees', async () => {
			const window = openWindow();
			await withApp(window);
			const signed = await window.api.signJsSdkPage(
				'Shop',
				'  https://example.com/app/index.html?x=1#/cart?id=2 ',
			);
			assert.equal(signed.appName, 'Shop');
			assert.equal(signed.appId, APP_ID);
			assert.equal(signed.url, 'https://example.com/app/index.html?x=1');
			assert.equal(signed.fragmentRemoved, '#/cart?id=2');
			assert.equal(signed.timestamp, Math.floor(NOW_MS / 1000));
			assert.match(signed.nonceStr, /^[A-Za-z0-9]{16}$/);
			assert.equal(
				signed.signature,
				env.sandbox.jsSdkSignature({
					appId: APP_ID,
					url: 'https://example.com/app/index.html?x=1',
					nonceStr: signed.nonceStr,
					timestamp: signed.timestamp,
				}),
			);
			assert.equal(ticketRequests(), 1);
			assert.ok(!JSON.stringify(signed).includes(env.sandbox.currentTicket(APP_ID) ?? '?'), 'no ticket given');

			const plain = await window.api.signJsSdkPage(undefined, 'http://example.com');
			assert.ok(!('fragmentRemoved' in plain), 'no # part, no field');
			assert.equal(
				plain.signature,
				env.sandbox.jsSdkSignature({
					appId: APP_ID,
					url: 'http://example.com',
					nonceStr: plain.nonceStr,
					timestamp: plain.timestamp,
				}),
			);
			assert.notEqual(plain.nonceStr, signed.nonceStr, 'a new nonce each time');
			assert.equal(ticketRequests(), 1, 'the cached ticket');
		});

		it('a URL that is no http(s) page is invalid-url, before the app is looked up or anything is sent', async () => {
			const window = openWindow();
			await withApp(window);
			const sent = env.sandbox.countRequests();
			for (const url of [
				'ftp://x',
				'file:///etc/passwd',
				'javascript:alert(1)',
				'example.com/a',
				'',
				'#/only',
				42,
			]) {
				const error = await rejectsWithCode(window.api.signJsSdkPage('Shop', url as string), 'invalid-url');
				assert.ok(error.message.length > 0);
			}
			await rejectsWithCode(window.api.signJsSdkPage('Nobody', 'ftp://x'), 'invalid-url');
			assert.equal(env.sandbox.countRequests(), sent);
		});
	});
});
