import { notFoundReply } from './faultReplies';
import type { Dialect, Reply } from './reply';
import { jsonReply } from './reply';
import type { Route, RouteContext } from './routeContext';
import { authingApplicationLegacyRoute, authingApplicationRoute } from './routes/authingApplication';
import { managementTokenRoute, managementWechatTokenRoute } from './routes/authingManagement';
import { TEAM_PREFIX, teamEnvelopeRoute, teamWechatStyleRoute } from './routes/teamServers';
import {
	wechatCustomSendRoute,
	wechatMenuCreateRoute,
	wechatMenuGetRoute,
	wechatUserInfoRoute,
} from './routes/wechatAccountApis';
import { wechatApiDomainIpRoute } from './routes/wechatApiDomainIp';
import { wechatClassicRoute } from './routes/wechatClassic';
import { wechatClearQuotaRoute } from './routes/wechatClearQuota';
import { wechatQuotaRoute, wechatRidRoute } from './routes/wechatOpenApi';
import { wechatStableRoute } from './routes/wechatStable';
import { wechatTicketRoute } from './routes/wechatTicket';
import { wxaMsgSecCheckRoute, wxaSchemeRoute, wxaUrlLinkRoute } from './routes/wxaApis';
import { wxaCodeRoute, wxaQrCodeRoute, wxaUnlimitedCodeRoute } from './routes/wxaCodes';
import { wechatErrorReply } from './wechatErrors';

const ROUTES: readonly Route[] = [
	authingApplicationRoute,
	authingApplicationLegacyRoute,
	managementTokenRoute,
	managementWechatTokenRoute,
	wechatClassicRoute,
	wechatStableRoute,
	wechatApiDomainIpRoute,
	wechatQuotaRoute,
	wechatRidRoute,
	wechatTicketRoute,
	wechatClearQuotaRoute,
	wechatCustomSendRoute,
	wechatUserInfoRoute,
	wechatMenuCreateRoute,
	wechatMenuGetRoute,
	wxaUnlimitedCodeRoute,
	wxaCodeRoute,
	wxaQrCodeRoute,
	wxaUrlLinkRoute,
	wxaSchemeRoute,
	wxaMsgSecCheckRoute,
	teamWechatStyleRoute,
	teamEnvelopeRoute,
];

/** Which service a path belongs to, also for paths no route serves (Authing's API lives under `/api/`). */
export function dialectOf(path: string): Dialect {
	return (
		ROUTES.find((route) => route.path === path)?.dialect ??
		(path.startsWith('/api/') ? 'authing' : path.startsWith(TEAM_PREFIX) ? 'team' : 'wechat')
	);
}

/** Answers an upstream request: the route for its path, or the service's own answer to a wrong path or method. */
export function route(context: RouteContext): Reply {
	const { method, path } = context.request;
	const match = ROUTES.find((candidate) => candidate.path === path);
	if (match === undefined) {
		return notFoundReply({ method, path, dialect: dialectOf(path) });
	}
	if (match.method !== method) {
		if (path.startsWith(TEAM_PREFIX)) {
			// A team's own server is an ordinary web service: a plain 405, whichever shape its answers have.
			return jsonReply(
				{ error: 'method_not_allowed', message: `${method} is not allowed here; use ${match.method}` },
				405,
				{ allow: match.method },
			);
		}
		if (match.dialect === 'wechat') {
			return wechatErrorReply(match.method === 'POST' ? 43002 : 43001);
		}
		return notFoundReply({ method, path, dialect: 'authing' });
	}
	return match.handle(context);
}
