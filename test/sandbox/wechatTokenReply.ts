import { jsonReply } from './reply';
import type { Reply } from './reply';
import type { RouteContext } from './routeContext';
import { shapeToken } from './tokenShape';
import type { Issue } from './wechatTokens';
import { wechatErrorReply } from './wechatErrors';

/**
 * WeChat's answer to a token request, classic or stable: the error, or `{access_token, expires_in}` where
 * `expires_in` is what is left of the token's life (a second caller of the stable route gets the same token with less).
 */
export function wechatTokenReply(context: RouteContext, issue: Issue): Reply {
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
