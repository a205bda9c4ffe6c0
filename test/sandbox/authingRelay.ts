import { authingFailureReply, authingSuccess, relayedWechatFailure } from './authingEnvelope';
import type { Reply } from './reply';
import { asRecord } from './requestBody';
import type { RouteContext } from './routeContext';
import { shapeToken } from './tokenShape';
import { checkWechatCredentials } from './wechatApps';
import { wechatErrmsg } from './wechatErrors';

/**
 * What both Authing routes do once the caller is authenticated: take the WeChat credentials from the body, get the
 * token from its cache (the stable way by default: every caller gets the same token while it is valid and nobody's
 * token is invalidated; see `centralCacheLineage`), and wrap it in Authing's envelope with an absolute `expiresAt`.
 */
export function relayWechatToken(context: RouteContext): Reply {
	const mirror = context.state.config.authingMirrorsHttpStatus;
	const body = asRecord(context.request.body);
	if (body === undefined) {
		return authingFailureReply({ statusCode: 400, message: 'request body must be a JSON object' }, mirror);
	}
	for (const field of ['appId', 'appSecret'] as const) {
		if (typeof body[field] !== 'string' || body[field] === '') {
			return authingFailureReply({ statusCode: 400, message: `${field} must be a non-empty string` }, mirror);
		}
	}

	const check = checkWechatCredentials(body.appId, body.appSecret);
	if ('errcode' in check) {
		return relayedWechatFailure(check.errcode, wechatErrmsg(check.errcode), context.state.config);
	}
	const issue = context.state.wechat.centralCache(check.appId);
	if ('errcode' in issue) {
		return relayedWechatFailure(issue.errcode, wechatErrmsg(issue.errcode), context.state.config);
	}
	return authingSuccess(
		shapeToken(context, {
			tokenKey: 'accessToken',
			token: issue.token.value,
			expiryKey: 'expiresAt',
			expiry: 'absolute',
			expiresAtMs: issue.token.expiresAt,
		}),
	);
}
