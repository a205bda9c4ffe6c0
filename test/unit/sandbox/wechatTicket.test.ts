import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../sandbox/fixtures';
import { sandboxJsSdkSignature } from '../../sandbox/jsSdkTickets';
import { TICKET_PATH } from '../../sandbox/routes/wechatTicket';
import { startSandbox } from '../../sandbox/sandboxServer';
import type { Sandbox } from '../../sandbox/sandboxServer';

/** The sandbox's getticket over real HTTP, as the extension and the e2e tests reach it. */

interface Answer {
	readonly status: number;
	readonly json: Record<string, unknown>;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
	const response = await fetch(url, init);
	const text = await response.text();
	return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
}

function post(url: string, body: unknown): Promise<Answer> {
	return call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const RID = /rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;

describe('sandbox: JS-SDK tickets (getticket)', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.reset());
	after(() => sandbox.close());

	async function stableToken(app: { appId: string; appSecret: string } = SANDBOX_WECHAT_APP, force = false) {
		const answer = await post(`${sandbox.url}/cgi-bin/stable_token`, {
			grant_type: 'client_credential',
			appid: app.appId,
			secret: app.appSecret,
			force_refresh: force,
		});
		return String(answer.json.access_token);
	}

	function getTicket(token: string, type = 'jsapi'): Promise<Answer> {
		return call(`${sandbox.url}${TICKET_PATH}?access_token=${encodeURIComponent(token)}&type=${type}`);
	}

	it('hands out the app’s ticket to a valid token: errcode 0, ok, an 86-character ticket, 7200 s', async () => {
		const answer = await getTicket(await stableToken());
		assert.equal(answer.status, 200);
		assert.deepEqual(Object.keys(answer.json), ['errcode', 'errmsg', 'ticket', 'expires_in']);
		assert.equal(answer.json.errcode, 0);
		assert.equal(answer.json.errmsg, 'ok');
		assert.match(String(answer.json.ticket), /^[A-Za-z0-9_-]{86}$/);
		assert.equal(answer.json.expires_in, 7200);
		assert.equal(sandbox.currentTicket(SANDBOX_WECHAT_APP.appId), answer.json.ticket);
		assert.equal(sandbox.previousTicket(SANDBOX_WECHAT_APP.appId), undefined);
	});

	it('gives the same ticket on every call while it lives, whichever token of the app asks', async () => {
		const first = await getTicket(await stableToken());
		const classic = await call(
			`${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=${SANDBOX_WECHAT_APP.appId}&secret=${SANDBOX_WECHAT_APP.appSecret}`,
		);
		const second = await getTicket(String(classic.json.access_token));
		assert.equal(second.json.ticket, first.json.ticket);

		const card = await getTicket(await stableToken(), 'wx_card');
		assert.notEqual(card.json.ticket, first.json.ticket, 'a ticket per type');
		assert.equal(sandbox.currentTicket(SANDBOX_WECHAT_APP.appId, 'wx_card'), card.json.ticket);
		const otherApp = await getTicket(await stableToken(SANDBOX_WECHAT_APP_2));
		assert.notEqual(otherApp.json.ticket, first.json.ticket, 'a ticket per app');
	});

	it('a new ticket once it has expired on the sandbox clock, the old one kept as previous', async () => {
		sandbox.configure({ ticketLifetimeSeconds: 600 });
		const token = await stableToken();
		const first = String((await getTicket(token)).json.ticket);
		sandbox.advance(100);
		const again = await getTicket(token);
		assert.equal(again.json.ticket, first);
		assert.equal(again.json.expires_in, 500, 'what is left of its life');
		sandbox.advance(500);
		const renewed = await getTicket(token);
		assert.notEqual(renewed.json.ticket, first);
		assert.equal(renewed.json.expires_in, 600);
		assert.equal(sandbox.currentTicket(SANDBOX_WECHAT_APP.appId), renewed.json.ticket);
		assert.equal(sandbox.previousTicket(SANDBOX_WECHAT_APP.appId), first);
	});

	it('refuses a token a forced refresh killed (40001), an unknown one (40001) and a missing one (41001)', async () => {
		const killed = await stableToken();
		await stableToken(SANDBOX_WECHAT_APP, true);
		assert.equal((await getTicket(killed)).json.errcode, 40001);
		assert.equal((await getTicket('86_not-a-token')).json.errcode, 40001);
		assert.equal((await call(`${sandbox.url}${TICKET_PATH}?type=jsapi`)).json.errcode, 41001);
		assert.equal(sandbox.currentTicket(SANDBOX_WECHAT_APP.appId), undefined, 'no ticket handed out');
	});

	it('refuses an expired token: 42001', async () => {
		const token = await stableToken();
		sandbox.advance(7201);
		const answer = await getTicket(token);
		assert.equal(answer.json.errcode, 42001);
		assert.match(String(answer.json.errmsg), /^access_token expired rid: /);
	});

	it('refuses an unknown or missing type: 40097, and a POST: 43001', async () => {
		const token = await stableToken();
		for (const query of ['type=JSAPI', 'type=card', 'type=', '']) {
			const answer = await call(`${sandbox.url}${TICKET_PATH}?access_token=${token}&${query}`);
			assert.equal(answer.json.errcode, 40097, query);
			assert.match(String(answer.json.errmsg), /^invalid args rid: /);
		}
		const posted = await post(`${sandbox.url}${TICKET_PATH}?access_token=${token}&type=jsapi`, {});
		assert.equal(posted.json.errcode, 43001);
	});

	it('45009 once the configured daily limit is spent, per app, until midnight Beijing time', async () => {
		sandbox.configure({ apiDailyLimits: { [TICKET_PATH]: 2 } });
		const token = await stableToken();
		assert.equal((await getTicket(token)).json.errcode, 0);
		assert.equal((await getTicket(token, 'wx_card')).json.errcode, 0);
		const spent = await getTicket(token);
		assert.equal(spent.json.errcode, 45009);
		assert.match(String(spent.json.errmsg), /^reach max api daily quota limit rid: /);
		assert.equal((await getTicket(await stableToken(SANDBOX_WECHAT_APP_2))).json.errcode, 0, 'the other app');
		sandbox.advance(86_400);
		assert.equal((await getTicket(await stableToken())).json.errcode, 0, 'a new day');
	});

	it('the quota endpoint counts the calls that got a ticket', async () => {
		sandbox.configure({ apiDailyLimits: { [TICKET_PATH]: 10 } });
		const token = await stableToken();
		await getTicket(token);
		await getTicket(token);
		await getTicket(token, 'bogus');
		const answer = await post(`${sandbox.url}/cgi-bin/openapi/quota/get?access_token=${token}`, {
			cgi_path: TICKET_PATH,
		});
		assert.equal(answer.json.errcode, 0);
		assert.deepEqual(answer.json.quota, { daily_limit: 10, used: 2, remain: 8 });
	});

	it('the quota endpoint reports getticket unconfigured too, with its default daily limit', async () => {
		const token = await stableToken();
		await getTicket(token);
		const answer = await post(`${sandbox.url}/cgi-bin/openapi/quota/get?access_token=${token}`, {
			cgi_path: TICKET_PATH,
		});
		assert.deepEqual(answer.json.quota, { daily_limit: 2000, used: 1, remain: 1999 });
	});

	it('explains a failed getticket by its rid, like any WeChat call', async () => {
		const token = await stableToken();
		const failed = await getTicket(token, 'bogus');
		const rid = RID.exec(String(failed.json.errmsg))?.[1];
		assert.ok(rid, String(failed.json.errmsg));
		const answer = await post(`${sandbox.url}/cgi-bin/openapi/rid/get?access_token=${token}`, { rid });
		assert.equal(answer.json.errcode, 0);
		const request = answer.json.request as Record<string, unknown>;
		assert.equal(request.request_url, `https://api.weixin.qq.com${TICKET_PATH}?access_token=${token}&type=bogus`);
		assert.match(String(request.response_body), /"errcode":40097/);
	});

	describe('the sandbox’s own page signature', () => {
		/** WeChat's rule written out once more, by hand: the four pairs in ASCII order, raw, sha1 hex. */
		const byHand = (ticket: string, nonceStr: string, timestamp: string, url: string): string =>
			createHash('sha1')
				.update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
				.digest('hex');

		it('signs WeChat’s official example as WeChat does', () => {
			const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
			const fields = { nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457 };
			assert.equal(
				sandboxJsSdkSignature(ticket, { ...fields, url: 'http://mp.weixin.qq.com?params=value' }),
				'0f9de62fce790f9a083d5c99e95740ceb90c27ed',
			);
			assert.equal(
				sandboxJsSdkSignature(ticket, { ...fields, url: 'http://mp.weixin.qq.com' }),
				'f4d90daf4b3bca3078ab155816175ba34c443a7b',
			);
		});

		it('in process and over the control API, equals the official algorithm with the app’s current ticket', async () => {
			const page = {
				appId: SANDBOX_WECHAT_APP.appId,
				url: 'https://example.com/商品/list?q=a b&x=1',
				nonceStr: 'Wm3WZYTPz0wzccnW',
				timestamp: '1414587457',
			};
			assert.equal(sandbox.jsSdkSignature(page), undefined, 'no ticket yet');
			const refused = await post(`${sandbox.url}/__sandbox/jssdk-signature`, page);
			assert.equal(refused.status, 400);

			const ticket = String((await getTicket(await stableToken())).json.ticket);
			const expected = byHand(ticket, page.nonceStr, page.timestamp, page.url);
			assert.equal(sandbox.jsSdkSignature(page), expected);
			const overHttp = await post(`${sandbox.url}/__sandbox/jssdk-signature`, page);
			assert.deepEqual(overHttp.json, { signature: expected });
			const numeric = await post(`${sandbox.url}/__sandbox/jssdk-signature`, { ...page, timestamp: 1414587457 });
			assert.deepEqual(numeric.json, { signature: expected });
		});

		it('signs with the previous ticket on request, and the control API shows both tickets', async () => {
			sandbox.configure({ ticketLifetimeSeconds: 60 });
			const token = await stableToken();
			const first = String((await getTicket(token)).json.ticket);
			sandbox.advance(61);
			const second = String((await getTicket(token)).json.ticket);
			const page = { appId: SANDBOX_WECHAT_APP.appId, url: 'https://example.com/', nonceStr: 'n', timestamp: 1 };
			assert.equal(sandbox.jsSdkSignature({ ...page, ticket: 'previous' }), byHand(first, 'n', '1', page.url));
			const shown = await call(`${sandbox.url}/__sandbox/ticket?appId=${SANDBOX_WECHAT_APP.appId}&type=jsapi`);
			const { current, previous } = shown.json as Record<string, Record<string, unknown>>;
			assert.equal(current?.value, second);
			assert.equal(previous?.value, first);
			assert.equal(Number(current?.expiresAt) - Number(current?.issuedAt), 60_000);
			const state = (await call(`${sandbox.url}/__sandbox/state`)).json;
			assert.deepEqual(Object.keys((state.tickets as Record<string, object>)[SANDBOX_WECHAT_APP.appId] ?? {}), [
				'jsapi',
			]);
			assert.equal((await call(`${sandbox.url}/__sandbox/ticket?appId=x&type=nope`)).status, 400);
			await post(`${sandbox.url}/__sandbox/reset`, {});
			const afterReset = await call(`${sandbox.url}/__sandbox/ticket?appId=${SANDBOX_WECHAT_APP.appId}`);
			assert.deepEqual(afterReset.json, { current: null, previous: null });
		});
	});
});
