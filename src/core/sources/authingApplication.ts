import { TokenError } from '../errors';
import { parseServiceUrl } from '../http/serviceUrl';
import { withRetry } from '../http/retry';
import type { AccessToken, AuthingRequest, FetchOptions, TokenSource } from '../tokenTypes';
import { readAuthingEnvelope, tokenFromAuthingData } from './authingEnvelope';
import type { SourceContext } from './sourceContext';
import { serviceName } from './sourceContext';

export const AUTHING_INFO_PATH = '/api/v3/get-wechat-access-token-info';
/** Marked deprecated in the SDKs; same body and response. Used only when the current path is missing (404). */
export const AUTHING_LEGACY_PATH = '/api/v3/get-wechat-access-token';

/**
 * `AuthenticationClient.getWechatMpAccessTokenInfo`: Authing returns the token it already holds, so calling it
 * never disturbs the production server's token.
 */
export function createAuthingSource(context: SourceContext): TokenSource<AuthingRequest> {
	return {
		kind: 'authing',
		async fetch(request: AuthingRequest, options: FetchOptions = {}): Promise<AccessToken> {
			const baseUrl = parseServiceUrl(request.host);
			const service = serviceName(baseUrl);
			const post = (path: string): Promise<AccessToken> =>
				withRetry(
					async () => {
						const response = await context.transport.send({
							method: 'POST',
							baseUrl,
							path,
							headers: authingHeaders(request, context.lang),
							json: { appId: request.appId, appSecret: request.appSecret },
							...(options.signal ? { signal: options.signal } : {}),
						});
						return tokenFromAuthingData(
							readAuthingEnvelope(response, service),
							response,
							'authing',
							service,
						);
					},
					context.retry,
					options.signal,
				);
			try {
				return await post(AUTHING_INFO_PATH);
			} catch (error) {
				if (TokenError.is(error) && error.details.httpStatus === 404) {
					return post(AUTHING_LEGACY_PATH);
				}
				throw error;
			}
		},
	};
}

function authingHeaders(request: AuthingRequest, lang: string): Record<string, string> {
	return {
		'x-authing-app-id': request.authingAppId,
		'x-authing-lang': lang,
		// SDKs disagree on the Bearer prefix; Authing accepts both (PROTOCOLS.md §1, inferred). We send the standard form.
		...(request.userAccessToken ? { authorization: bearer(request.userAccessToken) } : {}),
	};
}

function bearer(token: string): string {
	return /^bearer\s/i.test(token) ? token : `Bearer ${token}`;
}
