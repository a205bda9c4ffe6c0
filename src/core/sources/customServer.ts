import { TokenError } from '../errors';
import { APP_ID_PLACEHOLDER, parseEndpointUrl } from '../http/endpointUrl';
import { isUsableAuthHeaderName, isUsableHeaderValue } from '../http/headerNames';
import { withRetry } from '../http/retry';
import { invalidHost } from '../http/serviceUrl';
import { fillJsonTemplate } from '../jsonTemplate';
import type { AccessToken, CustomRequest, FetchOptions, TokenSource } from '../tokenTypes';
import { readCustomTokenResponse } from './customResponse';
import type { SourceContext } from './sourceContext';

/**
 * A team's own token server, which holds the central token (so asking it never disturbs anyone's token), asked as its
 * settings describe: URL, method, body, one auth header. Retried like the other team-safe sources.
 */
export function createCustomSource(context: SourceContext): TokenSource<CustomRequest> {
	return {
		kind: 'custom',
		async fetch(request: CustomRequest, options: FetchOptions = {}): Promise<AccessToken> {
			const { custom, appId } = request;
			const endpoint = parseEndpointUrl(custom.url, appId);
			const headers = authHeaders(request, endpoint.origin);
			const json =
				custom.method === 'POST' && custom.body !== undefined
					? fillJsonTemplate(custom.body, APP_ID_PLACEHOLDER, appId)
					: undefined;
			return withRetry(
				async () => {
					const response = await context.transport.send({
						method: custom.method,
						baseUrl: endpoint.origin,
						path: endpoint.pathAndQuery,
						headers,
						...(json === undefined ? {} : { json }),
						...(options.signal ? { signal: options.signal } : {}),
					});
					return readCustomTokenResponse(response, custom, endpoint.origin);
				},
				context.retry,
				options.signal,
			);
		},
	};
}

/** The one auth header, checked before anything is sent; its value is named in no message. */
function authHeaders(request: CustomRequest, origin: string): Record<string, string> {
	const name = request.custom.authHeader;
	if (name === undefined) {
		return {};
	}
	if (!isUsableAuthHeaderName(name)) {
		throw invalidHost(
			origin,
			`"${name}" cannot carry credentials: it is not a valid header name, or one the request itself needs`,
		);
	}
	const value = request.authHeaderValue;
	if (value === undefined || value === '' || !isUsableHeaderValue(value)) {
		throw new TokenError(
			'unauthorized',
			`The value of the ${name} header for ${origin} is missing, or holds characters a header cannot carry.`,
		);
	}
	return { [name]: value };
}
