import type { Reply } from '../reply';
import type { Route, RouteContext } from '../routeContext';
import { checkWechatCredentials } from '../wechatApps';
import { wechatErrorReply } from '../wechatErrors';
import { wechatTokenReply } from '../wechatTokenReply';

/**
 * `GET /cgi-bin/token`: credentials in the query string, and every successful call mints a new token, giving the
 * previous one 5 more minutes: the behaviour that makes this route dangerous for teams.
 */
function handle(context: RouteContext): Reply {
	const { query } = context.request;
	if (query.grant_type !== 'client_credential') {
		return wechatErrorReply(40002);
	}
	const check = checkWechatCredentials(query.appid, query.secret);
	if ('errcode' in check) {
		return wechatErrorReply(check.errcode);
	}
	return wechatTokenReply(context, context.state.wechat.classic(check.appId));
}

export const wechatClassicRoute: Route = { method: 'GET', path: '/cgi-bin/token', dialect: 'wechat', handle };
