import { TokenError } from '../errors';
import type { HttpResponse } from '../http/httpTransport';
import { parseRetryAfterMs } from '../http/retry';
import { optional } from './wechatErrors';

/**
 * What the HTTP status alone says when the body is not the service's own JSON: gateways' HTML error pages, rate
 * limiters, and the like. `undefined` when the status says nothing useful (the caller then reports a bad response).
 */
export function errorFromHttpStatus(response: HttpResponse, service: string): TokenError | undefined {
	const { status } = response;
	const details = {
		httpStatus: status,
		...optional('retryAfterMs', parseRetryAfterMs(response.headers['retry-after'], response.receivedAt)),
	};
	if (status === 429) {
		return new TokenError('rate-limited', `${service} is limiting requests (HTTP 429).`, details);
	}
	if (status >= 500) {
		return new TokenError('server-error', `${service} had an internal error (HTTP ${status}).`, details);
	}
	if (status === 401 || status === 403) {
		return new TokenError('unauthorized', `${service} refused the credentials (HTTP ${status}).`, details);
	}
	return undefined;
}

export function notJsonError(response: HttpResponse, service: string): TokenError {
	return (
		errorFromHttpStatus(response, service) ??
		new TokenError(
			'bad-response',
			`${service} answered with something that is not a token response (HTTP ${response.status}).`,
			{
				httpStatus: response.status,
			},
		)
	);
}
