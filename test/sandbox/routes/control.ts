import { parseConfigPatch } from '../config';
import { parseFault } from '../faults';
import { SANDBOX_WECHAT_APPS } from '../fixtures';
import { isTicketType, TICKET_TYPES } from '../jsSdkTickets';
import type { IssuedTicket, JsSdkSignatureRequest } from '../jsSdkTickets';
import { jsonReply } from '../reply';
import type { Reply } from '../reply';
import { asRecord } from '../requestBody';
import type { RecordedRequest, SandboxState } from '../state';
import { CLEAR_QUOTA_MONTHLY_LIMIT } from '../wechatCalls';

/** The control API's prefix. Requests under it are never faulted, recorded or counted. */
export const CONTROL_PREFIX = '/__sandbox/';

export interface ControlRequest {
	readonly method: string;
	readonly path: string;
	readonly query: Readonly<Record<string, string>>;
	readonly body: unknown;
}

/**
 * The same controls a test gets in-process (`Sandbox`), over HTTP for users in another process: the e2e tests
 * driving a real VS Code, and the demo.
 */
export function handleControl(state: SandboxState, request: ControlRequest): Reply {
	const action = `${request.method} ${request.path.slice(CONTROL_PREFIX.length)}`;
	try {
		switch (action) {
			case 'GET state':
				return jsonReply(snapshot(state));
			case 'GET token-status':
				return jsonReply({ status: state.wechat.status(request.query.token ?? '') });
			case 'POST faults': {
				const faults = Array.isArray(request.body) ? request.body : [request.body];
				// Validate all before arming any, so a bad list changes nothing.
				faults.map(parseFault).forEach((fault) => state.faults.add(fault));
				return jsonReply({ faults: state.faults.list() }, 201);
			}
			case 'DELETE faults':
				state.faults.clear();
				return jsonReply({ faults: [] });
			case 'POST reset':
				state.reset();
				return jsonReply({ ok: true });
			case 'POST config':
				state.configure(parseConfigPatch(request.body));
				return jsonReply({ config: state.config });
			case 'POST advance': {
				const seconds = asRecord(request.body)?.seconds;
				if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
					throw new Error('body must be {"seconds": <number>}');
				}
				state.advance(seconds);
				return jsonReply({ now: state.now() });
			}
			case 'POST revoke-management-tokens':
				state.management.revokeAll();
				return jsonReply({ ok: true });
			case 'GET ticket': {
				const { appId = '', type = 'jsapi' } = request.query;
				if (!isTicketType(type)) {
					throw new Error(`type must be one of ${TICKET_TYPES.join(', ')}`);
				}
				return jsonReply({
					current: ticketShown(state.jsSdkTickets.latest(appId, type)),
					previous: ticketShown(state.jsSdkTickets.previous(appId, type)),
				});
			}
			case 'GET clear-quota': {
				const appId = request.query.appId ?? '';
				if (!SANDBOX_WECHAT_APPS.some((app) => app.appId === appId)) {
					throw new Error('appId must be one of the sandbox’s WeChat apps');
				}
				const used = state.wechatCalls.clearQuotaCount(appId);
				return jsonReply({
					appId,
					used,
					limit: CLEAR_QUOTA_MONTHLY_LIMIT,
					remain: Math.max(0, CLEAR_QUOTA_MONTHLY_LIMIT - used),
				});
			}
			case 'POST jssdk-signature': {
				const signatureRequest = parseSignatureRequest(request.body);
				const signature = state.jsSdkTickets.signPage(signatureRequest);
				if (signature === undefined) {
					throw new Error(
						`no ${signatureRequest.ticket ?? 'current'} jsapi ticket for ${signatureRequest.appId}`,
					);
				}
				return jsonReply({ signature });
			}
			default:
				return jsonReply({ error: `no control endpoint ${request.method} ${request.path}` }, 404);
		}
	} catch (error: unknown) {
		return jsonReply({ error: error instanceof Error ? error.message : String(error) }, 400);
	}
}

const RECENT_REQUESTS = 50;
const SECRET_FIELDS = new Set([
	'appSecret',
	'secret',
	'accessKeySecret',
	'access_token',
	'authorization',
	'x-team-key',
]);

function snapshot(state: SandboxState): Record<string, unknown> {
	const tokens: Record<string, unknown> = {};
	const tickets: Record<string, Record<string, unknown>> = {};
	const clearQuota: Record<string, number> = {};
	for (const { appId } of SANDBOX_WECHAT_APPS) {
		clearQuota[appId] = state.wechatCalls.clearQuotaCount(appId);
		const entry: Record<string, unknown> = {};
		for (const lineage of ['classic', 'stable'] as const) {
			const token = state.wechat.latest(appId, lineage);
			if (token !== undefined) {
				// Fake tokens, shown in full so an e2e test can compare what the extension copied.
				const status = state.wechat.status(token.value);
				entry[lineage] = { value: token.value, expiresAt: token.expiresAt, status };
			}
		}
		tokens[appId] = entry;
		for (const type of TICKET_TYPES) {
			const ticket = state.jsSdkTickets.latest(appId, type);
			if (ticket !== undefined) {
				tickets[appId] = { ...tickets[appId], [type]: ticketShown(ticket) };
			}
		}
	}
	return {
		now: state.now(),
		config: state.config,
		counts: state.countsByPath(),
		faults: state.faults.list(),
		tokens,
		tickets,
		clearQuota,
		requests: state.requests.slice(-RECENT_REQUESTS).map(redact),
	};
}

/** A ticket as the control API shows it: fake, so in full, for a test to sign with or compare. */
function ticketShown(ticket: IssuedTicket | undefined): Record<string, unknown> | null {
	return ticket === undefined
		? null
		: { value: ticket.value, issuedAt: ticket.issuedAt, expiresAt: ticket.expiresAt };
}

/** `{appId, url, nonceStr, timestamp, ticket?}` for `POST /__sandbox/jssdk-signature`; throws on anything else. */
function parseSignatureRequest(body: unknown): JsSdkSignatureRequest {
	const fields = asRecord(body);
	const { appId, url, nonceStr, timestamp, ticket } = fields ?? {};
	if (typeof appId !== 'string' || typeof url !== 'string' || typeof nonceStr !== 'string') {
		throw new Error('body must be {"appId", "url", "nonceStr", "timestamp", "ticket"?} with text values');
	}
	if (typeof timestamp !== 'string' && (typeof timestamp !== 'number' || !Number.isFinite(timestamp))) {
		throw new Error('timestamp must be a number or a string');
	}
	if (ticket !== undefined && ticket !== 'current' && ticket !== 'previous') {
		throw new Error('ticket must be "current" or "previous"');
	}
	return { appId, url, nonceStr, timestamp, ...(ticket === undefined ? {} : { ticket }) };
}

/** Recent requests as the control API shows them: secrets and credentials replaced, raw body left out. */
function redact(request: RecordedRequest): Record<string, unknown> {
	return {
		method: request.method,
		path: request.path,
		time: request.time,
		query: redactFields(request.query),
		headers: redactFields(request.headers),
		body: redactBody(request.body),
	};
}

function redactBody(body: unknown): unknown {
	if (typeof body === 'string') {
		// A form-encoded body (a client bug the sandbox answers with an error) may still carry the secret.
		return body.replace(/(secret|access_token)=[^&\s]*/gi, '$1=<redacted>');
	}
	const record = asRecord(body);
	return record === undefined ? body : redactFields(record);
}

function redactFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(fields).map(([key, value]) => [key, SECRET_FIELDS.has(key) ? '<redacted>' : value]),
	);
}
