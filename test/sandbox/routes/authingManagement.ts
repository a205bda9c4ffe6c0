import { authingFailureReply, authingSuccess } from '../authingEnvelope';
import { relayWechatToken } from '../authingRelay';
import { SANDBOX_AUTHING } from '../fixtures';
import { checkSignature, headerValue, parseSignatureAuthorization } from '../managementAuth';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { Route, RouteContext } from '../routeContext';
import { shapeToken } from '../tokenShape';

/** `POST /api/v3/get-management-token`: access key in, JWT management token out. */
function issueManagementToken(context: RouteContext): Reply {
	const body = asRecord(context.request.body);
	if (body?.accessKeyId !== SANDBOX_AUTHING.accessKeyId || body.accessKeySecret !== SANDBOX_AUTHING.accessKeySecret) {
		return authingFailureReply(
			{ statusCode: 401, message: 'accessKeyId or accessKeySecret is invalid' },
			context.state.config.authingMirrorsHttpStatus,
		);
	}
	const lifetimeSeconds = context.state.config.managementTokenLifetimeSeconds;
	const token = context.state.management.issue(context.now, lifetimeSeconds);
	return authingSuccess(
		shapeToken(context, {
			tokenKey: 'access_token',
			token,
			expiryKey: 'expires_in',
			expiry: 'relative',
			expiresAtMs: context.now + lifetimeSeconds * 1000,
		}),
	);
}

/**
 * `POST /api/v3/get-weixin-access-token`: authenticated by a management token or by a request signature, then the
 * same as the application route. Authentication failures answer HTTP 401, which tells a client holding a cached
 * management token to drop it and retry once.
 */
function weixinAccessToken(context: RouteContext): Reply {
	const { headers, method, path, body } = context.request;
	const mirror = context.state.config.authingMirrorsHttpStatus;
	const unauthorized = (message: string): Reply =>
		authingFailureReply({ statusCode: 401, message, httpStatus: 401 }, mirror);
	const authorization = headerValue(headers.authorization);

	if (/^Bearer\s/i.test(authorization)) {
		const claims = context.state.management.verify(authorization.replace(/^Bearer\s+/i, ''), context.now);
		if (claims === undefined) {
			return unauthorized('management token is invalid or expired');
		}
		const userPoolId = headerValue(headers['x-authing-userpool-id'] ?? headers['x-genauth-userpool-id']);
		if (userPoolId !== claims.scoped_userpool_id) {
			const message = 'no permission: x-authing-userpool-id does not match the management token';
			return authingFailureReply({ statusCode: 403, apiCode: 1001, message }, mirror);
		}
		return relayWechatToken(context);
	}

	const signed = parseSignatureAuthorization(authorization);
	if (signed !== undefined) {
		const refusal = checkSignature(method, path, headers, asRecord(body) ?? {}, signed);
		return refusal === undefined ? relayWechatToken(context) : unauthorized(refusal);
	}

	return unauthorized(authorization === '' ? 'authorization header is missing' : 'unsupported authorization scheme');
}

export const managementTokenRoute: Route = {
	method: 'POST',
	path: '/api/v3/get-management-token',
	dialect: 'authing',
	handle: issueManagementToken,
};

export const managementWechatTokenRoute: Route = {
	method: 'POST',
	path: '/api/v3/get-weixin-access-token',
	dialect: 'authing',
	handle: weixinAccessToken,
};
