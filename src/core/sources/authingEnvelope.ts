import type { TokenErrorReason } from '../errors';
import { TokenError } from '../errors';
import { checkPlausibleExpiry, parseAuthingExpiresAt } from '../expiry';
import type { HttpResponse } from '../http/httpTransport';
import type { AccessToken, TokenSourceKind } from '../tokenTypes';
import { isRecord } from '../isRecord';
import { errorFromHttpStatus, notJsonError } from './httpStatusErrors';
import { optional, parseCallerIp, parseRid, relayedWechatReason } from './wechatErrors';

/** Authing's documented `apiCode`s (PROTOCOLS.md §3). */
const REASON_BY_API_CODE: ReadonlyMap<number, TokenErrorReason> = new Map<number, TokenErrorReason>([
	[1000, 'server-error'],
	[1001, 'unauthorized'],
	[2011, 'app-not-found'],
	[2020, 'unauthorized'],
	[2224, 'app-not-found'],
]);

/**
 * Reads the `{statusCode, message, apiCode?, requestId?, data?}` envelope and returns `data` on success.
 * Success is `statusCode === 200` and nothing else: the HTTP status may be 200 on failure and a failure's JSON
 * may come with any HTTP status, so the body is always read first.
 */
export function readAuthingEnvelope(response: HttpResponse, service: string): Record<string, unknown> {
	const body = response.json;
	if (!isRecord(body) || typeof body['statusCode'] !== 'number') {
		throw notJsonError(response, service);
	}
	if (body['statusCode'] === 200) {
		if (!isRecord(body['data'])) {
			throw new TokenError('bad-response', `${service} reported success but sent no data.`);
		}
		return body['data'];
	}
	throw authingFailure(body, response, service);
}

function authingFailure(body: Record<string, unknown>, response: HttpResponse, service: string): TokenError {
	const statusCode = body['statusCode'] as number;
	const message = typeof body['message'] === 'string' ? body['message'] : '';
	const apiCode = toApiCode(body['apiCode']);
	const requestId = typeof body['requestId'] === 'string' ? body['requestId'] : parseRid(message);
	const details = {
		httpStatus: response.status,
		upstreamMessage: message,
		...optional('apiCode', apiCode),
		...optional('requestId', requestId),
	};
	const text =
		`${service} refused the request: ${statusCode}${apiCode === undefined ? '' : `/${apiCode}`} ${message}`.trim();

	const byApiCode = apiCode === undefined ? undefined : REASON_BY_API_CODE.get(apiCode);
	if (byApiCode) {
		return new TokenError(byApiCode, text, details);
	}
	if (statusCode >= 500 || statusCode === 429 || statusCode === 401 || statusCode === 403) {
		const fromStatus = errorFromHttpStatus({ ...response, status: statusCode }, service);
		if (fromStatus) {
			return new TokenError(fromStatus.reason, text, {
				...details,
				...fromStatus.details,
				httpStatus: response.status,
			});
		}
	}
	// Authing relays WeChat's own failures with WeChat's errmsg in `message`.
	const relayed = relayedWechatReason(message);
	if (relayed) {
		return new TokenError(relayed.reason, text, {
			...details,
			...optional('errcode', relayed.errcode),
			...optional('ip', parseCallerIp(message)),
		});
	}
	return new TokenError('rejected', text, details);
}

/** `apiCode` is documented both as a number and as a string. */
function toApiCode(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) {
		return value;
	}
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
		return Number(value.trim());
	}
	return undefined;
}

/**
 * `data.accessToken` and `data.expiresAt` (an instant on Authing's clock, corrected here by the measured skew).
 */
export function tokenFromAuthingData(
	data: Record<string, unknown>,
	response: HttpResponse,
	source: TokenSourceKind,
	service: string,
): AccessToken {
	const accessToken = data['accessToken'];
	if (typeof accessToken !== 'string' || accessToken.trim() === '') {
		throw new TokenError('bad-response', `${service} sent no access token in its answer.`);
	}
	const serverExpiresAt = parseAuthingExpiresAt(data['expiresAt']);
	const expiresAt = checkPlausibleExpiry(serverExpiresAt - response.serverClockOffsetMs, response.receivedAt);
	return { accessToken, expiresAt, source, fetchedAt: response.receivedAt };
}
