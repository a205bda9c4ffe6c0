import { jsonReply } from './reply';
import type { Reply } from './reply';

/**
 * The `{code, message, data}` envelope of the sandbox's second team token server, as many in-house services answer:
 * `code` 0 is success, anything else a failure in `message`. WeChat's refusals are passed on with WeChat's own
 * `errcode` and `errmsg` beside the team's code, which is how a client can tell them apart.
 */
export const TEAM_ENVELOPE_CODES = {
	ok: 0,
	unauthorized: 401,
	appNotRegistered: 1001,
	wechatRefused: 1002,
} as const;

export function teamSuccess(data: Readonly<Record<string, unknown>>): Reply {
	return jsonReply({ code: TEAM_ENVELOPE_CODES.ok, message: 'ok', data });
}

export function teamFailure(code: number, message: string, status = 200): Reply {
	return jsonReply({ code, message }, status);
}

export function teamRelayedWechatFailure(errcode: number, errmsg: string): Reply {
	return jsonReply({
		code: TEAM_ENVELOPE_CODES.wechatRefused,
		message: `WeChat refused: ${errmsg}`,
		errcode,
		errmsg,
	});
}
