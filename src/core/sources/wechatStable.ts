import { TokenError } from '../errors';
import { parseServiceUrl } from '../http/serviceUrl';
import { withRetry } from '../http/retry';
import type { AccessToken, FetchOptions, TokenSource, WechatStableRequest } from '../tokenTypes';
import type { SourceContext } from './sourceContext';
import { readWechatTokenResponse } from './wechatResponse';
import { nothingWasDone, wechatMayHaveActed } from './wechatSideEffects';

export const WECHAT_STABLE_PATH = '/cgi-bin/stable_token';

/**
 * WeChat's `stable_token`: in normal mode it returns the token already in force and never invalidates anyone's.
 * `force_refresh` is sent only when the request explicitly asks for it, and then at most once per WeChat action:
 * a forced call is retried only where it cannot have reached WeChat, like a classic one. A second force inside
 * WeChat's 30-second spacing would be refused (45011) and spend one of the 20 daily forces, after the first one had
 * already rotated every server's token.
 */
export function createWechatStableSource(context: SourceContext): TokenSource<WechatStableRequest> {
	return {
		kind: 'wechat-stable',
		async fetch(request: WechatStableRequest, options: FetchOptions = {}): Promise<AccessToken> {
			const baseUrl = parseServiceUrl(request.host);
			const forced = request.forceNewStableToken === true;
			try {
				return await withRetry(
					async () => {
						const response = await context.transport.send({
							method: 'POST',
							baseUrl,
							path: WECHAT_STABLE_PATH,
							json: {
								grant_type: 'client_credential',
								appid: request.appId,
								secret: request.appSecret,
								force_refresh: forced,
							},
							...(options.signal ? { signal: options.signal } : {}),
						});
						return readWechatTokenResponse(response, 'wechat-stable');
					},
					context.retry,
					options.signal,
					forced ? nothingWasDone : undefined,
				);
			} catch (error) {
				throw forced && TokenError.is(error) && wechatMayHaveActed(error)
					? forceUnconfirmed(error, baseUrl)
					: error;
			}
		},
	};
}

/** The force went out and its answer was lost: WeChat may have rotated the token, so the one we hold may be dead. */
function forceUnconfirmed(error: TokenError, baseUrl: string): TokenError {
	return new TokenError(
		'force-refresh-unconfirmed',
		`The forced refresh was sent to ${baseUrl} but its answer was lost (${error.message}). WeChat may have issued a new token, invalidating the previous one; a normal request returns the current token.`,
		error.details,
		{ cause: error },
	);
}
