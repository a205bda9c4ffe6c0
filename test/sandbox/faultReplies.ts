import { STATUS_CODES } from 'node:http';
import { authingFailureReply, authingRequestId, relayedWechatFailure } from './authingEnvelope';
import type { SandboxConfig } from './config';
import type { FaultOf } from './faults';
import { htmlReply, jsonReply, nginxErrorPage } from './reply';
import type { Dialect, Reply } from './reply';
import { teamFailure, teamRelayedWechatFailure } from './teamEnvelope';
import { wechatErrmsg, wechatErrorReply } from './wechatErrors';

/** Replacing faults that answer with an ordinary (if unwelcome) response; `drop` and `huge-body` are in delivery.ts. */
export type AnsweringFault = FaultOf<
	'http-error' | 'non-json' | 'redirect' | 'not-found' | 'authing-status' | 'wechat-errcode'
>;

export interface FaultTarget {
	readonly method: string;
	readonly path: string;
	readonly dialect: Dialect;
	readonly config: Pick<SandboxConfig, 'authingRelayStyle' | 'authingMirrorsHttpStatus'>;
}

export function faultReply(fault: AnsweringFault, target: FaultTarget): Reply {
	switch (fault.kind) {
		case 'http-error':
			return httpError(fault, target);
		case 'non-json':
			// What a captive portal, proxy login page or WAF serves in place of the API.
			return htmlReply(
				200,
				'<!DOCTYPE html>\n<html><head><title>Network login</title></head>' +
					'<body><h1>Please sign in to continue</h1></body></html>\n',
			);
		case 'redirect':
			return { status: fault.status ?? 302, headers: { location: fault.location }, body: '' };
		case 'not-found':
			return notFoundReply(target);
		case 'authing-status':
			return authingFailureReply(
				{
					statusCode: fault.statusCode,
					apiCode: fault.apiCode,
					message: fault.message ?? (fault.statusCode >= 500 ? 'system busy' : 'request failed'),
					httpStatus: fault.httpStatus,
					requestId: fault.requestId,
				},
				target.config.authingMirrorsHttpStatus,
			);
		case 'wechat-errcode':
			switch (target.dialect) {
				case 'wechat':
					return wechatErrorReply(fault.errcode, fault.errmsg);
				case 'team':
					return teamRelayedWechatFailure(fault.errcode, fault.errmsg ?? wechatErrmsg(fault.errcode));
				case 'authing':
					return relayedWechatFailure(
						fault.errcode,
						fault.errmsg ?? wechatErrmsg(fault.errcode),
						target.config,
					);
			}
	}
}

function httpError(fault: FaultOf<'http-error'>, target: FaultTarget): Reply {
	const reason = STATUS_CODES[fault.status] ?? 'Error';
	const headers: Record<string, string> =
		fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
	const body = fault.body ?? 'html';
	if (body === 'html') {
		return htmlReply(fault.status, nginxErrorPage(fault.status, reason), headers);
	}
	if (body === 'json') {
		// The service's own error shape under a non-2xx status: clients must read the body anyway (PROTOCOLS.md §3).
		switch (target.dialect) {
			case 'authing':
				return jsonReply(
					{ statusCode: fault.status, message: reason, requestId: authingRequestId() },
					fault.status,
					headers,
				);
			case 'team':
				return jsonReply({ code: fault.status, message: reason }, fault.status, headers);
			case 'wechat':
				return jsonReply({ errcode: -1, errmsg: wechatErrmsg(-1) }, fault.status, headers);
		}
	}
	return { status: fault.status, contentType: 'text/plain; charset=utf-8', headers, body };
}

/**
 * Authing is a NestJS app (JSON 404s); WeChat's gateway answers unknown paths with nginx's page; the team envelope
 * server in its own envelope.
 */
export function notFoundReply(target: Pick<FaultTarget, 'method' | 'path' | 'dialect'>): Reply {
	switch (target.dialect) {
		case 'authing':
			return jsonReply(
				{ statusCode: 404, message: `Cannot ${target.method} ${target.path}`, error: 'Not Found' },
				404,
			);
		case 'team':
			return teamFailure(404, `no such endpoint: ${target.method} ${target.path}`, 404);
		case 'wechat':
			return htmlReply(404, nginxErrorPage(404, 'Not Found'));
	}
}
