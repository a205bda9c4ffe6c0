import { TokenError } from '../errors';
import { HttpTransport, parseJson } from '../http/httpTransport';
import type { HttpResponse } from '../http/httpTransport';
import { parseServiceUrl } from '../http/serviceUrl';
import { isRecord } from '../isRecord';
import { redactText } from '../redactSecrets';
import { errorFromHttpStatus } from '../sources/httpStatusErrors';
import type { JsapiTicket, TicketType } from '../jssdk/jsapiTicket';
import type { ApiAnswer, ApiCallRequest } from '../wechatHttp/apiAnswer';
import { MAX_API_ANSWER_BYTES } from '../wechatHttp/apiAnswer';
import { withoutAccessToken } from '../wechatHttp/accessTokenParam';
import { hasTicketShape, TICKET_PATH } from '../jssdk/jsapiTicket';
import { parseRid } from '../sources/wechatErrors';
import type { Clock } from '../tokenTypes';
import { systemClock } from '../tokenTypes';
import type { ApiQuota, RidReport, TokenCheck, WechatRefusal } from './diagnosticTypes';
import { maskTokensInRecordedCall } from './recordedCall';
import { DEAD_TOKEN_ERRCODES, WechatApiError } from './wechatApiError';

export const CHECK_TOKEN_PATH = '/cgi-bin/get_api_domain_ip';
export const QUOTA_PATH = '/cgi-bin/openapi/quota/get';
export const RID_PATH = '/cgi-bin/openapi/rid/get';

export interface DiagnosticsClientOptions {
	readonly timeoutMs?: number;
	readonly clock?: Clock;
	/** How a token is shown (the extension's `maskToken`); used for the tokens WeChat's rid records hold. */
	readonly maskToken: (token: string) => string;
}

/** One diagnostics call: where, with which token, and what must never come back in clear. */
export interface DiagnosticsCall {
	/** WeChat's API host (or the sandbox), checked like every service URL before anything is sent. */
	readonly apiHost: string;
	readonly accessToken: string;
	/** The app's secrets: blanked out of anything WeChat sends back (a rid's request body can hold the AppSecret). */
	readonly secrets?: readonly string[];
	readonly signal?: AbortSignal;
}

/**
 * The calls that answer "does my token work, how much quota is left, what did that rid mean" (PROTOCOLS.md §6). All
 * are reads without side effects, made with a token the caller already holds; none ever fetches or mints one.
 * Network failures are `TokenError`s (as for token fetches); WeChat's refusals are `WechatApiError`s, except a dead
 * token at `checkToken`, which is its answer.
 */
export interface DiagnosticsClient {
	checkToken(call: DiagnosticsCall): Promise<TokenCheck>;
	getQuota(call: DiagnosticsCall, cgiPath: string): Promise<ApiQuota>;
	explainRid(call: DiagnosticsCall, rid: string): Promise<RidReport>;
	/**
	 * The app's JS-SDK ticket (§7). Not a pure read: WeChat counts it against a small daily quota, so the caller caches
	 * the ticket for its lifetime (TicketService) and calls this only when it holds no fresh one.
	 */
	getTicket(call: DiagnosticsCall, type: TicketType): Promise<JsapiTicket>;
	/**
	 * Any of WeChat's server APIs, as a request file asks for it (PROTOCOLS.md §8): the token added to the query, the
	 * answer classified, never thrown for an errcode (the answer is the news). Network failures are `TokenError`s.
	 */
	callApi(call: DiagnosticsCall, request: ApiCallRequest): Promise<ApiAnswer>;
}

export function createDiagnosticsClient(options: DiagnosticsClientOptions): DiagnosticsClient {
	const clock = options.clock ?? systemClock;
	const transport = new HttpTransport({
		clock,
		...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
	});

	/** Sends one call and returns WeChat's JSON answer when it has errcode 0 (or none); throws otherwise. */
	const call = async (
		target: DiagnosticsCall,
		method: 'GET' | 'POST',
		path: string,
		json?: unknown,
		query: Readonly<Record<string, string>> = {},
	): Promise<Readonly<Record<string, unknown>>> => {
		const response = await transport.send({
			method,
			baseUrl: parseServiceUrl(target.apiHost),
			path,
			query: { access_token: target.accessToken, ...query },
			...(json === undefined ? {} : { json }),
			...(target.signal ? { signal: target.signal } : {}),
		});
		const hidden = [target.accessToken, ...(target.secrets ?? [])];
		const body = readWechatAnswer(response);
		const refusal = refusalIn(body, hidden);
		if (refusal !== undefined) {
			throw new WechatApiError(path, refusal);
		}
		return body;
	};

	return {
		async checkToken(target) {
			try {
				const body = await call(target, 'GET', CHECK_TOKEN_PATH);
				if (!Array.isArray(body['ip_list'])) {
					throw new TokenError(
						'bad-response',
						'WeChat answered the token check without its list of addresses.',
					);
				}
				return { works: true, checkedAt: clock.now() };
			} catch (error) {
				if (WechatApiError.is(error) && DEAD_TOKEN_ERRCODES.has(error.refusal.errcode)) {
					return { works: false, checkedAt: clock.now(), refusal: error.refusal };
				}
				throw error;
			}
		},

		async getQuota(target, cgiPath) {
			const body = await call(target, 'POST', QUOTA_PATH, { cgi_path: cgiPath });
			const quota = isRecord(body['quota']) ? body['quota'] : undefined;
			const dailyLimit = count(quota?.['daily_limit']);
			const used = count(quota?.['used']);
			const remain = count(quota?.['remain']);
			if (dailyLimit === undefined || used === undefined || remain === undefined) {
				throw new TokenError(
					'bad-response',
					'WeChat answered the quota question without daily_limit, used and remain.',
				);
			}
			const rate = isRecord(body['rate_limit']) ? body['rate_limit'] : undefined;
			const callCount = count(rate?.['call_count']);
			const refreshSeconds = count(rate?.['refresh_second']);
			return {
				path: cgiPath,
				dailyLimit,
				used,
				remain,
				...(callCount !== undefined && refreshSeconds !== undefined
					? { rateLimit: { callCount, refreshSeconds } }
					: {}),
				checkedAt: clock.now(),
			};
		},

		async explainRid(target, rid) {
			const body = await call(target, 'POST', RID_PATH, { rid });
			const request = isRecord(body['request']) ? body['request'] : undefined;
			const invokeTime = count(request?.['invoke_time']);
			if (request === undefined || invokeTime === undefined) {
				throw new TokenError('bad-response', 'WeChat answered the rid question without the call it names.');
			}
			const hide = (text: string): string =>
				redactText(maskTokensInRecordedCall(text, options.maskToken), [
					target.accessToken,
					...(target.secrets ?? []),
				]);
			return {
				rid,
				invokedAt: invokeTime * 1000,
				costMs: count(request['cost_in_ms']) ?? 0,
				requestUrl: hide(text(request['request_url'])),
				requestBody: hide(text(request['request_body'])),
				responseBody: hide(text(request['response_body'])),
				clientIp: text(request['client_ip']),
			};
		},

		async callApi(target, request) {
			const headers = Object.fromEntries(request.headers.map(([name, value]) => [name.toLowerCase(), value]));
			if (request.body !== undefined && headers['content-type'] === undefined) {
				headers['content-type'] = 'application/json';
			}
			const response = await transport.send({
				method: request.method,
				baseUrl: parseServiceUrl(target.apiHost),
				path: withoutAccessToken(request.pathAndQuery),
				query: { access_token: target.accessToken },
				headers,
				...(request.body === undefined ? {} : { body: request.body }),
				responseType: 'bytes',
				maxBodyBytes: MAX_API_ANSWER_BYTES,
				...(target.signal ? { signal: target.signal } : {}),
			});
			return classifyAnswer(response, [target.accessToken, ...(target.secrets ?? [])]);
		},

		async getTicket(target, type) {
			const fetchedAt = clock.now();
			const body = await call(target, 'GET', TICKET_PATH, undefined, { type });
			const ticket = body['ticket'];
			const expiresIn = count(body['expires_in']);
			if (typeof ticket !== 'string' || !hasTicketShape(ticket) || expiresIn === undefined || expiresIn === 0) {
				throw new TokenError(
					'bad-response',
					'WeChat answered the ticket request without a ticket and its lifetime.',
				);
			}
			return { ticket, type, expiresAt: fetchedAt + expiresIn * 1000, fetchedAt };
		},
	};
}

/** An answer as the user reads it: JSON (with WeChat's refusal, if any), an image, another file, or text. */
function classifyAnswer(response: HttpResponse, hidden: readonly string[]): ApiAnswer {
	const contentType = response.headers['content-type'] ?? '';
	const base = {
		status: response.status,
		contentType,
		durationMs: response.receivedAt - response.sentAt,
		receivedAt: response.receivedAt,
	};
	const bytes = response.bytes ?? new TextEncoder().encode(response.text);
	if (/^image\//i.test(contentType)) {
		return { ...base, kind: 'image', bytes };
	}
	if (isRecord(response.json) || Array.isArray(response.json)) {
		const text = redactText(response.text, hidden);
		const json = parseJson(text);
		if (json === undefined) {
			// Blanking a secret that stood bare in the JSON broke it: shown as text, still blanked.
			return { ...base, kind: 'text', text };
		}
		const refusal = isRecord(response.json) ? refusalIn(response.json, hidden) : undefined;
		return { ...base, kind: 'json', text, json, ...(refusal ? { refusal } : {}) };
	}
	if (/^(text\/|application\/(json|xml|javascript))/i.test(contentType) || contentType === '') {
		return { ...base, kind: 'text', text: redactText(response.text, hidden) };
	}
	return { ...base, kind: 'binary', bytes };
}

/** WeChat answers with HTTP 200 and JSON; a gateway's page or a 5xx is a failure of the call, not WeChat's answer. */
function readWechatAnswer(response: HttpResponse): Readonly<Record<string, unknown>> {
	const body = response.json;
	if (response.status >= 400 || !isRecord(body)) {
		throw (
			errorFromHttpStatus(response, 'WeChat') ??
			new TokenError(
				'bad-response',
				`WeChat answered with something that is not an API answer (HTTP ${response.status}).`,
				{ httpStatus: response.status },
			)
		);
	}
	return body;
}

/** WeChat's refusal in an answer, its words cleared of anything in `hidden`; undefined for errcode 0 or none. */
function refusalIn(body: Readonly<Record<string, unknown>>, hidden: readonly string[]): WechatRefusal | undefined {
	const errcode = body['errcode'];
	if (errcode === undefined || errcode === 0 || errcode === '0') {
		return undefined;
	}
	const code = typeof errcode === 'number' ? errcode : typeof errcode === 'string' ? Number(errcode) : Number.NaN;
	if (!Number.isInteger(code)) {
		throw new TokenError('bad-response', 'WeChat answered with an unreadable error code.');
	}
	const errmsg = redactText(typeof body['errmsg'] === 'string' ? body['errmsg'] : '', hidden);
	const rid = parseRid(errmsg);
	return { errcode: code, errmsg, ...(rid === undefined ? {} : { rid }) };
}

/** A whole, non-negative number from WeChat (numeric text too); undefined otherwise. */
function count(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: Number.NaN;
	return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}
