import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import type { Route, RouteContext } from '../routeContext';
import { wechatErrorReply } from '../wechatErrors';
import { tokenOwner } from '../wechatTokenCheck';

/** Documentation addresses (TEST-NET), so nobody mistakes them for WeChat's real servers. */
const IP_LIST = ['203.0.113.10', '203.0.113.11', '198.51.100.20', '198.51.100.21'];

/**
 * `GET /cgi-bin/get_api_domain_ip?access_token=…`: the cheapest real WeChat API that needs a token, so a user (or
 * the extension's "check with curl") can see whether a token still works.
 */
function handle(context: RouteContext): Reply {
	const owner = tokenOwner(context);
	return 'errcode' in owner ? wechatErrorReply(owner.errcode) : jsonReply({ ip_list: IP_LIST });
}

export const wechatApiDomainIpRoute: Route = {
	method: 'GET',
	path: '/cgi-bin/get_api_domain_ip',
	dialect: 'wechat',
	handle,
};
