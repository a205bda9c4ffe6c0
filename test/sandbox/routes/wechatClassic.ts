import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import type { Route, RouteContext } from '../routeContext';
import { shapeToken } from '../tokenShape';
import { checkWechatCredentials } from '../wechatApps';
import { wechatErrorReply } from '../wechatErrors';

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
	const issue = context.state.wechat.classic(check.appId);
	if ('errcode' in issue) {
		return wechatErrorReply(issue.errcode);
	}
	return jsonReply(
		shapeToken(context, {
			tokenKey: 'access_token',
			token: issue.token.value,
			expiryKey: 'expires_in',
			expiry: 'relative',
			expiresAtMs: issue.token.expiresAt,
		}),
	);
}

export const wechatClassicRoute: Route = { method: 'GET', path: '/cgi-bin/token', dialect: 'wechat', handle };
