import type { Localizer } from '../ports/localizer';

/**
 * WeChat server APIs developers call most with an access token, as ready-to-send templates for `.wechat.http` files:
 * the method, the path (and its fixed query), a body with WeChat's placeholder values (`OPENID`, `TEMPLATE_ID`…),
 * which accounts may call it, and WeChat's page for it. Multipart uploads (`/cgi-bin/media/upload`) are left out: a
 * request file sends JSON only.
 */
export type WechatAccountKind = 'official-account' | 'mini-program';

export type CatalogId =
	| 'menu-create'
	| 'menu-get'
	| 'menu-delete'
	| 'user-info'
	| 'user-list'
	| 'template-message-send'
	| 'custom-message-send'
	| 'media-get'
	| 'qrcode-create'
	| 'jsapi-ticket'
	| 'subscribe-message-send'
	| 'wxacode-unlimited'
	| 'wxacode'
	| 'wxaapp-qrcode'
	| 'url-link'
	| 'url-scheme'
	| 'short-link'
	| 'phone-number'
	| 'msg-sec-check'
	| 'media-check-async'
	| 'api-domain-ip'
	| 'callback-check'
	| 'quota-get'
	| 'rid-get'
	| 'clear-quota';

/** A JSON value a template body holds. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface CatalogEntry {
	readonly id: CatalogId;
	readonly method: 'GET' | 'POST';
	/** The path on the API host, without query (a valid `cgi_path` for the quota API). */
	readonly path: string;
	/** Query parameters besides `access_token`, which is added when the request is sent. */
	readonly query?: readonly (readonly [string, string])[];
	readonly body?: { readonly [key: string]: JsonValue };
	readonly accounts: readonly WechatAccountKind[];
	/** Answers an image (`image/jpeg` or `image/png`) on success, JSON on failure (PROTOCOLS.md §8). */
	readonly answersImage?: boolean;
	/** Answers a file of any type on success, JSON on failure. */
	readonly answersBinary?: boolean;
	/** Spends or destroys something that cannot be had back: confirm before sending. */
	readonly destructive?: boolean;
	/** WeChat's documentation page (developers.weixin.qq.com). */
	readonly docUrl: string;
}

const OA: readonly WechatAccountKind[] = ['official-account'];
const MP: readonly WechatAccountKind[] = ['mini-program'];
const BOTH: readonly WechatAccountKind[] = ['official-account', 'mini-program'];

const SERVICE_DOCS = 'https://developers.weixin.qq.com/doc/service/api';
const MP_DOCS = 'https://developers.weixin.qq.com/miniprogram/dev/server/API';
const MP_OPEN_API_DOCS = 'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc';
const OA_LEGACY_DOCS = 'https://developers.weixin.qq.com/doc/offiaccount';

export const API_CATALOG: readonly CatalogEntry[] = [
	{
		id: 'menu-create',
		method: 'POST',
		path: '/cgi-bin/menu/create',
		body: {
			button: [
				{ type: 'click', name: '今日推荐', key: 'V1001_TODAY' },
				{
					name: '菜单',
					sub_button: [
						{ type: 'view', name: '官网', url: 'https://example.com/' },
						{
							type: 'miniprogram',
							name: '小程序',
							url: 'https://example.com/',
							appid: 'APPID',
							pagepath: 'pages/index/index',
						},
					],
				},
			],
		},
		accounts: OA,
		docUrl: `${SERVICE_DOCS}/custommenu/api_createcustommenu.html`,
	},
	{
		id: 'menu-get',
		method: 'GET',
		path: '/cgi-bin/menu/get',
		accounts: OA,
		docUrl: `${SERVICE_DOCS}/custommenu/api_getmenu.html`,
	},
	{
		id: 'menu-delete',
		method: 'GET',
		path: '/cgi-bin/menu/delete',
		accounts: OA,
		destructive: true,
		docUrl: `${SERVICE_DOCS}/custommenu/api_deletemenu.html`,
	},
	{
		id: 'user-info',
		method: 'GET',
		path: '/cgi-bin/user/info',
		query: [
			['openid', 'OPENID'],
			['lang', 'zh_CN'],
		],
		accounts: OA,
		docUrl: `${SERVICE_DOCS}/usermanage/userinfo/api_userinfo.html`,
	},
	{
		id: 'user-list',
		method: 'GET',
		path: '/cgi-bin/user/get',
		query: [['next_openid', '']],
		accounts: OA,
		docUrl: `${OA_LEGACY_DOCS}/User_Management/Getting_a_User_List.html`,
	},
	{
		id: 'template-message-send',
		method: 'POST',
		path: '/cgi-bin/message/template/send',
		body: {
			touser: 'OPENID',
			template_id: 'TEMPLATE_ID',
			url: 'https://example.com/orders/123',
			data: {
				thing1: { value: '订单已发货' },
				time2: { value: '2024-01-01 12:00' },
			},
		},
		accounts: OA,
		docUrl: `${SERVICE_DOCS}/notify/template/api_sendtemplatemessage.html`,
	},
	{
		id: 'custom-message-send',
		method: 'POST',
		path: '/cgi-bin/message/custom/send',
		body: { touser: 'OPENID', msgtype: 'text', text: { content: '您好，有什么可以帮您？' } },
		accounts: BOTH,
		docUrl: `${SERVICE_DOCS}/customer/message/api_sendcustommessage.html`,
	},
	{
		id: 'media-get',
		method: 'GET',
		path: '/cgi-bin/media/get',
		query: [['media_id', 'MEDIA_ID']],
		accounts: BOTH,
		answersBinary: true,
		docUrl: `${SERVICE_DOCS}/material/temporary/api_getmedia.html`,
	},
	{
		id: 'qrcode-create',
		method: 'POST',
		path: '/cgi-bin/qrcode/create',
		body: { expire_seconds: 604800, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'SCENE' } } },
		accounts: OA,
		docUrl: `${SERVICE_DOCS}/qrcode/qrcodes/api_createqrcode.html`,
	},
	{
		id: 'jsapi-ticket',
		method: 'GET',
		path: '/cgi-bin/ticket/getticket',
		query: [['type', 'jsapi']],
		accounts: OA,
		docUrl: `${SERVICE_DOCS}/webdev/jssdk/api_getticket.html`,
	},
	{
		id: 'subscribe-message-send',
		method: 'POST',
		path: '/cgi-bin/message/subscribe/send',
		body: {
			touser: 'OPENID',
			template_id: 'TEMPLATE_ID',
			page: 'pages/index/index',
			miniprogram_state: 'formal',
			lang: 'zh_CN',
			data: {
				thing1: { value: '订单已发货' },
				time2: { value: '2024-01-01 12:00' },
			},
		},
		accounts: MP,
		docUrl: `${MP_OPEN_API_DOCS}/mp-message-management/subscribe-message/sendMessage.html`,
	},
	{
		id: 'wxacode-unlimited',
		method: 'POST',
		path: '/wxa/getwxacodeunlimit',
		body: { scene: 'id=123', page: 'pages/index/index', check_path: true, env_version: 'release', width: 430 },
		accounts: MP,
		answersImage: true,
		docUrl: `${MP_DOCS}/qrcode-link/qr-code/api_getunlimitedqrcode.html`,
	},
	{
		id: 'wxacode',
		method: 'POST',
		path: '/wxa/getwxacode',
		body: { path: 'pages/index/index?id=123', env_version: 'release', width: 430 },
		accounts: MP,
		answersImage: true,
		docUrl: `${MP_OPEN_API_DOCS}/qrcode-link/qr-code/getQRCode.html`,
	},
	{
		id: 'wxaapp-qrcode',
		method: 'POST',
		path: '/cgi-bin/wxaapp/createwxaqrcode',
		body: { path: 'pages/index/index?id=123', width: 430 },
		accounts: MP,
		answersImage: true,
		docUrl: `${MP_DOCS}/qrcode-link/qr-code/api_createqrcode.html`,
	},
	{
		id: 'url-link',
		method: 'POST',
		path: '/wxa/generate_urllink',
		body: {
			path: 'pages/index/index',
			query: 'id=123',
			expire_type: 1,
			expire_interval: 30,
			env_version: 'release',
		},
		accounts: MP,
		docUrl: `${MP_OPEN_API_DOCS}/qrcode-link/url-link/generateUrlLink.html`,
	},
	{
		id: 'url-scheme',
		method: 'POST',
		path: '/wxa/generatescheme',
		body: {
			jump_wxa: { path: 'pages/index/index', query: 'id=123', env_version: 'release' },
			is_expire: true,
			expire_type: 1,
			expire_interval: 30,
		},
		accounts: MP,
		docUrl: `${MP_OPEN_API_DOCS}/qrcode-link/url-scheme/generateScheme.html`,
	},
	{
		id: 'short-link',
		method: 'POST',
		path: '/wxa/genwxashortlink',
		body: { page_url: 'pages/index/index?id=123', page_title: '活动详情', is_permanent: false },
		accounts: MP,
		docUrl: `${MP_OPEN_API_DOCS}/qrcode-link/short-link/generateShortLink.html`,
	},
	{
		id: 'phone-number',
		method: 'POST',
		path: '/wxa/business/getuserphonenumber',
		body: { code: 'CODE' },
		accounts: MP,
		docUrl: `${MP_DOCS}/user-info/phone-number/api_getphonenumber.html`,
	},
	{
		id: 'msg-sec-check',
		method: 'POST',
		path: '/wxa/msg_sec_check',
		body: { content: '需要检测的文本', version: 2, scene: 2, openid: 'OPENID' },
		accounts: MP,
		docUrl: `${MP_DOCS}/sec-center/sec-check/api_msgseccheck.html`,
	},
	{
		id: 'media-check-async',
		method: 'POST',
		path: '/wxa/media_check_async',
		body: { media_url: 'https://example.com/image.jpg', media_type: 2, version: 2, scene: 2, openid: 'OPENID' },
		accounts: MP,
		docUrl: `${MP_DOCS}/sec-center/sec-check/api_mediacheckasync.html`,
	},
	{
		id: 'api-domain-ip',
		method: 'GET',
		path: '/cgi-bin/get_api_domain_ip',
		accounts: BOTH,
		docUrl: `${SERVICE_DOCS}/base/api_getapidomainip.html`,
	},
	{
		id: 'callback-check',
		method: 'POST',
		path: '/cgi-bin/callback/check',
		body: { action: 'all', check_operator: 'DEFAULT' },
		accounts: BOTH,
		docUrl: `${SERVICE_DOCS}/base/api_callbackcheck.html`,
	},
	{
		id: 'quota-get',
		method: 'POST',
		path: '/cgi-bin/openapi/quota/get',
		body: { cgi_path: '/cgi-bin/message/custom/send' },
		accounts: BOTH,
		docUrl: `${OA_LEGACY_DOCS}/openApi/get_api_quota.html`,
	},
	{
		id: 'rid-get',
		method: 'POST',
		path: '/cgi-bin/openapi/rid/get',
		body: { rid: 'RID' },
		accounts: BOTH,
		docUrl: `${OA_LEGACY_DOCS}/openApi/get_rid_info.html`,
	},
	{
		id: 'clear-quota',
		method: 'POST',
		path: '/cgi-bin/clear_quota',
		body: { appid: 'APPID' },
		accounts: BOTH,
		destructive: true,
		docUrl: `${OA_LEGACY_DOCS}/openApi/clear_quota.html`,
	},
];

export function catalogEntry(id: CatalogId): CatalogEntry | undefined {
	return API_CATALOG.find((entry) => entry.id === id);
}

/** One line saying what the call does, in the user's language. */
export function catalogDescription(id: CatalogId, l10n: Localizer): string {
	switch (id) {
		case 'menu-create':
			return l10n.t('Create the Official Account’s custom menu (replaces the current one).');
		case 'menu-get':
			return l10n.t('Get the custom menu configured through the API.');
		case 'menu-delete':
			return l10n.t('Delete the custom menu, personalized menus included.');
		case 'user-info':
			return l10n.t('Get a follower’s basic information by OpenID.');
		case 'user-list':
			return l10n.t('List the OpenIDs of the account’s followers, 10,000 at a time.');
		case 'template-message-send':
			return l10n.t('Send a template message to a follower.');
		case 'custom-message-send':
			return l10n.t('Send a customer service message to a user who recently interacted with the account.');
		case 'media-get':
			return l10n.t('Download a temporary media file (the file itself on success).');
		case 'qrcode-create':
			return l10n.t('Create the ticket of a QR code with parameters, temporary or permanent.');
		case 'jsapi-ticket':
			return l10n.t('Get the jsapi_ticket that signs JS-SDK pages (its quota is small: cache it).');
		case 'subscribe-message-send':
			return l10n.t('Send a subscribe message to a Mini Program user.');
		case 'wxacode-unlimited':
			return l10n.t('Get a Mini Program code for a scene value, without a limit on their number (an image).');
		case 'wxacode':
			return l10n.t('Get a Mini Program code for a page path, limited in number (an image).');
		case 'wxaapp-qrcode':
			return l10n.t('Get a Mini Program QR code for a page path, limited in number (an image).');
		case 'url-link':
			return l10n.t('Generate a URL Link that opens the Mini Program.');
		case 'url-scheme':
			return l10n.t('Generate a URL Scheme that opens the Mini Program.');
		case 'short-link':
			return l10n.t('Generate a Short Link to a Mini Program page.');
		case 'phone-number':
			return l10n.t('Exchange the code from the phone number button for the user’s phone number.');
		case 'msg-sec-check':
			return l10n.t('Check whether a text contains illegal content (content security).');
		case 'media-check-async':
			return l10n.t('Check an image or audio file for illegal content, asynchronously (content security).');
		case 'api-domain-ip':
			return l10n.t(
				'List the IP addresses of WeChat’s API servers: a call with no side effects that checks a token.',
			);
		case 'callback-check':
			return l10n.t('Check the network from WeChat’s servers to the account’s callback URL.');
		case 'quota-get':
			return l10n.t('Get an API’s daily quota: the limit, the calls used and the calls left.');
		case 'rid-get':
			return l10n.t('Look up a failed call by its rid: the request, the answer and the caller’s IP.');
		case 'clear-quota':
			return l10n.t(
				'Reset the call counts of all the account’s APIs (10 resets a month, shared with the console).',
			);
	}
}

/**
 * The `.wechat.http` text of one entry, ending with a line break:
 * `### id`, `# description`, `# Docs: url`, `# @app NAME` when `appName` is given, the request line, the JSON
 * content type and the pretty-printed body for a POST.
 */
export function renderCatalogRequest(entry: CatalogEntry, l10n: Localizer, appName?: string): string {
	const lines = [`### ${entry.id}`, `# ${catalogDescription(entry.id, l10n)}`, `# Docs: ${entry.docUrl}`];
	// A name from settings goes on one comment line: a line break in it would start a line of its own.
	const app = appName?.replace(/[\r\n]+/g, ' ').trim();
	if (app !== undefined && app !== '') {
		lines.push(`# @app ${app}`);
	}
	const query = (entry.query ?? []).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
	lines.push(`${entry.method} ${entry.path}${query.length === 0 ? '' : `?${query.join('&')}`}`);
	if (entry.method === 'POST') {
		lines.push('Content-Type: application/json');
	}
	if (entry.body !== undefined) {
		lines.push('', JSON.stringify(entry.body, null, 2));
	}
	return `${lines.join('\n')}\n`;
}
