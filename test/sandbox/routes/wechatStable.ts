import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { Route, RouteContext } from '../routeContext';
import { shapeToken } from '../tokenShape';
import { checkWechatCredentials } from '../wechatApps';
import { wechatErrorReply } from '../wechatErrors';

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
	const issue = context.state.wechat.stable(check.appId, body.force_refresh === true);
	if ('errcode' in issue) {
		return wechatErrorReply(issue.errcode);
	}
	// `expires_in` is what is left of the token's life: a second caller gets the same token with less time.
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

export const wechatStableRoute: Route = { method: 'POST', path: '/cgi-bin/stable_token', dialect: 'wechat', handle };
