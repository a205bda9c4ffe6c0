import * as assert from 'node:assert/strict';
import type { WechatApp } from '../../../../src/app/config/appConfig';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { ticketKey } from '../../../../src/app/credentials/secretKeys';
import { HealthCalls } from '../../../../src/app/health/healthCalls';
import { TokenHealth } from '../../../../src/app/health/tokenHealth';
import type { TicketServiceOptions } from '../../../../src/app/jssdk/ticketService';
import { TicketService } from '../../../../src/app/jssdk/ticketService';
import type { SecretStore } from '../../../../src/app/ports/secretStore';
import { maskToken } from '../../../../src/app/tokens/maskToken';
import { createDiagnosticsClient } from '../../../../src/core/diagnostics/diagnosticsClient';
import { WechatApiError } from '../../../../src/core/diagnostics/wechatApiError';
import { TokenError } from '../../../../src/core/errors';
import { TICKET_PATH } from '../../../../src/core/jssdk/jsapiTicket';
import type { Clock } from '../../../../src/core/tokenTypes';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { sandboxApp } from '../../support/apps';
import { eventually } from '../../support/eventually';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { requestFor, testClient, useSandbox } from '../../support/sandboxHarness';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { WindowSecretStore } from '../../support/windowSecretStore';

const APP_ID = SANDBOX_WECHAT_APP.appId;
const SECOND = 1000;
const TICKET_LIFETIME_S = 7200;
/** Long enough for every window's lease write to land before it reads the lease back (the extension waits 250 ms). */
const COORDINATING_LEASE = { settleMs: 50 } as const;

/** A clock the test moves: "two hours later" without waiting, and without depending on the hour it runs at. */
function movableClock(): Clock & { advance(ms: number): void } {
	let offset = 0;
	return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

/**
 * The JS-SDK ticket cache (issue: JS-SDK): tickets are fetched from the sandbox's getticket over loopback HTTP with a
 * real token, cached in a SecretStorage shared by every window, and WeChat's small quota is spent once per lifetime.
 */
describe('TicketService: one getticket per ticket lifetime, shared by every window', () => {
	const env = useSandbox();
	let opened: TicketService[] = [];
	let health: TokenHealth;
	let clock: ReturnType<typeof movableClock>;

	beforeEach(() => {
		health = new TokenHealth();
		clock = movableClock();
	});
	afterEach(() => {
		opened.forEach((service) => service.dispose());
		opened = [];
		health.dispose();
	});

	/** The getticket requests the code under test sent. */
	const tickets = (): number => env.sandbox.countRequests(TICKET_PATH);

	function app(overrides: Partial<Parameters<typeof sandboxApp>[2]> = {}): WechatApp {
		return sandboxApp('wechat-stable', env.sandbox.url, { name: 'Shop', ...overrides });
	}

	/** A working stable token of the sandbox app, fetched the way the token service would. */
	async function token(): Promise<string> {
		return (await testClient().fetchToken(requestFor('wechat-stable', env.sandbox.url))).accessToken;
	}

	/** Kills the app's current stable token as a forced refresh by someone else would; returns the new one. */
	async function killToken(): Promise<string> {
		const request = requestFor('wechat-stable', env.sandbox.url, { forceNewStableToken: true });
		return (await testClient().fetchToken(request)).accessToken;
	}

	/** A window's ticket service over `secrets`, asking the sandbox through HealthCalls as the extension does. */
	function openWindow(
		secrets: SecretStore,
		options: Partial<Omit<TicketServiceOptions, 'secrets' | 'calls'>> = {},
	): TicketService {
		const calls = new HealthCalls({
			health,
			credentials: new CredentialStore(secrets),
			diagnostics: () => createDiagnosticsClient({ maskToken, clock }),
			wechatApiHost: () => env.sandbox.url,
			clock,
		});
		const service = new TicketService({ secrets, calls, clock, lease: SINGLE_WINDOW_LEASE, ...options });
		opened.push(service);
		return service;
	}

	it('the first get fetches the sandbox’s ticket once; a second get and a peek send nothing', async () => {
		const shop = app();
		const log = recordingLog();
		const secrets = new MemorySecretStore();
		const service = openWindow(secrets, { log });
		const accessToken = await token();

		const first = await service.get(shop, 'jsapi', accessToken);
		assert.equal(tickets(), 1);
		assert.equal(first.ticket, env.sandbox.currentTicket(APP_ID));
		assert.equal(first.type, 'jsapi');
		assert.equal(first.expiresAt - first.fetchedAt, TICKET_LIFETIME_S * SECOND, 'WeChat’s expires_in, in ms');

		assert.deepEqual(await service.get(shop, 'jsapi', accessToken), first);
		assert.deepEqual(await service.peek(shop, 'jsapi'), first);
		assert.equal(tickets(), 1, 'nothing more was sent');
		assert.deepEqual(service.held(shop, 'jsapi'), { ticket: first, fresh: true });
		assert.equal(await service.peek(shop, 'wx_card'), undefined, 'a ticket per type');

		await service.persisted();
		const stored = await secrets.get(ticketKey('jsapi', shop.identity));
		assert.ok(stored?.includes(first.ticket), 'stored for reloads and other windows');
		assert.ok(
			log.lines.every((line) => !line.includes(first.ticket)),
			'the log shows the ticket masked only',
		);
		assert.ok(log.lines.some((line) => line.includes(maskToken(first.ticket))));
	});

	it('a wx_card ticket is its own, fetched with type=wx_card', async () => {
		const shop = app();
		const service = openWindow(new MemorySecretStore());
		const card = await service.get(shop, 'wx_card', await token());
		assert.equal(card.type, 'wx_card');
		assert.equal(card.ticket, env.sandbox.currentTicket(APP_ID, 'wx_card'));
		assert.equal(env.sandbox.requests.at(-1)?.query.type, 'wx_card');
		assert.equal(await service.peek(shop, 'jsapi'), undefined);
	});

	it('N concurrent gets in one window share one request', async () => {
		const shop = app();
		const service = openWindow(new MemorySecretStore());
		const accessToken = await token();
		const all = await Promise.all(Array.from({ length: 8 }, () => service.get(shop, 'jsapi', accessToken)));
		assert.equal(tickets(), 1);
		assert.equal(new Set(all.map((ticket) => ticket.ticket)).size, 1);
		assert.equal(all[0]?.ticket, env.sandbox.currentTicket(APP_ID));
	});

	it('two windows sharing one SecretStorage ask at once: one request, the same ticket in both', async () => {
		const shop = app();
		const backing = new MemorySecretStore();
		const windows = [backing.shareWith(), backing.shareWith()].map((view) =>
			openWindow(view, { lease: COORDINATING_LEASE }),
		);
		const accessToken = await token();
		const [a, b] = await Promise.all(windows.map((window) => window.get(shop, 'jsapi', accessToken)));
		assert.equal(tickets(), 1);
		assert.equal(a?.ticket, env.sandbox.currentTicket(APP_ID));
		assert.equal(b?.ticket, a?.ticket);
	});

	it('three windows whose writes land late, each with its own token, ask at once: still one request', async () => {
		const shop = app();
		const backing = new MemorySecretStore();
		const windows = [0, 1, 2].map(() =>
			openWindow(new WindowSecretStore(backing.shareWith(), { maxLagMs: 20 }), { lease: { settleMs: 100 } }),
		);
		const accessToken = await token();
		const all = await Promise.all(windows.map((window) => window.get(shop, 'jsapi', accessToken)));
		assert.equal(tickets(), 1);
		assert.deepEqual(
			all.map((ticket) => ticket.ticket),
			[0, 1, 2].map(() => env.sandbox.currentTicket(APP_ID)),
		);
	});

	it('a window opened after another fetched peeks the stored ticket: no request, no token needed', async () => {
		const shop = app();
		const backing = new MemorySecretStore();
		const first = await openWindow(backing.shareWith()).get(shop, 'jsapi', await token());
		const later = openWindow(backing.shareWith());
		assert.deepEqual(await later.peek(shop, 'jsapi'), first);
		assert.deepEqual(await later.get(shop, 'jsapi', 'a-token-that-is-never-used'), first);
		assert.equal(tickets(), 1);
	});

	it('setApps reads the stored tickets for the tree without any request', async () => {
		const shop = app();
		const backing = new MemorySecretStore();
		const first = await openWindow(backing.shareWith()).get(shop, 'jsapi', await token());
		const later = openWindow(backing.shareWith());
		assert.equal(later.held(shop, 'jsapi'), undefined, 'nothing read before the apps are known');
		let changes = 0;
		later.onDidChange(() => changes++);
		await later.setApps([shop]);
		assert.deepEqual(later.held(shop, 'jsapi'), { ticket: first, fresh: true });
		assert.equal(changes, 1);
		assert.equal(tickets(), 1);
	});

	it('held() shows a ticket another window stored, after its change event; a removal there clears it here', async () => {
		const shop = app();
		const backing = new MemorySecretStore();
		const fetching = openWindow(backing.shareWith());
		const watching = openWindow(backing.shareWith());
		await watching.setApps([shop]);
		assert.equal(watching.held(shop, 'jsapi'), undefined);
		let changes = 0;
		watching.onDidChange(() => changes++);

		const fetched = await fetching.get(shop, 'jsapi', await token());
		await eventually(
			() => watching.held(shop, 'jsapi')?.ticket.ticket === fetched.ticket,
			'shown in the other window',
		);
		assert.deepEqual(watching.held(shop, 'jsapi'), { ticket: fetched, fresh: true });
		assert.ok(changes >= 1, 'the tree was told');
		assert.deepEqual(await watching.peek(shop, 'jsapi'), fetched);
		assert.equal(tickets(), 1);

		await fetching.remove(shop);
		await eventually(() => watching.held(shop, 'jsapi') === undefined, 'gone in the other window too');
	});

	it('held() ignores apps it was not told about and other apps’ tickets', async () => {
		const shop = app();
		const other = app({ name: 'Blog', appId: 'wx9c3c2fcdb21c55cd' });
		const backing = new MemorySecretStore();
		const watching = openWindow(backing.shareWith());
		await watching.setApps([other]);
		await openWindow(backing.shareWith()).get(shop, 'jsapi', await token());
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.equal(watching.held(shop, 'jsapi'), undefined);
		assert.equal(watching.held(other, 'jsapi'), undefined);
	});

	it('once the ticket is due, get fetches the new one and previous() is the old one while it lives', async () => {
		const shop = app();
		const service = openWindow(new MemorySecretStore());
		const accessToken = await token();
		const old = await service.get(shop, 'jsapi', accessToken);
		assert.equal(await service.previous(shop, 'jsapi'), undefined, 'nothing replaced yet');

		// WeChat's clock has reached the ticket's end (a new one is issued); ours is a minute behind it, inside the
		// ticket's 1-minute refresh margin: the ticket is due here, and still alive. The old token has expired with it.
		env.sandbox.advance(TICKET_LIFETIME_S);
		const newToken = await token();
		clock.advance((TICKET_LIFETIME_S - 60) * SECOND);
		assert.equal(await service.peek(shop, 'jsapi'), undefined, 'not fresh any more');
		assert.deepEqual(service.held(shop, 'jsapi'), { ticket: old, fresh: false }, 'the tree still shows it');
		assert.equal(tickets(), 1);

		const renewed = await service.get(shop, 'jsapi', newToken);
		assert.equal(tickets(), 2);
		assert.notEqual(renewed.ticket, old.ticket);
		assert.equal(renewed.ticket, env.sandbox.currentTicket(APP_ID));
		assert.deepEqual(service.held(shop, 'jsapi'), { ticket: renewed, fresh: true });
		assert.deepEqual(await service.previous(shop, 'jsapi'), old);

		clock.advance(2 * 60 * SECOND);
		assert.equal(await service.previous(shop, 'jsapi'), undefined, 'past its end, the old ticket is no finding');
		assert.deepEqual(await service.peek(shop, 'jsapi'), renewed);
		assert.equal(tickets(), 2);
	});

	it('a token killed elsewhere: get rejects with WeChat’s 40001, the token is recorded dead, nothing is cached', async () => {
		const shop = app();
		const secrets = new MemorySecretStore();
		const service = openWindow(secrets);
		const dead = await token();
		const alive = await killToken();

		const error = await service.get(shop, 'jsapi', dead).then(
			() => assert.fail('resolved'),
			(rejection: unknown) => rejection,
		);
		assert.ok(WechatApiError.is(error), String(error));
		assert.equal(error.refusal.errcode, 40001);
		assert.equal(error.tokenNoLongerWorks, true);
		assert.equal(error.path, TICKET_PATH);
		assert.ok(!error.message.includes(dead), 'the token is not in the message');
		assert.equal(health.isDead(shop.identity, dead), true);
		assert.equal(health.isDead(shop.identity, alive), false);
		assert.equal(tickets(), 1);
		assert.equal(await service.peek(shop, 'jsapi'), undefined);
		assert.equal(service.held(shop, 'jsapi'), undefined);
		assert.equal(await secrets.get(ticketKey('jsapi', shop.identity)), undefined);

		const ticket = await service.get(shop, 'jsapi', alive);
		assert.equal(ticket.ticket, env.sandbox.currentTicket(APP_ID), 'a working token gets it');
		assert.equal(tickets(), 2);
	});

	it('no getticket quota left for the day: 45009, the token is not blamed', async () => {
		const shop = app();
		const accessToken = await token();
		await openWindow(new MemorySecretStore()).get(shop, 'jsapi', accessToken);
		// As good as spent, whichever day (Beijing time) it is now.
		env.sandbox.configure({ apiDailyLimits: { [TICKET_PATH]: 0 } });
		const elsewhere = openWindow(new MemorySecretStore());
		const error = await elsewhere.get(shop, 'jsapi', accessToken).then(
			() => assert.fail('resolved'),
			(rejection: unknown) => rejection,
		);
		assert.ok(WechatApiError.is(error), String(error));
		assert.equal(error.refusal.errcode, 45009);
		assert.equal(error.tokenNoLongerWorks, false);
		assert.equal(health.isDead(shop.identity, accessToken), false);
		assert.equal(tickets(), 2);
	});

	it('remove(app) deletes the stored tickets and forgets them; the next get asks again', async () => {
		const shop = app();
		const secrets = new MemorySecretStore();
		const service = openWindow(secrets);
		await service.setApps([shop]);
		const accessToken = await token();
		await service.get(shop, 'jsapi', accessToken);
		await service.get(shop, 'wx_card', accessToken);
		await service.persisted();
		assert.notEqual(await secrets.get(ticketKey('jsapi', shop.identity)), undefined);

		await service.remove(shop);
		assert.equal(await secrets.get(ticketKey('jsapi', shop.identity)), undefined);
		assert.equal(await secrets.get(ticketKey('wx_card', shop.identity)), undefined);
		assert.equal(service.held(shop, 'jsapi'), undefined);
		assert.equal(await service.peek(shop, 'jsapi'), undefined);
		assert.equal(await service.peek(shop, 'wx_card'), undefined);
		assert.equal(tickets(), 2);

		await service.get(shop, 'jsapi', accessToken);
		assert.equal(tickets(), 3);
	});

	it('a get cancelled before it starts sends nothing', async () => {
		const shop = app();
		const service = openWindow(new MemorySecretStore());
		const controller = new AbortController();
		controller.abort();
		await assert.rejects(service.get(shop, 'jsapi', await token(), controller.signal), (error: unknown) =>
			TokenError.is(error, 'cancelled'),
		);
		assert.equal(tickets(), 0);
	});

	it('without a keyring the ticket is still fetched (once per window), only not kept', async () => {
		const shop = app();
		const secrets = new MemorySecretStore();
		secrets.failing = true;
		const log = recordingLog();
		const service = openWindow(secrets, { log });
		const accessToken = await token();
		const ticket = await service.get(shop, 'jsapi', accessToken);
		assert.equal(ticket.ticket, env.sandbox.currentTicket(APP_ID));
		assert.deepEqual(await service.get(shop, 'jsapi', accessToken), ticket, 'kept in memory');
		assert.equal(tickets(), 1);
		assert.ok(
			log.lines.some((line) => /without a lease|ticket cache/.test(line)),
			log.lines.join('\n'),
		);
	});
});
