import { parseServiceUrl } from '../http/serviceUrl';
import { withRetry } from '../http/retry';
import type { AccessToken, FetchOptions, TokenSource, WechatStableRequest } from '../tokenTypes';
import type { SourceContext } from './sourceContext';
import { readWechatTokenResponse } from './wechatResponse';

export const WECHAT_STABLE_PATH = '/cgi-bin/stable_token';

/**
 * WeChat's `stable_token`: in normal mode it returns the token already in force and never invalidates anyone's.
 * `force_refresh` is sent only when the request explicitly asks for it.
 */
export function createWechatStableSource(context: SourceContext): TokenSource<WechatStableRequest> {
	return {
		kind: 'wechat-stable',
		async fetch(request: WechatStableRequest, options: FetchOptions = {}): Promise<AccessToken> {
			const baseUrl = parseServiceUrl(request.host);
			return withRetry(
				async () => {
					const response = await context.transport.send({
						method: 'POST',
						baseUrl,
						path: WECHAT_STABLE_PATH,
						json: {
							grant_type: 'client_credential',
							appid: request.appId,
							secret: request.appSecret,
							force_refresh: request.forceRefresh === true,
						},
						...(options.signal ? { signal: options.signal } : {}),
					});
					return readWechatTokenResponse(response, 'wechat-stable');
				},
				context.retry,
				options.signal,
			);
		},
	};
}
