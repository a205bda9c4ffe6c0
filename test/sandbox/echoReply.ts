import { authingFailureReply } from './authingEnvelope';
import type { SandboxConfig } from './config';
import type { FaultOf } from './faults';
import type { Dialect, Reply } from './reply';
import type { RecordedRequest } from './state';
import { teamFailure } from './teamEnvelope';
import { wechatErrorReply } from './wechatErrors';

/**
 * A gateway that quotes the request it refused, credentials and all: every header, the query and the body, in the
 * error shape of the service the path imitates. What a client must never pass on as it came (issue 11): the quote
 * holds the AppSecret, the access key secret, the management token or signature in `authorization`, a custom server's
 * auth header. A status of 500 or more makes it a failure the client retries, so its retry events are tested too.
 */
export function echoReply(
	fault: FaultOf<'echo'>,
	request: RecordedRequest,
	dialect: Dialect,
	config: Pick<SandboxConfig, 'authingMirrorsHttpStatus'>,
): Reply {
	const status = fault.status ?? 400;
	const message = `bad request, as received: ${quote(request)}`;
	switch (dialect) {
		case 'authing':
			return authingFailureReply({ statusCode: status, message }, config.authingMirrorsHttpStatus);
		case 'team':
			return teamFailure(status, message, status);
		case 'wechat':
			// -1 (system busy) is WeChat's retryable failure; 47001 its "data format error".
			return wechatErrorReply(status >= 500 ? -1 : 47001, `${message} rid: 6a1f-0c2d-7e3b`);
	}
}

function quote(request: RecordedRequest): string {
	const headers = Object.entries(request.headers).map(
		([name, value]) => `${name}=${Array.isArray(value) ? value.join(', ') : (value ?? '')}`,
	);
	const query = new URLSearchParams(request.query).toString();
	return `${request.method} ${request.path}${query === '' ? '' : `?${decodeURIComponent(query)}`} ${headers.join(' ')} body=${request.rawBody}`;
}
