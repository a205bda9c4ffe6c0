import type { Reply } from './reply';
import { asRecord } from './requestBody';
import type { Route, RouteContext } from './routeContext';
import { wechatErrorReply } from './wechatErrors';
import { tokenOwner } from './wechatTokenCheck';

/** A WeChat API call that got past the checks every API makes: whose it is, and its JSON body (`{}` for a GET). */
export interface WechatApiCall {
	readonly appId: string;
	readonly body: Readonly<Record<string, unknown>>;
}

/**
 * A WeChat API called with an access token (PROTOCOLS.md §8), with the checks they all share, in this order: the
 * token in the query (41001 missing, 42001 expired, 40001 invalidated or unknown), the app's permission for the API
 * (48001, config `unauthorizedApis`), its daily quota (45009 once the app's successful calls of the path since
 * midnight Beijing time reach the path's limit: `wechatCalls.ts`' defaults, config `apiDailyLimits`), then, for a
 * POST, a JSON object body (47001 otherwise: a form, text, an array or nothing). `answer` does the rest. The server
 * counts the call, or keeps its failure by rid, like every WeChat call.
 */
export function wechatApiRoute(
	method: 'GET' | 'POST',
	path: string,
	answer: (call: WechatApiCall, context: RouteContext) => Reply,
): Route {
	return {
		method,
		path,
		dialect: 'wechat',
		handle: (context) => {
			const owner = tokenOwner(context);
			if ('errcode' in owner) {
				return wechatErrorReply(owner.errcode);
			}
			const { appId } = owner;
			const { config, wechatCalls } = context.state;
			if (config.unauthorizedApis[appId]?.includes(path) === true) {
				return wechatErrorReply(48001);
			}
			if ((wechatCalls.quota(appId, path, config.apiDailyLimits)?.remain ?? 1) <= 0) {
				return wechatErrorReply(45009);
			}
			if (method === 'GET') {
				return answer({ appId, body: {} }, context);
			}
			const body = asRecord(context.request.body);
			return body === undefined ? wechatErrorReply(47001) : answer({ appId, body }, context);
		},
	};
}
