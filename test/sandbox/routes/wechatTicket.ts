import { isTicketType } from '../jsSdkTickets';
import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import type { Route, RouteContext } from '../routeContext';
import { tokenOwner } from '../wechatTokenCheck';
import { wechatErrorReply, wechatRid } from '../wechatErrors';

export const TICKET_PATH = '/cgi-bin/ticket/getticket';

/**
 * `GET /cgi-bin/ticket/getticket?access_token=…&type=jsapi|wx_card` (PROTOCOLS.md §7): the app's ticket of that type,
 * `{errcode: 0, errmsg: 'ok', ticket, expires_in}`, `expires_in` what is left of its life (the whole 7200 s when it is
 * new). WeChat's order: the token (41001, 42001, 40001), then the arguments (40097), then the day's quota (45009).
 * The call is counted, and a failure kept by its rid, by the server like every WeChat call (`wechatCalls.ts`).
 */
function handle(context: RouteContext): Reply {
	const owner = tokenOwner(context);
	if ('errcode' in owner) {
		return wechatErrorReply(owner.errcode);
	}
	const type = context.request.query.type;
	if (!isTicketType(type)) {
		return wechatErrorReply(40097, `invalid args rid: ${wechatRid()}`);
	}
	// The daily limit is in wechatCalls.ts' defaults (config `apiDailyLimits` overrides it), so the quota route reports it.
	if (
		(context.state.wechatCalls.quota(owner.appId, TICKET_PATH, context.state.config.apiDailyLimits)?.remain ?? 1) <=
		0
	) {
		return wechatErrorReply(45009);
	}
	const ticket = context.state.jsSdkTickets.issue(owner.appId, type);
	return jsonReply({
		errcode: 0,
		errmsg: 'ok',
		ticket: ticket.value,
		expires_in: Math.round((ticket.expiresAt - context.now) / 1000),
	});
}

export const wechatTicketRoute: Route = { method: 'GET', path: TICKET_PATH, dialect: 'wechat', handle };
