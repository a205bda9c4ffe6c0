import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	SANDBOX_AUTHING,
	SANDBOX_CALLER_IP,
	SANDBOX_TEAM,
	SANDBOX_WECHAT_APP,
	SANDBOX_WECHAT_APP_2,
} from '../../sandbox/fixtures';
import { startSandbox } from '../../sandbox/sandboxServer';
import type { Sandbox } from '../../sandbox/sandboxServer';
import { makeTestCertificate } from '../../sandbox/testCertificate';

/** The sandbox checks itself over real HTTP, as the client and the e2e tests will use it. */

interface Answer {
	readonly status: number;
	readonly headers: Headers;
	readonly text: string;
	/** The body parsed as a JSON object; `{}` when it is not one. */
	readonly json: Record<string, unknown>;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
	const response = await fetch(url, { redirect: 'manual', ...init });
	const text = await response.text();
	let json: Record<string, unknown> = {};
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed === 'object' && parsed !== null) {
			json = parsed as Record<string, unknown>;
		}
	} catch {
		// Not JSON: the tests that expect this look at `text`.
	}
	return { status: response.status, headers: response.headers, text, json };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
	return call(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
}

const WECHAT_BODY = { appId: SANDBOX_WECHAT_APP.appId, appSecret: SANDBOX_WECHAT_APP.appSecret };
const AUTHING_HEADERS = { 'x-authing-app-id': SANDBOX_AUTHING.authingAppId };
const INFO = '/api/v3/get-wechat-access-token-info';
const LEGACY = '/api/v3/get-wechat-access-token';
const WEIXIN = '/api/v3/get-weixin-access-token';

function classicUrl(sandbox: Sandbox, appid: string = WECHAT_BODY.appId, secret: string = WECHAT_BODY.appSecret) {
	return `${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`;
}

/** An Authing application-route call, the WeChat credentials and Authing app header overridable. */
function authing(
	sandbox: Sandbox,
	path: string,
	body: Record<string, unknown> = {},
	headers: Record<string, string> = {},
): Promise<Answer> {
	return post(`${sandbox.url}${path}`, { ...WECHAT_BODY, ...body }, { ...AUTHING_HEADERS, ...headers });
}

async function domainIpErrcode(sandbox: Sandbox, token: string): Promise<unknown> {
	return (await call(`${sandbox.url}/cgi-bin/get_api_domain_ip?access_token=${token}`)).json.errcode;
}

function stable(sandbox: Sandbox, extra: Record<string, unknown> = {}): Promise<Answer> {
	return post(`${sandbox.url}/cgi-bin/stable_token`, {
		grant_type: 'client_credential',
		appid: SANDBOX_WECHAT_APP.appId,
		secret: SANDBOX_WECHAT_APP.appSecret,
		...extra,
	});
}

function data(answer: Answer): Record<string, unknown> {
	return answer.json.data as Record<string, unknown>;
}

describe('sandbox server', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.reset());
	after(() => sandbox.close());

	it('seeds credentials shaped like the real ones', () => {
		for (const app of [SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2]) {
			assert.match(app.appId, /^wx[0-9a-f]{16}$/);
			assert.match(app.appSecret, /^[0-9a-f]{32}$/);
		}
		assert.match(SANDBOX_AUTHING.authingAppId, /^[0-9a-f]{24}$/);
		assert.match(SANDBOX_AUTHING.userPoolId, /^[0-9a-f]{24}$/);
		assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
	});

	describe('WeChat classic /cgi-bin/token', () => {
		it('mints a token per call, with a correct Date header', async () => {
			const first = await call(classicUrl(sandbox));
			assert.equal(first.status, 200);
			assert.equal(first.json.expires_in, 7200);
			assert.equal(typeof first.json.access_token, 'string');
			assert.ok(Math.abs(Date.parse(first.headers.get('date') ?? '') - Date.now()) < 2000);
			const second = await call(classicUrl(sandbox));
			assert.notEqual(second.json.access_token, first.json.access_token);
			assert.equal(sandbox.currentToken(SANDBOX_WECHAT_APP.appId), second.json.access_token);
			assert.equal(sandbox.countRequests('/cgi-bin/token'), 2);
		});

		it('answers WeChat errors with HTTP 200, errcode and a rid', async () => {
			const wrongSecret = await call(classicUrl(sandbox, SANDBOX_WECHAT_APP.appId, 'f'.repeat(32)));
			assert.equal(wrongSecret.status, 200);
			assert.equal(wrongSecret.json.errcode, 40125);
			const rid = /^invalid appsecret rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
			assert.match(String(wrongSecret.json.errmsg), rid);
			assert.equal((await call(classicUrl(sandbox, 'wx0000000000000000'))).json.errcode, 40013);
			assert.equal((await call(`${sandbox.url}/cgi-bin/token?appid=x&secret=y`)).json.errcode, 40002);
			assert.equal((await call(`${sandbox.url}/cgi-bin/token?grant_type=client_credential`)).json.errcode, 41002);
		});

		it('enforces the daily quota', async () => {
			sandbox.configure({ classicDailyQuota: 2 });
			await call(classicUrl(sandbox));
			await call(classicUrl(sandbox));
			assert.equal((await call(classicUrl(sandbox))).json.errcode, 45009);
		});
	});

	describe('WeChat stable_token', () => {
		it('returns the same token until forced, and a forced refresh kills the old one', async () => {
			const first = await stable(sandbox);
			const again = await stable(sandbox, { force_refresh: false });
			assert.equal(again.json.access_token, first.json.access_token);
			const forced = await stable(sandbox, { force_refresh: true });
			assert.notEqual(forced.json.access_token, first.json.access_token);
			assert.equal(sandbox.tokenStatus(String(first.json.access_token)), 'invalidated');
			assert.equal((await stable(sandbox, { force_refresh: true })).json.errcode, 45011);
		});

		it('reads JSON only: a form body fails like a call without credentials', async () => {
			const form = await call(`${sandbox.url}/cgi-bin/stable_token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: `grant_type=client_credential&appid=${WECHAT_BODY.appId}&secret=${WECHAT_BODY.appSecret}`,
			});
			assert.equal(form.json.errcode, 40002);
			assert.equal((await call(`${sandbox.url}/cgi-bin/stable_token`)).json.errcode, 43002);
		});
	});

	describe('Authing application route', () => {
		it('relays the stable token in an envelope, the same one on every call, on both paths', async () => {
			const first = await authing(sandbox, INFO);
			assert.equal(first.json.statusCode, 200);
			assert.equal(typeof first.json.requestId, 'string');
			const { accessToken, expiresAt } = data(first);
			assert.ok(sandbox.isTokenValid(String(accessToken)));
			assert.equal(typeof expiresAt, 'number');
			assert.ok(Math.abs(Number(expiresAt) - (Date.now() / 1000 + 7200)) < 5);
			const legacy = await authing(sandbox, LEGACY, {}, { authorization: SANDBOX_AUTHING.userAccessToken });
			assert.equal(data(legacy).accessToken, accessToken);
		});

		it('refuses an unknown application, a wrong user token and relays WeChat refusals', async () => {
			const unknownApp = await authing(sandbox, INFO, {}, { 'x-authing-app-id': 'f'.repeat(24) });
			assert.equal(unknownApp.status, 200);
			assert.deepEqual([unknownApp.json.statusCode, unknownApp.json.apiCode], [400, 2011]);
			const badUser = await authing(sandbox, INFO, {}, { authorization: 'Bearer nope' });
			assert.deepEqual([badUser.json.statusCode, badUser.json.apiCode], [401, 2020]);
			const badSecret = await authing(sandbox, INFO, { appSecret: 'f'.repeat(32) });
			assert.equal(badSecret.json.statusCode, 400);
			assert.equal(badSecret.json.data, undefined);
			assert.match(String(badSecret.json.message), /"errcode":40125.*invalid appsecret rid: /);
			sandbox.configure({ authingRelayStyle: 'errmsg', authingMirrorsHttpStatus: true });
			const plain = await authing(sandbox, INFO, { appSecret: 'f'.repeat(32) });
			assert.equal(plain.status, 400);
			assert.match(String(plain.json.message), /^invalid appsecret rid: /);
		});
	});

	describe('Authing management route', () => {
		it('issues a JWT management token that unlocks get-weixin-access-token until revoked', async () => {
			const issued = await post(`${sandbox.url}/api/v3/get-management-token`, {
				accessKeyId: SANDBOX_AUTHING.accessKeyId,
				accessKeySecret: SANDBOX_AUTHING.accessKeySecret,
			});
			const { access_token: jwt, expires_in: expiresIn } = data(issued);
			assert.equal(expiresIn, 7200);
			const payload = Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString();
			const claims = JSON.parse(payload) as Record<string, unknown>;
			assert.equal(claims.scoped_userpool_id, SANDBOX_AUTHING.userPoolId);
			const headers = {
				authorization: `Bearer ${String(jwt)}`,
				'x-authing-userpool-id': SANDBOX_AUTHING.userPoolId,
			};
			const token = await post(`${sandbox.url}${WEIXIN}`, WECHAT_BODY, headers);
			assert.ok(sandbox.isTokenValid(String(data(token).accessToken)));
			sandbox.revokeManagementTokens();
			const stale = await post(`${sandbox.url}${WEIXIN}`, WECHAT_BODY, headers);
			assert.deepEqual([stale.status, stale.json.statusCode], [401, 401]);
			const wrongKey = await post(`${sandbox.url}/api/v3/get-management-token`, {
				accessKeyId: SANDBOX_AUTHING.accessKeyId,
				accessKeySecret: 'f'.repeat(32),
			});
			assert.equal(wrongKey.json.statusCode, 401);
		});

		for (const vendor of ['authing', 'genauth'] as const) {
			it(`accepts the ${vendor} HMAC-SHA1 request signature and refuses a wrong one`, async () => {
				const headers: Record<string, string> = {
					date: 'Wed, 01 Jan 2025 00:00:00 GMT',
					[`x-${vendor}-signature-nonce`]: 'n0nce',
					[`x-${vendor}-signature-method`]: 'HMAC-SHA1',
					[`x-${vendor}-signature-version`]: '1.0',
					[`x-${vendor}-lang`]: 'zh-CN',
				};
				// Written out by hand, so the sandbox's canonicalization is checked rather than reused.
				const toSign =
					`POST\ndate:Wed, 01 Jan 2025 00:00:00 GMT\nx-${vendor}-lang:zh-CN\n` +
					`x-${vendor}-signature-method:HMAC-SHA1\nx-${vendor}-signature-nonce:n0nce\n` +
					`x-${vendor}-signature-version:1.0\n` +
					`${WEIXIN}?appId=${WECHAT_BODY.appId}&appSecret=${WECHAT_BODY.appSecret}`;
				const signature = createHmac('sha1', SANDBOX_AUTHING.accessKeySecret).update(toSign).digest('base64');
				const authorization = `${vendor} ${SANDBOX_AUTHING.accessKeyId}:${signature}`;
				const ok = await post(`${sandbox.url}${WEIXIN}`, WECHAT_BODY, { ...headers, authorization });
				assert.equal(ok.json.statusCode, 200, ok.text);
				const changed = { ...headers, [`x-${vendor}-lang`]: 'en-US', authorization };
				const tampered = await post(`${sandbox.url}${WEIXIN}`, WECHAT_BODY, changed);
				assert.deepEqual([tampered.status, tampered.json.statusCode], [401, 401]);
			});
		}
	});

	it('get_api_domain_ip tells valid, invalidated and unknown tokens apart', async () => {
		const token = String((await stable(sandbox)).json.access_token);
		const ok = await call(`${sandbox.url}/cgi-bin/get_api_domain_ip?access_token=${token}`);
		assert.ok(Array.isArray(ok.json.ip_list));
		await stable(sandbox, { force_refresh: true });
		assert.equal(await domainIpErrcode(sandbox, token), 40001);
		assert.equal(await domainIpErrcode(sandbox, 'nope'), 40001);
		assert.equal(await domainIpErrcode(sandbox, ''), 41001);
	});

	describe('faults', () => {
		it('http-error sends an nginx page with Retry-After, for `times` requests only', async () => {
			sandbox.addFault({ kind: 'http-error', status: 429, retryAfterSeconds: 7, times: 1 });
			const limited = await stable(sandbox);
			assert.equal(limited.status, 429);
			assert.equal(limited.headers.get('retry-after'), '7');
			assert.match(limited.text, /<center>nginx<\/center>/);
			assert.equal((await stable(sandbox)).status, 200);
		});

		it('matches paths exactly or at a segment boundary, never as a bare string prefix', async () => {
			sandbox.addFault({ kind: 'not-found', path: LEGACY });
			assert.equal((await authing(sandbox, INFO)).json.statusCode, 200);
			assert.equal((await authing(sandbox, LEGACY)).status, 404);
			sandbox.clearFaults();
			sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/cgi-bin' });
			const whitelisted = await stable(sandbox);
			assert.equal(whitelisted.json.errcode, 40164);
			assert.ok(String(whitelisted.json.errmsg).includes(`invalid ip ${SANDBOX_CALLER_IP} `));
		});

		it('expiry-format, token and server-date bend the token fields and the Date header', async () => {
			sandbox.addFault({ kind: 'expiry-format', format: 'string', times: 1 });
			assert.match(String(data(await authing(sandbox, INFO)).expiresAt), /^\d{10}$/);
			sandbox.addFault({ kind: 'token', value: 'missing', times: 1 });
			assert.equal('access_token' in (await stable(sandbox)).json, false);
			sandbox.addFault({ kind: 'server-date', offsetSeconds: 600 });
			const skewed = await authing(sandbox, INFO);
			const serverNow = Date.parse(skewed.headers.get('date') ?? '');
			assert.ok(Math.abs(serverNow - Date.now() - 600_000) < 2000);
			assert.ok(Math.abs(Number(data(skewed).expiresAt) * 1000 - serverNow - 7_200_000) < 2000);
		});

		it('truncated-json, non-json, huge-body, redirect and drop break the answer as promised', async () => {
			sandbox.addFault({ kind: 'truncated-json', times: 1 });
			const truncated = await stable(sandbox);
			assert.equal(truncated.status, 200);
			assert.throws(() => JSON.parse(truncated.text) as unknown);
			sandbox.addFault({ kind: 'non-json', times: 1 });
			assert.match((await stable(sandbox)).text, /^<!DOCTYPE html>/);
			sandbox.addFault({ kind: 'huge-body', bytes: 300_000, times: 1 });
			assert.equal((await stable(sandbox)).text.length, 300_000);
			sandbox.addFault({ kind: 'redirect', location: 'http://elsewhere.invalid/x', times: 1 });
			const redirected = await stable(sandbox);
			assert.equal(redirected.status, 302);
			assert.equal(redirected.headers.get('location'), 'http://elsewhere.invalid/x');
			sandbox.addFault({ kind: 'drop', times: 1 });
			await assert.rejects(stable(sandbox));
			sandbox.addFault({ kind: 'reset-mid-body', times: 1 });
			await assert.rejects(stable(sandbox));
		});

		it('authing-status and wechat-errcode answer in the dialect of the path', async () => {
			sandbox.addFault({ kind: 'authing-status', statusCode: 500, apiCode: '1000', times: 1 });
			const busy = await authing(sandbox, INFO);
			assert.deepEqual([busy.status, busy.json.statusCode, busy.json.apiCode], [200, 500, '1000']);
			sandbox.addFault({ kind: 'wechat-errcode', errcode: 89503, times: 1 });
			const relayed = await authing(sandbox, INFO);
			assert.equal(relayed.json.statusCode, 400);
			assert.ok(String(relayed.json.message).startsWith('{"errcode":89503,'));
			assert.ok(String(relayed.json.message).includes(SANDBOX_CALLER_IP));
		});
	});

	describe('team token servers (the custom source)', () => {
		const wechatStyle = (key: string, appid: string = SANDBOX_WECHAT_APP.appId): Promise<Answer> =>
			call(`${sandbox.url}/team/wechat/token?appid=${appid}`, { headers: { 'x-team-key': key } });
		const envelope = (token: string, body: unknown = { appId: SANDBOX_WECHAT_APP.appId }): Promise<Answer> =>
			post(`${sandbox.url}/team/api/token`, body, { authorization: `Bearer ${token}` });

		it('hand out the central (stable) token for the AppID to whoever shows the key, in their own shapes', async () => {
			// The token is minted during the first call; its expiry is that moment + 2 h, somewhere in this window
			// (a second boundary can fall inside it, so the expected `expireAt` is a range, not one value).
			const mintedNoEarlierThan = sandbox.now();
			const first = await wechatStyle(SANDBOX_TEAM.wechatStyleKey);
			const mintedNoLaterThan = sandbox.now();
			assert.equal(first.status, 200);
			assert.equal(first.json.access_token, sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
			assert.equal(first.json.expires_in, 7200);
			const second = await envelope(SANDBOX_TEAM.envelopeBearerToken);
			const { expireAt } = second.json.data as { expireAt: number };
			assert.deepEqual(second.json, {
				code: 0,
				message: 'ok',
				data: { token: first.json.access_token, expireAt },
			});
			const inTwoHours = (ms: number): number => Math.floor((ms + 7_200_000) / 1000);
			assert.ok(
				expireAt >= inTwoHours(mintedNoEarlierThan) && expireAt <= inTwoHours(mintedNoLaterThan),
				String(expireAt),
			);
			assert.ok(sandbox.isTokenValid(String(first.json.access_token)));
		});

		it('refuse a wrong key with 401, an unknown app in their own words, a wrong method with 405', async () => {
			assert.equal((await wechatStyle('wrong')).status, 401);
			assert.equal((await envelope('wrong')).status, 401);
			assert.equal((await wechatStyle(SANDBOX_TEAM.wechatStyleKey, 'wx0000000000000000')).json.errcode, 40013);
			assert.deepEqual((await envelope(SANDBOX_TEAM.envelopeBearerToken, { appId: 'wx0000000000000000' })).json, {
				code: 1001,
				message: 'app not registered',
			});
			const wrongMethod = await call(`${sandbox.url}/team/api/token`, {
				headers: { authorization: `Bearer ${SANDBOX_TEAM.envelopeBearerToken}` },
			});
			assert.equal(wrongMethod.status, 405);
			assert.equal(wrongMethod.headers.get('allow'), 'POST');
			const unknown = await call(`${sandbox.url}/team/nothing`);
			assert.deepEqual([unknown.status, unknown.json.code], [404, 404]);
		});

		it('faults take each server’s shape; the state never shows the keys', async () => {
			sandbox.addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/team' });
			assert.equal((await wechatStyle(SANDBOX_TEAM.wechatStyleKey)).json.errcode, 40164);
			const relayed = (await envelope(SANDBOX_TEAM.envelopeBearerToken)).json;
			assert.equal(relayed.code, 1002);
			assert.equal(relayed.errcode, 40164);
			assert.ok(String(relayed.errmsg).includes(SANDBOX_CALLER_IP));
			const shown = JSON.stringify((await call(`${sandbox.url}/__sandbox/state`)).json.requests);
			assert.ok(
				!shown.includes(SANDBOX_TEAM.wechatStyleKey) && !shown.includes(SANDBOX_TEAM.envelopeBearerToken),
				shown,
			);
		});
	});

	describe('control API', () => {
		it('arms faults, shows redacted state, changes config and resets, without counting itself', async () => {
			const fault = { kind: 'wechat-errcode', errcode: 45009, times: 1 };
			const armed = await post(`${sandbox.url}/__sandbox/faults`, fault);
			assert.equal(armed.status, 201);
			assert.equal((await stable(sandbox)).json.errcode, 45009);
			assert.equal((await post(`${sandbox.url}/__sandbox/faults`, { kind: 'no-such-fault' })).status, 400);
			await post(`${sandbox.url}/__sandbox/config`, { tokenLifetimeSeconds: 60 });
			assert.equal((await stable(sandbox)).json.expires_in, 60);

			const state = (await call(`${sandbox.url}/__sandbox/state`)).json;
			assert.deepEqual(state.counts, { '/cgi-bin/stable_token': 2 });
			const shown = JSON.stringify(state.requests);
			assert.ok(!shown.includes(SANDBOX_WECHAT_APP.appSecret), 'no secrets in the state');
			assert.equal(sandbox.countRequests(), 2);

			await post(`${sandbox.url}/__sandbox/advance`, { seconds: 61 });
			const token = sandbox.currentToken(SANDBOX_WECHAT_APP.appId) ?? '';
			assert.equal(await domainIpErrcode(sandbox, token), 42001);

			await post(`${sandbox.url}/__sandbox/reset`, {});
			assert.equal(sandbox.countRequests(), 0);
			assert.equal(sandbox.config.tokenLifetimeSeconds, 7200);
		});
	});
});

describe('sandbox server on an injected clock', () => {
	let clock = Date.parse('2025-03-01T08:00:00Z');
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox({ now: () => clock, tokenLifetimeSeconds: 7200 });
	});
	after(() => sandbox.close());

	it('a superseded classic token keeps working for 5 minutes, then not', async () => {
		const first = String((await call(classicUrl(sandbox))).json.access_token);
		await call(classicUrl(sandbox));
		clock += 299_000;
		assert.equal(sandbox.tokenStatus(first), 'valid');
		clock += 2_000;
		assert.equal(sandbox.tokenStatus(first), 'invalidated');
	});

	it('stable renews a token in its last 5 minutes without killing the old one', async () => {
		const first = String((await stable(sandbox)).json.access_token);
		clock += 7200_000 - 299_000;
		const renewed = String((await stable(sandbox)).json.access_token);
		assert.notEqual(renewed, first);
		assert.equal(sandbox.tokenStatus(first), 'valid');
		clock += 300_000;
		assert.equal(sandbox.tokenStatus(first), 'expired');
	});
});

describe('sandbox close()', () => {
	it('returns promptly with slow and dripping requests still open', async () => {
		const sandbox = await startSandbox();
		sandbox.addFault({ kind: 'slow', delayMs: 60_000, path: '/cgi-bin/token' });
		sandbox.addFault({ kind: 'drip', intervalMs: 60_000, path: '/cgi-bin/stable_token' });
		// Settled into outcomes at once, so the rejections that close() causes are never unhandled.
		const outcome = (pending: Promise<Answer>): Promise<string> =>
			pending.then(
				() => 'answered',
				() => 'failed',
			);
		const slow = outcome(call(classicUrl(sandbox)));
		const drip = outcome(stable(sandbox));
		while (sandbox.requests.length < 2) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const started = Date.now();
		await sandbox.close();
		assert.ok(Date.now() - started < 500, `close took ${Date.now() - started} ms`);
		assert.deepEqual(await Promise.all([slow, drip]), ['failed', 'failed']);
	});
});

describe('sandbox over https, on another loopback address', () => {
	it('serves its routes with the certificate it was given, where it was told to listen', async function () {
		this.timeout(20_000);
		const dir = mkdtempSync(path.join(os.tmpdir(), 'wat-sandbox-cert-'));
		const certificate = makeTestCertificate(dir, '127.0.0.2');
		const sandbox = await startSandbox({
			hostname: '127.0.0.2',
			tls: { key: certificate.key, cert: certificate.cert },
		});
		try {
			assert.equal(sandbox.url, `https://127.0.0.2:${sandbox.port}`);
			const ca = readFileSync(certificate.caFile);
			const answer = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
				const request = https.request(
					`${sandbox.url}/cgi-bin/stable_token`,
					{ method: 'POST', ca, headers: { 'content-type': 'application/json' } },
					(response) => {
						let body = '';
						response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
						response.on('end', () => resolve({ status: response.statusCode, body }));
					},
				);
				request.on('error', reject);
				request.end(
					JSON.stringify({
						grant_type: 'client_credential',
						appid: SANDBOX_WECHAT_APP.appId,
						secret: SANDBOX_WECHAT_APP.appSecret,
					}),
				);
			});
			assert.equal(answer.status, 200);
			assert.equal(
				(JSON.parse(answer.body) as { access_token?: unknown }).access_token,
				sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'),
			);
			// Trusted only through the CA made for it: without it, TLS refuses the server.
			await assert.rejects(
				new Promise((resolve, reject) =>
					https.get(`${sandbox.url}/__sandbox/state`, resolve).on('error', reject),
				),
				(error: NodeJS.ErrnoException) => error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
			);
		} finally {
			await sandbox.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
