import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { Route, RouteContext } from '../routeContext';
import { tokenOwner } from '../wechatTokenCheck';
import { wechatErrorReply } from '../wechatErrors';

/**
 * `POST /cgi-bin/openapi/quota/get?access_token=…`, body `{"cgi_path": "/cgi-bin/…"}`: the app's daily limit of an
 * API, what it used today (the calls that succeeded at the sandbox) and what remains.
 */
function quota(context: RouteContext): Reply {
	const owner = tokenOwner(context);
	if ('errcode' in owner) {
		return wechatErrorReply(owner.errcode);
	}
	const cgiPath = asRecord(context.request.body)?.['cgi_path'];
	if (typeof cgiPath !== 'string' || cgiPath === '') {
		return wechatErrorReply(47001);
	}
	if (!cgiPath.startsWith('/') || cgiPath.includes('://') || cgiPath.includes('?')) {
		return wechatErrorReply(76003);
	}
	if (cgiPath.startsWith('/sns/')) {
		return wechatErrorReply(76022);
	}
	const found = context.state.wechatCalls.quota(owner.appId, cgiPath, context.state.config.apiDailyLimits);
	if (found === undefined) {
		return wechatErrorReply(76021);
	}
	return jsonReply({
		errcode: 0,
		errmsg: 'ok',
		quota: { daily_limit: found.dailyLimit, used: found.used, remain: found.remain },
		...(found.rateLimit
			? { rate_limit: { call_count: found.rateLimit.callCount, refresh_second: found.rateLimit.refreshSecond } }
			: {}),
	});
}

/** A rid as WeChat writes them: three groups of eight hex digits. */
const RID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

/**
 * `POST /cgi-bin/openapi/rid/get?access_token=…`, body `{"rid": "…"}`: what the failed call with that rid sent and got.
 * Only the app that made the call can look it up, for 7 days; otherwise 76001.
 */
function rid(context: RouteContext): Reply {
	const owner = tokenOwner(context);
	if ('errcode' in owner) {
		return wechatErrorReply(owner.errcode);
	}
	const value = asRecord(context.request.body)?.['rid'];
	if (typeof value !== 'string' || value === '') {
		return wechatErrorReply(47001);
	}
	if (!RID_SHAPE.test(value)) {
		return wechatErrorReply(76002);
	}
	const record = context.state.wechatCalls.rid(value, owner.appId);
	if (record === undefined) {
		return wechatErrorReply(76001);
	}
	return jsonReply({
		errcode: 0,
		errmsg: 'ok',
		request: {
			invoke_time: Math.floor(record.time / 1000),
			cost_in_ms: record.costMs,
			request_url: record.requestUrl,
			request_body: record.requestBody,
			response_body: record.responseBody,
			client_ip: record.clientIp,
		},
	});
}

export const wechatQuotaRoute: Route = {
	method: 'POST',
	path: '/cgi-bin/openapi/quota/get',
	dialect: 'wechat',
	handle: quota,
};
export const wechatRidRoute: Route = {
	method: 'POST',
	path: '/cgi-bin/openapi/rid/get',
	dialect: 'wechat',
	handle: rid,
};
