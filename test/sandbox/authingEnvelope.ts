import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from './config';
import { jsonReply } from './reply';
import type { Reply } from './reply';

/** Authing's `{statusCode, message, apiCode?, requestId?, data?}` envelope (PROTOCOLS.md §3). */

export interface AuthingFailure {
	readonly statusCode: number;
	readonly message: string;
	readonly apiCode?: number | string;
	/** Forces the HTTP status; otherwise 200, or `statusCode` when the sandbox mirrors statuses. */
	readonly httpStatus?: number;
	/** The envelope's `requestId`, any text Authing sends (a random one by default). */
	readonly requestId?: string;
}

export function authingRequestId(): string {
	return randomBytes(16).toString('hex');
}

export function authingSuccess(data: Readonly<Record<string, unknown>>): Reply {
	return jsonReply({ statusCode: 200, message: '', requestId: authingRequestId(), data });
}

export function authingFailureReply(failure: AuthingFailure, mirrorHttpStatus: boolean): Reply {
	const body: Record<string, unknown> = { statusCode: failure.statusCode, message: failure.message };
	if (failure.apiCode !== undefined) {
		body.apiCode = failure.apiCode;
	}
	body.requestId = failure.requestId ?? authingRequestId();
	const mirrored = failure.statusCode >= 200 && failure.statusCode <= 599 ? failure.statusCode : 500;
	return jsonReply(body, failure.httpStatus ?? (mirrorHttpStatus ? mirrored : 200));
}

/**
 * How Authing passes on a WeChat refusal: a failed envelope, no data, WeChat's errmsg in `message` (PROTOCOLS.md §3),
 * either inside WeChat's whole answer or alone (see `SandboxConfig.authingRelayStyle`).
 */
export function relayedWechatFailure(
	errcode: number,
	errmsg: string,
	config: Pick<SandboxConfig, 'authingRelayStyle' | 'authingMirrorsHttpStatus'>,
): Reply {
	const message = config.authingRelayStyle === 'json' ? JSON.stringify({ errcode, errmsg }) : errmsg;
	return authingFailureReply({ statusCode: 400, message }, config.authingMirrorsHttpStatus);
}
