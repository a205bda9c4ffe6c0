import { TokenError } from '../errors';
import { parseServiceUrl } from '../http/serviceUrl';
import { withRetry } from '../http/retry';
import type { AccessToken, FetchOptions, TokenSource, WechatClassicRequest } from '../tokenTypes';
import type { SourceContext } from './sourceContext';
import { readWechatTokenResponse } from './wechatResponse';
import { nothingWasDone } from './wechatSideEffects';

export const WECHAT_CLASSIC_PATH = '/cgi-bin/token';

/**
 * WeChat's classic `/cgi-bin/token`. Every successful call mints a new token and kills the previous one for every
 * other server about five minutes later, so it runs only when the caller says the user accepted that.
 */
export function createWechatClassicSource(context: SourceContext): TokenSource<WechatClassicRequest> {
	return {
		kind: 'wechat',
		async fetch(request: WechatClassicRequest, options: FetchOptions = {}): Promise<AccessToken> {
			if (request.invalidatesOtherTokensAcknowledged !== true) {
				throw new TokenError(
					'classic-not-acknowledged',
					"WeChat's classic token endpoint invalidates the token other servers are using; it is used only after the user opts in.",
				);
			}
			const baseUrl = parseServiceUrl(request.host);
			return withRetry(
				async () => {
					const response = await context.transport.send({
						method: 'GET',
						baseUrl,
						path: WECHAT_CLASSIC_PATH,
						query: { grant_type: 'client_credential', appid: request.appId, secret: request.appSecret },
						...(options.signal ? { signal: options.signal } : {}),
					});
					return readWechatTokenResponse(response, 'wechat');
				},
				context.retry,
				options.signal,
				// A timed-out or cut request may still have minted a token (and killed the old one): sending it again
				// would mint another and spend quota.
				nothingWasDone,
			);
		},
	};
}
