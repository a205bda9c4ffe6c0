import { SANDBOX_TEAM, SANDBOX_WECHAT_APPS } from '../fixtures';
import { headerValue } from '../managementAuth';
import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { Route, RouteContext } from '../routeContext';
import { TEAM_ENVELOPE_CODES, teamFailure, teamRelayedWechatFailure, teamSuccess } from '../teamEnvelope';
import { shapeToken } from '../tokenShape';
import { wechatErrmsg, wechatErrorReply } from '../wechatErrors';
import { wechatTokenReply } from '../wechatTokenReply';

/**
 * Two teams' own token servers (the `custom` source). Each holds the central token of the WeChat apps it serves and
 * hands it to whoever shows the team's key: the token is the sandbox's current stable token for the AppID, so nobody's
 * token is ever invalidated and tests can check it with `isTokenValid`. No WeChat AppSecret is sent to them.
 */

export const TEAM_PREFIX = '/team/';

function isServedApp(appId: unknown): appId is string {
	return typeof appId === 'string' && SANDBOX_WECHAT_APPS.some((app) => app.appId === appId);
}

/**
 * `GET /team/wechat/token?appid=…` with `X-Team-Key`: passes on WeChat's own answer, `{access_token, expires_in}` or
 * `{errcode, errmsg}`. A missing or wrong key is HTTP 401.
 */
function wechatStyle(context: RouteContext): Reply {
	const { headers, query } = context.request;
	if (headerValue(headers['x-team-key']) !== SANDBOX_TEAM.wechatStyleKey) {
		return jsonReply({ error: 'unauthorized', error_description: 'missing or wrong X-Team-Key' }, 401);
	}
	if (!isServedApp(query.appid)) {
		return wechatErrorReply(query.appid === undefined || query.appid === '' ? 41002 : 40013);
	}
	return wechatTokenReply(context, context.state.wechat.centralCache(query.appid));
}

/**
 * `POST /team/api/token` with `Authorization: Bearer …` and a JSON body `{"appId": …}`: answers
 * `{code: 0, message: 'ok', data: {token, expireAt}}` (`expireAt` in Unix seconds), or a failure with its own code.
 * A missing or wrong bearer token is HTTP 401.
 */
function envelope(context: RouteContext): Reply {
	const { headers, body } = context.request;
	if (headerValue(headers.authorization) !== `Bearer ${SANDBOX_TEAM.envelopeBearerToken}`) {
		return teamFailure(TEAM_ENVELOPE_CODES.unauthorized, 'invalid or missing bearer token', 401);
	}
	const appId = asRecord(body)?.appId;
	if (!isServedApp(appId)) {
		return teamFailure(TEAM_ENVELOPE_CODES.appNotRegistered, 'app not registered');
	}
	const issue = context.state.wechat.centralCache(appId);
	if ('errcode' in issue) {
		return teamRelayedWechatFailure(issue.errcode, wechatErrmsg(issue.errcode));
	}
	return teamSuccess(
		shapeToken(context, {
			tokenKey: 'token',
			token: issue.token.value,
			expiryKey: 'expireAt',
			expiry: 'absolute',
			expiresAtMs: issue.token.expiresAt,
		}),
	);
}

export const teamWechatStyleRoute: Route = {
	method: 'GET',
	path: '/team/wechat/token',
	dialect: 'wechat',
	handle: wechatStyle,
};

export const teamEnvelopeRoute: Route = { method: 'POST', path: '/team/api/token', dialect: 'team', handle: envelope };
