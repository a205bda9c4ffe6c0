import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { Route, RouteContext } from '../routeContext';
import { checkWechatCredentials } from '../wechatApps';
import { wechatErrorReply } from '../wechatErrors';
import { wechatTokenReply } from '../wechatTokenReply';

/**
 * `POST /cgi-bin/stable_token`: JSON body only. Credentials sent as a form or in the query string are not read, so
 * such a call fails like a call without them (40002, as `grant_type` is checked first).
 */
function handle(context: RouteContext): Reply {
	const body = asRecord(context.request.body) ?? {};
	if (body.grant_type !== 'client_credential') {
		return wechatErrorReply(40002);
	}
	if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') {
		// A string "true" is a client bug worth failing loudly on, rather than guessing what it meant.
		return wechatErrorReply(47001);
	}
	const check = checkWechatCredentials(body.appid, body.secret);
	if ('errcode' in check) {
		return wechatErrorReply(check.errcode);
	}
	return wechatTokenReply(context, context.state.wechat.stable(check.appId, body.force_refresh === true));
}

export const wechatStableRoute: Route = { method: 'POST', path: '/cgi-bin/stable_token', dialect: 'wechat', handle };
