import { randomInt } from 'node:crypto';
import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { RouteContext } from '../routeContext';
import { wechatApiRoute } from '../wechatApiRoute';
import type { WechatApiCall } from '../wechatApiRoute';
import { wechatErrorReply, wechatRid } from '../wechatErrors';
import { findWechatUser } from '../wechatUsers';
import { ENV_VERSIONS, SANDBOX_PUBLISHED_PAGES } from './wxaCodes';

/** Mini Program links (URL Link, URL Scheme) and the text security check. */

export const URL_LINK_PATH = '/wxa/generate_urllink';
export const SCHEME_PATH = '/wxa/generatescheme';
export const MSG_SEC_CHECK_PATH = '/wxa/msg_sec_check';

/** Links live at most 30 days (WeChat since 2023: no more permanent links). */
const MAX_LINK_DAYS = 30;
const DAY_SECONDS = 86_400;
/** The query's documented alphabet (the scene's, plus `%`), at most 1024 characters. */
const QUERY_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]*$/;
const MAX_QUERY = 1024;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** What a link opens: `path` (published, no query: 40165), `query` (40212), `env_version` (40097). */
function targetProblem(target: Readonly<Record<string, unknown>>): number | undefined {
	const { path = '', query = '', env_version: env = 'release' } = target;
	if (typeof path !== 'string' || typeof query !== 'string' || typeof env !== 'string') {
		return 47001;
	}
	if (path !== '' && !SANDBOX_PUBLISHED_PAGES.includes(path)) {
		return 40165;
	}
	if (query.length > MAX_QUERY || !QUERY_CHARS.test(query)) {
		return 40212;
	}
	return ENV_VERSIONS.includes(env) ? undefined : 40097;
}

/**
 * The expiry fields both link kinds share: `expire_type` 0 (a time, `expire_time` in Unix seconds, after now and at
 * most 30 days ahead, else 85401; 30 days when left out) or 1 (`expire_interval` days, 1 to 30, else 85402).
 */
function expiryProblem(body: Readonly<Record<string, unknown>>, nowMs: number): number | undefined {
	const { expire_type: type = 0, expire_time: time, expire_interval: interval } = body;
	if (type !== 0 && type !== 1) {
		return typeof type === 'number' ? 40097 : 47001;
	}
	if (type === 1) {
		return typeof interval === 'number' && Number.isInteger(interval) && interval >= 1 && interval <= MAX_LINK_DAYS
			? undefined
			: 85402;
	}
	if (time === undefined) {
		return undefined;
	}
	const now = Math.floor(nowMs / 1000);
	return typeof time === 'number' && time > now && time <= now + MAX_LINK_DAYS * DAY_SECONDS ? undefined : 85401;
}

function linkId(): string {
	return Array.from({ length: 11 }, () => BASE62[randomInt(BASE62.length)]).join('');
}

/**
 * `POST /wxa/generate_urllink`, body `{path?, query?, env_version?, expire_type?, expire_time?, expire_interval?}` →
 * `{errcode: 0, errmsg: 'ok', url_link: 'https://wxaurl.cn/<11 characters>'}`.
 */
function urlLink({ body }: WechatApiCall, context: RouteContext): Reply {
	const problem = targetProblem(body) ?? expiryProblem(body, context.now);
	return problem !== undefined
		? wechatErrorReply(problem)
		: jsonReply({ errcode: 0, errmsg: 'ok', url_link: `https://wxaurl.cn/${linkId()}` });
}

/**
 * `POST /wxa/generatescheme`, body `{jump_wxa?: {path?, query?, env_version?}, expire_type?, expire_time?,
 * expire_interval?}` → `{errcode: 0, errmsg: 'ok', openlink: 'weixin://dl/business/?t=<11 characters>'}`.
 */
function scheme({ body }: WechatApiCall, context: RouteContext): Reply {
	const jump = body['jump_wxa'] === undefined ? {} : asRecord(body['jump_wxa']);
	const problem = jump === undefined ? 47001 : (targetProblem(jump) ?? expiryProblem(body, context.now));
	return problem !== undefined
		? wechatErrorReply(problem)
		: jsonReply({ errcode: 0, errmsg: 'ok', openlink: `weixin://dl/business/?t=${linkId()}` });
}

/**
 * `POST /wxa/msg_sec_check`, body `{content, version?: 2, scene?: 1..4, openid?}` → the 2.0 answer, always a pass:
 * `{errcode: 0, errmsg: 'ok', result: {suggest: 'pass', label: 100}, detail: [...], trace_id}`. 47001 no content,
 * 40003 an OpenID the app does not know, 40097 a scene outside 1–4.
 */
function msgSecCheck({ appId, body }: WechatApiCall): Reply {
	const { content, openid, scene } = body;
	if (typeof content !== 'string' || content === '') {
		return wechatErrorReply(47001);
	}
	if (openid !== undefined && findWechatUser(appId, openid) === undefined) {
		return wechatErrorReply(40003);
	}
	if (scene !== undefined && scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4) {
		return wechatErrorReply(40097);
	}
	return jsonReply({
		errcode: 0,
		errmsg: 'ok',
		result: { suggest: 'pass', label: 100 },
		detail: [
			{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 },
			{ strategy: 'keyword', errcode: 0 },
		],
		trace_id: wechatRid(),
	});
}

export const wxaUrlLinkRoute = wechatApiRoute('POST', URL_LINK_PATH, urlLink);
export const wxaSchemeRoute = wechatApiRoute('POST', SCHEME_PATH, scheme);
export const wxaMsgSecCheckRoute = wechatApiRoute('POST', MSG_SEC_CHECK_PATH, msgSecCheck);
