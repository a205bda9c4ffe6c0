import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { RouteContext } from '../routeContext';
import { wechatApiRoute } from '../wechatApiRoute';
import type { WechatApiCall } from '../wechatApiRoute';
import { wechatErrorReply } from '../wechatErrors';
import { findWechatUser, userInfo } from '../wechatUsers';

/**
 * Official Account APIs a user calls from a request file: customer-service messages, follower info and the menu. The
 * shared checks (token, permission, quota, JSON body) are `wechatApiRoute`'s; the followers are `wechatUsers.ts`'.
 */

export const CUSTOM_SEND_PATH = '/cgi-bin/message/custom/send';
export const USER_INFO_PATH = '/cgi-bin/user/info';
export const MENU_CREATE_PATH = '/cgi-bin/menu/create';
export const MENU_GET_PATH = '/cgi-bin/menu/get';

const MESSAGE_TYPES = [
	'text',
	'image',
	'voice',
	'video',
	'music',
	'news',
	'mpnews',
	'mpnewsarticle',
	'msgmenu',
	'wxcard',
	'miniprogrampage',
];

/**
 * `POST /cgi-bin/message/custom/send`, body `{touser, msgtype, text: {content}}` (or another type's object) →
 * `{errcode: 0, errmsg: 'ok'}`. 40003 a missing or unknown `touser` (another app's OpenID included), 40008 a missing
 * or unknown `msgtype`, 44004 an empty text, 47001 a type without its object, 45015 a follower who unfollowed.
 */
function customSend({ appId, body }: WechatApiCall): Reply {
	const user = findWechatUser(appId, body['touser']);
	if (user === undefined) {
		return wechatErrorReply(40003);
	}
	const msgtype = body['msgtype'];
	if (typeof msgtype !== 'string' || !MESSAGE_TYPES.includes(msgtype)) {
		return wechatErrorReply(40008);
	}
	const message = asRecord(body[msgtype]);
	if (message === undefined) {
		return wechatErrorReply(47001);
	}
	if (msgtype === 'text' && (typeof message['content'] !== 'string' || message['content'] === '')) {
		return wechatErrorReply(44004);
	}
	if (user.subscribe === 0) {
		return wechatErrorReply(45015);
	}
	return jsonReply({ errcode: 0, errmsg: 'ok' });
}

/**
 * `GET /cgi-bin/user/info?access_token=…&openid=…&lang=zh_CN` → the follower's info as WeChat documents it today
 * (`subscribe`, `openid`, `language`, `subscribe_time`, `unionid`?, `remark`, `groupid`, `tagid_list`,
 * `subscribe_scene`, `qr_scene`, `qr_scene_str`; only `subscribe: 0`, `openid`, `unionid`? for one who unfollowed).
 * 40003 for a missing, empty or unknown OpenID.
 */
function userInfoAnswer(call: WechatApiCall, context: RouteContext): Reply {
	const user = findWechatUser(call.appId, context.request.query.openid);
	return user === undefined ? wechatErrorReply(40003) : jsonReply(userInfo(user));
}

const BUTTON_TYPES = [
	'click',
	'view',
	'scancode_push',
	'scancode_waitmsg',
	'pic_sysphoto',
	'pic_photo_or_album',
	'pic_weixin',
	'location_select',
	'media_id',
	'article_id',
	'article_view_limited',
	'miniprogram',
];

/**
 * `POST /cgi-bin/menu/create`, body `{button: [...]}` → ok, and the menu is what `menu/get` answers from then on.
 * 40016 for no buttons, more than 3, or a nameless one; 40017 for a button of an unknown type (or none) without
 * `sub_button`s; 40016 too for more than 5 `sub_button`s.
 */
function menuCreate({ appId, body }: WechatApiCall, context: RouteContext): Reply {
	const buttons = body['button'];
	if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 3) {
		return wechatErrorReply(40016);
	}
	for (const button of buttons) {
		const problem = buttonProblem(button, true);
		if (problem !== undefined) {
			return wechatErrorReply(problem);
		}
	}
	context.state.menus.set(appId, buttons);
	return jsonReply({ errcode: 0, errmsg: 'ok' });
}

function buttonProblem(value: unknown, topLevel: boolean): number | undefined {
	const button = asRecord(value);
	if (button === undefined || typeof button['name'] !== 'string' || button['name'] === '') {
		return 40016;
	}
	const subButtons = button['sub_button'];
	if (topLevel && Array.isArray(subButtons) && subButtons.length > 0) {
		if (subButtons.length > 5) {
			return 40016;
		}
		for (const sub of subButtons) {
			const problem = buttonProblem(sub, false);
			if (problem !== undefined) {
				return problem;
			}
		}
		return undefined;
	}
	return typeof button['type'] === 'string' && BUTTON_TYPES.includes(button['type']) ? undefined : 40017;
}

/** `GET /cgi-bin/menu/get` → `{menu: {button: [...]}}`, the menu last created; 46003 `menu no exist` before. */
function menuGet({ appId }: WechatApiCall, context: RouteContext): Reply {
	const buttons = context.state.menus.get(appId);
	return buttons === undefined ? wechatErrorReply(46003) : jsonReply({ menu: { button: buttons } });
}

export const wechatCustomSendRoute = wechatApiRoute('POST', CUSTOM_SEND_PATH, customSend);
export const wechatUserInfoRoute = wechatApiRoute('GET', USER_INFO_PATH, userInfoAnswer);
export const wechatMenuCreateRoute = wechatApiRoute('POST', MENU_CREATE_PATH, menuCreate);
export const wechatMenuGetRoute = wechatApiRoute('GET', MENU_GET_PATH, menuGet);
