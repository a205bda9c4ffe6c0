import { TokenError } from '../errors';
import type { HttpResponse } from '../http/httpTransport';
import { parseServiceUrl } from '../http/serviceUrl';
import { withRetry } from '../http/retry';
import type { AccessToken, AuthingManagementRequest, FetchOptions, TokenSource } from '../tokenTypes';
import { readAuthingEnvelope, tokenFromAuthingData } from './authingEnvelope';
import { signAuthingRequest } from './authingSignature';
import { ManagementTokenCache } from './managementToken';
import type { SourceContext } from './sourceContext';
import { serviceName } from './sourceContext';

/** The path really says "weixin" (PROTOCOLS.md §2). */
export const MANAGEMENT_WECHAT_TOKEN_PATH = '/api/v3/get-weixin-access-token';

/**
 * `ManagementClient.getWechatMpAccessTokenInfo`. The management-token scheme (Java, Python and Go SDKs) is the
 * default; the node SDK's per-request HMAC-SHA1 signature is available as `scheme: 'signature'`.
 */
export function createAuthingManagementSource(context: SourceContext): TokenSource<AuthingManagementRequest> {
	const managementTokens = new ManagementTokenCache(context);

	return {
		kind: 'authing-management',
		async fetch(request: AuthingManagementRequest, options: FetchOptions = {}): Promise<AccessToken> {
			const baseUrl = parseServiceUrl(request.host);
			const service = serviceName(baseUrl);
			const body = { appId: request.appId, appSecret: request.appSecret };
			const send = async (headers: Record<string, string>): Promise<HttpResponse> =>
				context.transport.send({
					method: 'POST',
					baseUrl,
					path: MANAGEMENT_WECHAT_TOKEN_PATH,
					headers,
					json: body,
					...(options.signal ? { signal: options.signal } : {}),
				});
			const toToken = (response: HttpResponse): AccessToken =>
				tokenFromAuthingData(readAuthingEnvelope(response, service), response, 'authing-management', service);

			if (request.scheme === 'signature') {
				const brand = service === 'GenAuth' ? 'genauth' : 'authing';
				const signed = (): Record<string, string> => {
					const { headers, signature } = signAuthingRequest({
						method: 'POST',
						path: MANAGEMENT_WECHAT_TOKEN_PATH,
						body,
						accessKeyId: request.accessKeyId,
						accessKeySecret: request.accessKeySecret,
						brand,
						extraHeaders: { [`x-${brand}-lang`]: context.lang },
						date: new Date(context.clock.now()),
					});
					context.noteSecret(signature);
					return headers;
				};
				return withRetry(async () => toToken(await send(signed())), context.retry, options.signal);
			}

			const key = {
				baseUrl,
				service,
				accessKeyId: request.accessKeyId,
				accessKeySecret: request.accessKeySecret,
			};
			const withManagementToken = async (isRetry: boolean): Promise<AccessToken> => {
				const management = await managementTokens.get(key, options);
				context.noteSecret(management.jwt);
				const response = await send({
					authorization: `Bearer ${management.jwt}`,
					'x-authing-userpool-id': management.userPoolId,
					'x-authing-lang': context.lang,
				});
				try {
					return toToken(response);
				} catch (error) {
					// A cached management token can be revoked or outlive a key rotation: get a new one, once.
					if (!isRetry && TokenError.is(error, 'unauthorized')) {
						managementTokens.invalidate(key);
						return withManagementToken(true);
					}
					throw error;
				}
			};
			return withRetry(() => withManagementToken(false), context.retry, options.signal);
		},
	};
}
