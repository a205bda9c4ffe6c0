import * as assert from 'node:assert/strict';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../sandbox/fixtures';
import { startSandbox } from '../../sandbox/sandboxServer';
import type { Sandbox } from '../../sandbox/sandboxServer';
import {
	CUSTOM_SEND_PATH,
	MENU_CREATE_PATH,
	MENU_GET_PATH,
	USER_INFO_PATH,
} from '../../sandbox/routes/wechatAccountApis';
import { CLEAR_QUOTA_PATH } from '../../sandbox/routes/wechatClearQuota';
import { MSG_SEC_CHECK_PATH, SCHEME_PATH, URL_LINK_PATH } from '../../sandbox/routes/wxaApis';
import { CODE_PATH, QR_CODE_PATH, UNLIMITED_CODE_PATH } from '../../sandbox/routes/wxaCodes';
import { DEFAULT_DAILY_LIMITS } from '../../sandbox/wechatCalls';
import { SANDBOX_WECHAT_USERS } from '../../sandbox/wechatUsers';
import { decodePng, pixelAt } from './pngDecode';

/** The WeChat APIs users call from request files, over real HTTP to a started sandbox. */

interface Answer {
	readonly status: number;
	readonly contentType: string;
	readonly bytes: Buffer;
	/** The body as a JSON object; `{}` when it is not one (an image). */
	readonly json: Record<string, unknown>;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
	const response = await fetch(url, init);
	const bytes = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') ?? '';
	let json: Record<string, unknown> = {};
	if (contentType.startsWith('application/json')) {
		json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
	}
	return { status: response.status, contentType, bytes, json };
}

type App = { readonly appId: string; readonly appSecret: string };

const [USER, UNFOLLOWED, USER_OF_APP_2] = SANDBOX_WECHAT_USERS.map((user) => user.openid) as [string, string, string];
const RID = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;
/** 2024-01-31 23:00 Beijing time: an hour before a new day and a new month there. */
const START = Date.UTC(2024, 0, 31, 15, 0, 0);

const TEXT = { touser: USER, msgtype: 'text', text: { content: '你好' } };
const POST_APIS: readonly [string, Record<string, unknown>][] = [
	[CUSTOM_SEND_PATH, TEXT],
	[UNLIMITED_CODE_PATH, { scene: 'id=42', page: 'pages/index/index' }],
	[CODE_PATH, { path: 'pages/index/index?id=42' }],
	[QR_CODE_PATH, { path: 'pages/index/index?id=42' }],
	[URL_LINK_PATH, { path: 'pages/index/index', query: 'a=1' }],
	[SCHEME_PATH, { jump_wxa: { path: 'pages/index/index' } }],
	[CLEAR_QUOTA_PATH, { appid: SANDBOX_WECHAT_APP.appId }],
	[MENU_CREATE_PATH, { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }],
	[MSG_SEC_CHECK_PATH, { content: 'hello', version: 2, scene: 1, openid: USER }],
];
const GET_APIS: readonly [string, string][] = [
	[USER_INFO_PATH, `openid=${USER}&lang=zh_CN`],
	[MENU_GET_PATH, ''],
];

describe('sandbox: WeChat APIs called from request files', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox({ now: () => START });
	});
	afterEach(() => sandbox.reset());
	after(() => sandbox.close());

	async function stableToken(app: App = SANDBOX_WECHAT_APP, force = false): Promise<string> {
		const answer = await call(`${sandbox.url}/cgi-bin/stable_token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credential',
				appid: app.appId,
				secret: app.appSecret,
				force_refresh: force,
			}),
		});
		return String(answer.json.access_token);
	}

	function api(path: string, token: string, body: unknown): Promise<Answer> {
		return call(`${sandbox.url}${path}?access_token=${encodeURIComponent(token)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	}

	function get(path: string, token: string, query = ''): Promise<Answer> {
		return call(
			`${sandbox.url}${path}?access_token=${encodeURIComponent(token)}${query === '' ? '' : `&${query}`}`,
		);
	}

	async function quota(token: string, path: string): Promise<Record<string, unknown>> {
		const answer = await api('/cgi-bin/openapi/quota/get', token, { cgi_path: path });
		assert.equal(answer.json.errcode, 0, `${path}: ${String(answer.json.errmsg)}`);
		return answer.json.quota as Record<string, unknown>;
	}

	/** The answer is WeChat's JSON error `errcode` with `errmsg` starting with `text` and ending in a rid. */
	function assertError(answer: Answer, errcode: number, text: string, where = ''): void {
		const said = `${where} ${String(answer.json.errmsg)}`;
		assert.equal(answer.status, 200, where);
		assert.match(answer.contentType, /^application\/json/, where);
		assert.deepEqual(Object.keys(answer.json), ['errcode', 'errmsg'], where);
		assert.equal(answer.json.errcode, errcode, said);
		assert.ok(String(answer.json.errmsg).startsWith(`${text} rid: `), said);
		assert.match(String(answer.json.errmsg), RID, where);
	}

	function assertPng(answer: Answer, size: number): ReturnType<typeof decodePng> {
		assert.equal(answer.status, 200);
		assert.equal(answer.contentType, 'image/png');
		const decoded = decodePng(answer.bytes);
		assert.deepEqual([decoded.width, decoded.height], [size, size]);
		return decoded;
	}

	describe('POST /cgi-bin/message/custom/send', () => {
		it('sends a text to a follower: exactly {errcode: 0, errmsg: "ok"}', async () => {
			const answer = await api(CUSTOM_SEND_PATH, await stableToken(), TEXT);
			assert.match(answer.contentType, /^application\/json/);
			assert.deepEqual(answer.json, { errcode: 0, errmsg: 'ok' });
		});

		it('40003 without touser or for an unknown or another app’s OpenID; 40008, 44004, 47001, 45015', async () => {
			const token = await stableToken();
			assertError(await api(CUSTOM_SEND_PATH, token, { ...TEXT, touser: undefined }), 40003, 'invalid openid');
			assertError(await api(CUSTOM_SEND_PATH, token, { ...TEXT, touser: '' }), 40003, 'invalid openid');
			assertError(
				await api(CUSTOM_SEND_PATH, token, { ...TEXT, touser: USER_OF_APP_2 }),
				40003,
				'invalid openid',
			);
			assertError(await api(CUSTOM_SEND_PATH, token, { ...TEXT, msgtype: 'sms' }), 40008, 'invalid message type');
			assertError(await api(CUSTOM_SEND_PATH, token, { ...TEXT, text: { content: '' } }), 44004, 'empty content');
			assertError(await api(CUSTOM_SEND_PATH, token, { ...TEXT, msgtype: 'image' }), 47001, 'data format error');
			assertError(
				await api(CUSTOM_SEND_PATH, token, { ...TEXT, touser: UNFOLLOWED }),
				45015,
				'response out of time limit or subscription is canceled',
			);
			const image = { touser: USER, msgtype: 'image', image: { media_id: 'MEDIA_ID' } };
			assert.deepEqual((await api(CUSTOM_SEND_PATH, token, image)).json, { errcode: 0, errmsg: 'ok' });
		});

		it('47001 for a body that is not a JSON object (a form, text, an array, nothing); 43002 for a GET', async () => {
			const token = await stableToken();
			const url = `${sandbox.url}${CUSTOM_SEND_PATH}?access_token=${token}`;
			const form = `touser=${USER}&msgtype=text`;
			for (const [body, type] of [
				[form, 'application/x-www-form-urlencoded'],
				['{"touser":', 'application/json'],
				['[1,2]', 'application/json'],
				['', 'application/json'],
			] as const) {
				const answer = await call(url, { method: 'POST', headers: { 'content-type': type }, body });
				assertError(answer, 47001, 'data format error');
			}
			assertError(await call(url), 43002, 'require POST method');
		});

		it('48001 for the second fixture app, which may not send customer-service messages; config changes who', async () => {
			const token2 = await stableToken(SANDBOX_WECHAT_APP_2);
			const refused = await api(CUSTOM_SEND_PATH, token2, { ...TEXT, touser: USER_OF_APP_2 });
			assertError(refused, 48001, 'api unauthorized');
			// Not a token fault: the token still works, the refusal is explained by its rid, and nothing is counted.
			assert.equal(sandbox.isTokenValid(token2), true);
			const rid = RID.exec(String(refused.json.errmsg))?.[1];
			const explained = await api('/cgi-bin/openapi/rid/get', token2, { rid });
			assert.equal(explained.json.errcode, 0);
			assert.match(String((explained.json.request as Record<string, unknown>).response_body), /"errcode":48001/);
			assert.equal((await quota(token2, CUSTOM_SEND_PATH)).used, 0);

			sandbox.configure({ unauthorizedApis: { [SANDBOX_WECHAT_APP.appId]: [CUSTOM_SEND_PATH, USER_INFO_PATH] } });
			const token = await stableToken();
			assertError(await api(CUSTOM_SEND_PATH, token, TEXT), 48001, 'api unauthorized');
			assertError(await get(USER_INFO_PATH, token, `openid=${USER}`), 48001, 'api unauthorized');
			const allowed = await api(CUSTOM_SEND_PATH, token2, { ...TEXT, touser: USER_OF_APP_2 });
			assert.equal(allowed.json.errcode, 0);
		});

		it('the control API sets unauthorizedApis and refuses a malformed one', async () => {
			const set = await call(`${sandbox.url}/__sandbox/config`, {
				method: 'POST',
				body: JSON.stringify({ unauthorizedApis: {} }),
			});
			assert.deepEqual((set.json.config as Record<string, unknown>).unauthorizedApis, {});
			const token2 = await stableToken(SANDBOX_WECHAT_APP_2);
			assert.equal((await api(CUSTOM_SEND_PATH, token2, { ...TEXT, touser: USER_OF_APP_2 })).json.errcode, 0);
			for (const bad of [[], { [SANDBOX_WECHAT_APP.appId]: 'x' }, { [SANDBOX_WECHAT_APP.appId]: ['no-slash'] }]) {
				const refused = await call(`${sandbox.url}/__sandbox/config`, {
					method: 'POST',
					body: JSON.stringify({ unauthorizedApis: bad }),
				});
				assert.equal(refused.status, 400, JSON.stringify(bad));
			}
		});
	});

	describe('GET /cgi-bin/user/info', () => {
		it('answers a follower as WeChat documents it today: no nickname, fields in order', async () => {
			const answer = await get(USER_INFO_PATH, await stableToken(), `openid=${USER}&lang=zh_CN`);
			assert.deepEqual(answer.json, {
				subscribe: 1,
				openid: USER,
				language: 'zh_CN',
				subscribe_time: 1693468800,
				unionid: 'oXrZAtRS_6ilI8ihN5KXSc7Tvo_h',
				remark: '测试用户',
				groupid: 0,
				tagid_list: [2, 128],
				subscribe_scene: 'ADD_SCENE_QR_CODE',
				qr_scene: 98765,
				qr_scene_str: '',
			});
			assert.deepEqual(Object.keys(answer.json), [
				'subscribe',
				'openid',
				'language',
				'subscribe_time',
				'unionid',
				'remark',
				'groupid',
				'tagid_list',
				'subscribe_scene',
				'qr_scene',
				'qr_scene_str',
			]);
		});

		it('only subscribe 0 and the ids for one who unfollowed; the same person has another OpenID in app 2', async () => {
			const gone = await get(USER_INFO_PATH, await stableToken(), `openid=${UNFOLLOWED}`);
			assert.deepEqual(gone.json, { subscribe: 0, openid: UNFOLLOWED });
			const other = await get(USER_INFO_PATH, await stableToken(SANDBOX_WECHAT_APP_2), `openid=${USER_OF_APP_2}`);
			assert.equal(other.json.unionid, 'oXrZAtRS_6ilI8ihN5KXSc7Tvo_h');
		});

		it('40003 for a missing, empty, unknown or other app’s OpenID; 43001 for a POST', async () => {
			const token = await stableToken();
			for (const query of ['', 'openid=', 'openid=oNOBODY00000000000000000000', `openid=${USER_OF_APP_2}`]) {
				assertError(await get(USER_INFO_PATH, token, query), 40003, 'invalid openid');
			}
			assertError(await api(USER_INFO_PATH, token, {}), 43001, 'require GET method');
		});
	});

	describe('POST /wxa/getwxacodeunlimit', () => {
		it('answers a real PNG (image/png, 430 px by default) whose pattern depends on the scene', async () => {
			const token = await stableToken();
			const first = await api(UNLIMITED_CODE_PATH, token, { scene: 'id=42', page: 'pages/index/index' });
			const decoded = assertPng(first, 430);
			assert.equal(decoded.colorType, 2);
			assert.deepEqual(pixelAt(decoded, 0, 0), [255, 255, 255]);
			const again = await api(UNLIMITED_CODE_PATH, token, { scene: 'id=42', page: 'pages/index/index' });
			assert.deepEqual(again.bytes, first.bytes, 'same scene, same image');
			const other = await api(UNLIMITED_CODE_PATH, token, { scene: 'id=43', page: 'pages/index/index' });
			assert.notDeepEqual(decodePng(other.bytes).pixels, decoded.pixels, 'another scene, another image');
			// The home page when no page is given; every documented special character in a 32-character scene.
			assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: "a1!#$&'()*+,/:;=?@-._~BCDEFGHIJK" }), 430);
		});

		it('clamps width to 280–1280, draws line_color and is_hyaline as RGBA', async () => {
			const token = await stableToken();
			assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: 'a', width: 100 }), 280);
			assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: 'a', width: 5000 }), 1280);
			assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: 'a', width: 600 }), 600);
			const coloured = assertPng(
				await api(UNLIMITED_CODE_PATH, token, {
					scene: 'a',
					width: 300,
					line_color: { r: 7, g: 193, b: 96 },
					is_hyaline: true,
				}),
				300,
			);
			assert.equal(coloured.colorType, 6);
			assert.deepEqual(pixelAt(coloured, 0, 0), [0, 0, 0, 0]);
			assert.deepEqual(pixelAt(coloured, 150, 150), [7, 193, 96, 255]);
			const auto = assertPng(
				await api(UNLIMITED_CODE_PATH, token, {
					scene: 'a',
					auto_color: true,
					line_color: { r: 7, g: 193, b: 96 },
				}),
				430,
			);
			assert.deepEqual(pixelAt(auto, 215, 215), [0, 0, 0], 'line_color ignored with auto_color');
		});

		it('fails as JSON: 40169 scene length, 40129 scene characters, 41030 page, 40097 env_version, 47001 types', async () => {
			const token = await stableToken();
			const scene40169 = 'invalid length for scene, or the data is not json string';
			assertError(await api(UNLIMITED_CODE_PATH, token, { scene: 'x'.repeat(33) }), 40169, scene40169);
			assertError(await api(UNLIMITED_CODE_PATH, token, {}), 40169, scene40169);
			assertError(await api(UNLIMITED_CODE_PATH, token, { scene: '' }), 40169, scene40169);
			assertError(await api(UNLIMITED_CODE_PATH, token, { scene: 42 }), 40169, scene40169);
			assertError(await api(UNLIMITED_CODE_PATH, token, { scene: '订单=1' }), 40129, 'invalid scene');
			assertError(await api(UNLIMITED_CODE_PATH, token, { scene: 'a%20b' }), 40129, 'invalid scene');
			for (const page of ['/pages/index/index', 'pages/index/index?id=1']) {
				assertError(await api(UNLIMITED_CODE_PATH, token, { scene: 'a', page }), 41030, 'invalid page');
				const unchecked = { scene: 'a', page, check_path: false };
				assertError(await api(UNLIMITED_CODE_PATH, token, unchecked), 41030, 'invalid page');
			}
			const unpublished = { scene: 'a', page: 'pages/new/page' };
			assertError(await api(UNLIMITED_CODE_PATH, token, unpublished), 41030, 'invalid page');
			assertError(
				await api(UNLIMITED_CODE_PATH, token, { ...unpublished, env_version: 'develop' }),
				41030,
				'invalid page',
			);
			assertPng(await api(UNLIMITED_CODE_PATH, token, { ...unpublished, check_path: false }), 430);
			assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: 'a', page: 'pages/order/detail' }), 430);
			assertError(
				await api(UNLIMITED_CODE_PATH, token, { scene: 'a', env_version: 'beta' }),
				40097,
				'invalid args',
			);
			for (const wrong of [{ width: '430' }, { check_path: 'false' }, { line_color: { r: 300, g: 0, b: 0 } }]) {
				assertError(
					await api(UNLIMITED_CODE_PATH, token, { scene: 'a', ...wrong }),
					47001,
					'data format error',
				);
			}
		});
	});

	describe('POST /wxa/getwxacode and /cgi-bin/wxaapp/createwxaqrcode', () => {
		it('answer PNGs for a path (query allowed, unpublished pages too): round, then square', async () => {
			const token = await stableToken();
			const round = assertPng(await api(CODE_PATH, token, { path: 'pages/new/page?id=42' }), 430);
			const square = assertPng(await api(QR_CODE_PATH, token, { path: 'pages/new/page?id=42', width: 280 }), 280);
			assert.deepEqual(pixelAt(round, 215, 215), [0, 0, 0], 'the round code’s centre disk');
			// 25 modules of 11.2 px: the top-left finder's outer ring begins at module 2.
			assert.deepEqual(pixelAt(square, 25, 25), [0, 0, 0], 'a finder pattern');
		});

		it('40159 for a missing, empty or too long path (1024 and 128 characters)', async () => {
			const token = await stableToken();
			const text = 'invalid length for path, or the data is not json string';
			for (const path of [CODE_PATH, QR_CODE_PATH]) {
				assertError(await api(path, token, {}), 40159, text);
				assertError(await api(path, token, { path: '' }), 40159, text);
			}
			assertPng(await api(CODE_PATH, token, { path: `pages/a?x=${'1'.repeat(1014)}` }), 430);
			assertError(await api(CODE_PATH, token, { path: `pages/a?x=${'1'.repeat(1015)}` }), 40159, text);
			assertPng(await api(QR_CODE_PATH, token, { path: 'p'.repeat(128) }), 430);
			assertError(await api(QR_CODE_PATH, token, { path: 'p'.repeat(129) }), 40159, text);
		});
	});

	describe('POST /wxa/generate_urllink and /wxa/generatescheme', () => {
		it('answer a URL Link and a URL Scheme', async () => {
			const token = await stableToken();
			const link = await api(URL_LINK_PATH, token, { path: 'pages/order/detail', query: 'id=42&from=sms' });
			assert.deepEqual(Object.keys(link.json), ['errcode', 'errmsg', 'url_link']);
			assert.equal(link.json.errcode, 0);
			assert.equal(link.json.errmsg, 'ok');
			assert.match(String(link.json.url_link), /^https:\/\/wxaurl\.cn\/[0-9A-Za-z]{11}$/);
			const home = await api(URL_LINK_PATH, token, { expire_type: 1, expire_interval: 30 });
			assert.notEqual(home.json.url_link, link.json.url_link);
			const scheme = await api(SCHEME_PATH, token, {
				jump_wxa: { path: 'pages/index/index', query: 'a=1', env_version: 'trial' },
				expire_type: 0,
				expire_time: Math.floor(START / 1000) + 86_400,
			});
			assert.deepEqual(Object.keys(scheme.json), ['errcode', 'errmsg', 'openlink']);
			assert.match(String(scheme.json.openlink), /^weixin:\/\/dl\/business\/\?t=[0-9A-Za-z]{11}$/);
			assert.equal((await api(SCHEME_PATH, token, {})).json.errcode, 0, 'the home page, 30 days');
		});

		it('40165 an unpublished page or a query in path, 40212 query, 85401/85402 expiry, 40097, 47001', async () => {
			const token = await stableToken();
			const now = Math.floor(START / 1000);
			for (const path of [URL_LINK_PATH, SCHEME_PATH]) {
				const target = (fields: Record<string, unknown>) =>
					path === URL_LINK_PATH ? fields : { jump_wxa: fields };
				const send = (fields: Record<string, unknown>, expiry: Record<string, unknown> = {}) =>
					api(path, token, { ...target(fields), ...expiry });
				assertError(await send({ path: 'pages/new/page' }), 40165, 'invalid weapp pagepath');
				assertError(await send({ path: 'pages/index/index?a=1' }), 40165, 'invalid weapp pagepath');
				assertError(await send({ query: 'name=张三' }), 40212, 'invalid query');
				assertError(await send({ query: 'a'.repeat(1025) }), 40212, 'invalid query');
				assertError(await send({ env_version: 'beta' }), 40097, 'invalid args');
				assertError(await send({}, { expire_type: 1, expire_interval: 31 }), 85402, 'invalid expire interval');
				assertError(await send({}, { expire_type: 1 }), 85402, 'invalid expire interval');
				assertError(await send({}, { expire_time: now - 1 }), 85401, 'invalid expire time');
				assertError(await send({}, { expire_time: now + 31 * 86_400 }), 85401, 'invalid expire time');
				assertError(await send({}, { expire_type: 2 }), 40097, 'invalid args');
				assertError(await send({ path: 7 }), 47001, 'data format error');
			}
			assertError(await api(SCHEME_PATH, token, { jump_wxa: 'pages/index/index' }), 47001, 'data format error');
		});
	});

	describe('menus and the text security check', () => {
		it('menu/get says 46003 before a menu, then answers what menu/create set', async () => {
			const token = await stableToken();
			assertError(await get(MENU_GET_PATH, token), 46003, 'menu no exist');
			const button = [
				{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
				{
					name: '菜单',
					sub_button: [
						{ type: 'view', name: '搜索', url: 'https://www.soso.com/' },
						{
							type: 'miniprogram',
							name: 'wxa',
							url: 'https://mp.weixin.qq.com',
							appid: 'wx286b93c14bbf93aa',
							pagepath: 'pages/lunar/index',
						},
					],
				},
			];
			assert.deepEqual((await api(MENU_CREATE_PATH, token, { button })).json, { errcode: 0, errmsg: 'ok' });
			assert.deepEqual((await get(MENU_GET_PATH, token)).json, { menu: { button } });
			assertError(await get(MENU_GET_PATH, await stableToken(SANDBOX_WECHAT_APP_2)), 46003, 'menu no exist');
		});

		it('menu/create: 40016 for no buttons, more than 3 (or 5 under one) or a nameless one, 40017 a bad type', async () => {
			const token = await stableToken();
			const click = { type: 'click', name: 'a', key: 'k' };
			for (const button of [[], [click, click, click, click], [{ type: 'click', key: 'k' }], 'x']) {
				assertError(await api(MENU_CREATE_PATH, token, { button }), 40016, 'invalid button size');
			}
			const six = [{ name: 'm', sub_button: [click, click, click, click, click, click] }];
			assertError(await api(MENU_CREATE_PATH, token, { button: six }), 40016, 'invalid button size');
			assertError(
				await api(MENU_CREATE_PATH, token, { button: [{ name: 'a', type: 'tap' }] }),
				40017,
				'invalid button type',
			);
		});

		it('msg_sec_check passes text: result {suggest: pass, label: 100}', async () => {
			const token = await stableToken();
			const answer = await api(MSG_SEC_CHECK_PATH, token, {
				content: '你好',
				version: 2,
				scene: 2,
				openid: USER,
			});
			assert.equal(answer.json.errcode, 0);
			assert.equal(answer.json.errmsg, 'ok');
			assert.deepEqual(answer.json.result, { suggest: 'pass', label: 100 });
			assert.match(String(answer.json.trace_id), /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
			assertError(await api(MSG_SEC_CHECK_PATH, token, { version: 2 }), 47001, 'data format error');
			assertError(
				await api(MSG_SEC_CHECK_PATH, token, { content: 'a', openid: USER_OF_APP_2 }),
				40003,
				'invalid openid',
			);
			assertError(await api(MSG_SEC_CHECK_PATH, token, { content: 'a', scene: 9 }), 40097, 'invalid args');
		});
	});

	describe('tokens, quotas and rids, as on every WeChat API', () => {
		it('40001 for a killed or unknown token, 42001 expired, 41001 missing, on every route', async () => {
			const killed = await stableToken();
			const current = await stableToken(SANDBOX_WECHAT_APP, true);
			assert.equal(sandbox.tokenStatus(killed), 'invalidated');
			type Send = (token: string) => Promise<Answer>;
			const apis: [string, Send][] = [
				...POST_APIS.map(([path, body]): [string, Send] => [path, (token) => api(path, token, body)]),
				...GET_APIS.map(([path, query]): [string, Send] => [path, (token) => get(path, token, query)]),
			];
			const invalid = 'invalid credential, access_token is invalid or not latest';
			for (const [path, send] of apis) {
				assertError(await send(killed), 40001, invalid, path);
				assertError(await send('86_not-a-token'), 40001, invalid, path);
				assertError(await send(''), 41001, 'access_token missing', path);
			}
			sandbox.advance(7201);
			for (const [path, send] of apis) {
				assertError(await send(current), 42001, 'access_token expired', path);
			}
		});

		it('the quota endpoint knows every path with its default daily limit, and counts only successes', async () => {
			const token = await stableToken();
			for (const [path, body] of POST_APIS) {
				assert.equal((await api(path, token, body)).status, 200);
			}
			for (const [path, query] of GET_APIS) {
				await get(path, token, query);
			}
			await api(UNLIMITED_CODE_PATH, token, { scene: 'x'.repeat(40) }); // fails: not counted
			// clear_quota forgot the calls made before it; it is counted itself, after it reset.
			const clearedAt = POST_APIS.findIndex(([path]) => path === CLEAR_QUOTA_PATH);
			const forgotten = new Set(POST_APIS.slice(0, clearedAt).map(([path]) => path));
			for (const [path] of [...POST_APIS, ...GET_APIS]) {
				const limit = DEFAULT_DAILY_LIMITS[path];
				assert.ok(limit !== undefined, path);
				const used = forgotten.has(path) ? 0 : 1;
				assert.deepEqual(await quota(token, path), { daily_limit: limit, used, remain: limit - used }, path);
			}
			const code = await quota(token, UNLIMITED_CODE_PATH);
			assert.deepEqual(code, { daily_limit: 5000000, used: 0, remain: 5000000 });
		});

		it('counts per app and Beijing day: PNG answers counted, failures not, reported by the quota route', async () => {
			const token = await stableToken();
			for (let index = 0; index < 3; index++) {
				assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: `n=${index}` }), 430);
			}
			await api(UNLIMITED_CODE_PATH, token, { scene: '' });
			await api(CUSTOM_SEND_PATH, token, TEXT);
			assert.deepEqual(await quota(token, UNLIMITED_CODE_PATH), {
				daily_limit: 5000000,
				used: 3,
				remain: 4999997,
			});
			assert.equal((await quota(token, CUSTOM_SEND_PATH)).used, 1);
			assert.equal((await quota(await stableToken(SANDBOX_WECHAT_APP_2), UNLIMITED_CODE_PATH)).used, 0);
			sandbox.advance(3600); // midnight in Beijing
			assert.equal((await quota(token, UNLIMITED_CODE_PATH)).used, 0);
		});

		it('45009 once a path’s configured limit is spent, as JSON even where success is an image', async () => {
			sandbox.configure({ apiDailyLimits: { [CUSTOM_SEND_PATH]: 2, [UNLIMITED_CODE_PATH]: 1 } });
			const token = await stableToken();
			assert.equal((await api(CUSTOM_SEND_PATH, token, TEXT)).json.errcode, 0);
			assertError(await api(CUSTOM_SEND_PATH, token, { ...TEXT, touser: '' }), 40003, 'invalid openid');
			assert.equal((await api(CUSTOM_SEND_PATH, token, TEXT)).json.errcode, 0);
			assertError(await api(CUSTOM_SEND_PATH, token, TEXT), 45009, 'reach max api daily quota limit');
			assertPng(await api(UNLIMITED_CODE_PATH, token, { scene: 'a' }), 430);
			assertError(
				await api(UNLIMITED_CODE_PATH, token, { scene: 'a' }),
				45009,
				'reach max api daily quota limit',
			);
			assert.deepEqual(await quota(token, CUSTOM_SEND_PATH), { daily_limit: 2, used: 2, remain: 0 });
		});

		it('explains a failed code request by its rid, with the JSON it answered', async () => {
			const token = await stableToken();
			const failed = await api(UNLIMITED_CODE_PATH, token, { scene: 'a', page: '/pages/index/index' });
			const rid = RID.exec(String(failed.json.errmsg))?.[1];
			const answer = await api('/cgi-bin/openapi/rid/get', token, { rid });
			assert.equal(answer.json.errcode, 0);
			const request = answer.json.request as Record<string, unknown>;
			assert.equal(request.request_url, `https://api.weixin.qq.com${UNLIMITED_CODE_PATH}?access_token=${token}`);
			assert.equal(request.request_body, JSON.stringify({ scene: 'a', page: '/pages/index/index' }));
			assert.match(String(request.response_body), /"errcode":41030/);
		});
	});

	describe('POST /cgi-bin/clear_quota', () => {
		it('resets the app’s counts on every path (not the other app’s) and uses one reset of the month', async () => {
			const token = await stableToken();
			const token2 = await stableToken(SANDBOX_WECHAT_APP_2);
			await api(CUSTOM_SEND_PATH, token, TEXT);
			await api(UNLIMITED_CODE_PATH, token, { scene: 'a' });
			await api(UNLIMITED_CODE_PATH, token2, { scene: 'a' });
			assert.equal((await quota(token, UNLIMITED_CODE_PATH)).used, 1);
			const cleared = await api(CLEAR_QUOTA_PATH, token, { appid: SANDBOX_WECHAT_APP.appId });
			assert.deepEqual(cleared.json, { errcode: 0, errmsg: 'ok' });
			assert.deepEqual(await quota(token, UNLIMITED_CODE_PATH), {
				daily_limit: 5000000,
				used: 0,
				remain: 5000000,
			});
			assert.equal((await quota(token, CUSTOM_SEND_PATH)).used, 0);
			assert.equal((await quota(token, CLEAR_QUOTA_PATH)).used, 1, 'the reset itself, counted after it');
			assert.equal((await quota(token2, UNLIMITED_CODE_PATH)).used, 1, 'the other app keeps its count');
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP.appId), 1);
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP_2.appId), 0);
		});

		it('a spent 45009 quota works again after a reset', async () => {
			sandbox.configure({ apiDailyLimits: { [CUSTOM_SEND_PATH]: 1 } });
			const token = await stableToken();
			await api(CUSTOM_SEND_PATH, token, TEXT);
			assertError(await api(CUSTOM_SEND_PATH, token, TEXT), 45009, 'reach max api daily quota limit');
			await api(CLEAR_QUOTA_PATH, token, { appid: SANDBOX_WECHAT_APP.appId });
			assert.deepEqual((await api(CUSTOM_SEND_PATH, token, TEXT)).json, { errcode: 0, errmsg: 'ok' });
		});

		it('48006 after 10 resets in a Beijing calendar month, counts kept; a new month allows 10 more', async () => {
			const token = await stableToken();
			const clear = () => api(CLEAR_QUOTA_PATH, token, { appid: SANDBOX_WECHAT_APP.appId });
			for (let index = 0; index < 10; index++) {
				assert.equal((await clear()).json.errcode, 0, `reset ${index + 1}`);
			}
			await api(CUSTOM_SEND_PATH, token, TEXT);
			const refused = await clear();
			assertError(refused, 48006, 'forbid to clear quota because of reaching the limit');
			assert.equal((await quota(token, CUSTOM_SEND_PATH)).used, 1, 'nothing reset');
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP.appId), 10);
			const shown = await call(`${sandbox.url}/__sandbox/clear-quota?appId=${SANDBOX_WECHAT_APP.appId}`);
			assert.deepEqual(shown.json, { appId: SANDBOX_WECHAT_APP.appId, used: 10, limit: 10, remain: 0 });
			const state = await call(`${sandbox.url}/__sandbox/state`);
			assert.deepEqual(state.json.clearQuota, {
				[SANDBOX_WECHAT_APP.appId]: 10,
				[SANDBOX_WECHAT_APP_2.appId]: 0,
			});

			// The other app's resets are its own.
			const token2 = await stableToken(SANDBOX_WECHAT_APP_2);
			const other = await api(CLEAR_QUOTA_PATH, token2, { appid: SANDBOX_WECHAT_APP_2.appId });
			assert.equal(other.json.errcode, 0);

			sandbox.advance(3599); // 23:59:59 on January 31st in Beijing (15:59:59 UTC)
			assertError(await clear(), 48006, 'forbid to clear quota because of reaching the limit');
			sandbox.advance(1); // February 1st in Beijing, still January 31st in UTC
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP.appId), 0);
			assert.deepEqual((await clear()).json, { errcode: 0, errmsg: 'ok' });
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP.appId), 1);
		});

		it('40013 for another app’s AppID (the rid is the token app’s), 41002 without one; control API checks appId', async () => {
			const token = await stableToken();
			const wrong = await api(CLEAR_QUOTA_PATH, token, { appid: SANDBOX_WECHAT_APP_2.appId });
			assertError(wrong, 40013, 'invalid appid');
			const rid = RID.exec(String(wrong.json.errmsg))?.[1];
			assert.equal((await api('/cgi-bin/openapi/rid/get', token, { rid })).json.errcode, 0);
			assertError(await api(CLEAR_QUOTA_PATH, token, { appid: 'wx0000000000000000' }), 40013, 'invalid appid');
			assertError(await api(CLEAR_QUOTA_PATH, token, {}), 41002, 'appid missing');
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP.appId), 0);
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP_2.appId), 0);
			assert.equal((await call(`${sandbox.url}/__sandbox/clear-quota?appId=wx0000000000000000`)).status, 400);
		});

		it('reset forgets resets used and menus', async () => {
			const token = await stableToken();
			await api(CLEAR_QUOTA_PATH, token, { appid: SANDBOX_WECHAT_APP.appId });
			await api(MENU_CREATE_PATH, token, { button: [{ type: 'click', name: 'a', key: 'k' }] });
			await call(`${sandbox.url}/__sandbox/reset`, { method: 'POST', body: '{}' });
			assert.equal(sandbox.clearQuotaCount(SANDBOX_WECHAT_APP.appId), 0);
			assertError(await get(MENU_GET_PATH, await stableToken()), 46003, 'menu no exist');
		});
	});
});
