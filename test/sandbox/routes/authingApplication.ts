import { authingFailureReply } from '../authingEnvelope';
import { relayWechatToken } from '../authingRelay';
import { SANDBOX_AUTHING } from '../fixtures';
import { headerValue } from '../managementAuth';
import type { Reply } from '../reply';
import type { Route, RouteContext } from '../routeContext';

/**
 * Authing's application route (`AuthenticationClient`): the Authing application is named by a header and no secret
 * of its own is sent; an application may also want a logged-in user's access token.
 */
function handle(context: RouteContext): Reply {
	const { headers } = context.request;
	const mirror = context.state.config.authingMirrorsHttpStatus;

	// GenAuth is Authing under another name; accepting its header prefix too is inferred, not documented.
	const authingAppId = headerValue(headers['x-authing-app-id'] ?? headers['x-genauth-app-id']);
	if (authingAppId !== SANDBOX_AUTHING.authingAppId) {
		return authingFailureReply({ statusCode: 400, apiCode: 2011, message: 'application does not exist' }, mirror);
	}

	// SDKs differ on whether the user token is sent raw or as `Bearer …`: both are accepted.
	const userToken = headerValue(headers.authorization).replace(/^Bearer\s+/i, '');
	const notLoggedIn = { statusCode: 401, apiCode: 2020, message: 'not logged in: invalid or expired access token' };
	if (userToken !== '' && userToken !== SANDBOX_AUTHING.userAccessToken) {
		return authingFailureReply(notLoggedIn, mirror);
	}
	if (userToken === '' && context.state.config.authingRequiresUserToken) {
		return authingFailureReply({ ...notLoggedIn, message: 'not logged in' }, mirror);
	}

	return relayWechatToken(context);
}

export const authingApplicationRoute: Route = {
	method: 'POST',
	path: '/api/v3/get-wechat-access-token-info',
	dialect: 'authing',
	handle,
};

/** Deprecated in the SDKs but still served, with the same body and answer. */
export const authingApplicationLegacyRoute: Route = {
	method: 'POST',
	path: '/api/v3/get-wechat-access-token',
	dialect: 'authing',
	handle,
};
