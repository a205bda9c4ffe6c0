import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import type { RouteContext } from '../routeContext';
import { wechatApiRoute } from '../wechatApiRoute';
import type { WechatApiCall } from '../wechatApiRoute';
import { wechatErrorReply } from '../wechatErrors';

export const CLEAR_QUOTA_PATH = '/cgi-bin/clear_quota';

/**
 * `POST /cgi-bin/clear_quota?access_token=…`, body `{appid}` (PROTOCOLS.md §8) → `{errcode: 0, errmsg: 'ok'}`: the
 * app's calls of every path today are forgotten (the quota endpoint says `used: 0`), and one of its 10 resets of the
 * calendar month (Beijing time) is spent (`wechatCalls.ts`). 41002 no `appid`; 40013 an AppID other than the token's
 * app (WeChat: "appid写错了；或者填入的appid与access_token代表的账号的appid不一致"); 48006 once the month's resets are
 * used up.
 */
function handle({ appId, body }: WechatApiCall, context: RouteContext): Reply {
	const named = body['appid'];
	if (typeof named !== 'string' || named === '') {
		return wechatErrorReply(41002);
	}
	if (named !== appId) {
		return wechatErrorReply(40013);
	}
	return context.state.wechatCalls.clearQuota(appId)
		? jsonReply({ errcode: 0, errmsg: 'ok' })
		: wechatErrorReply(48006);
}

export const wechatClearQuotaRoute = wechatApiRoute('POST', CLEAR_QUOTA_PATH, handle);
