import { TokenError } from '../errors';
import { checkPlausibleExpiry, parseExpiryInstant, parseWechatExpiresIn } from '../expiry';
import type { HttpResponse } from '../http/httpTransport';
import { parseRetryAfterMs } from '../http/retry';
import { isRecord } from '../isRecord';
import type { JsonPath } from '../jsonPath';
import { formatJsonPath, readJsonPath } from '../jsonPath';
import type { AccessToken, CustomEndpoint } from '../tokenTypes';
import { describeObservedValue, describeSuccessRule, meetsSuccessRule } from './successRule';
import { optional, parseRid, wechatErrorFromCode } from './wechatErrors';

/** Where servers put their own words about a failure, the most specific first. */
const MESSAGE_FIELDS = ['errmsg', 'message', 'msg', 'error_description', 'error'] as const;
/** A server's message is shown to the user and logged; a page of it is no message. */
const MAX_MESSAGE_CHARS = 500;

/**
 * Reads a custom token server's answer as its settings describe it. A non-2xx status always fails, whatever the body
 * says; a body that misses the success rule fails with WeChat's reason when it relays a WeChat `errcode`, else as
 * `rejected` in the server's words; then the token and its expiry must be where the settings say and plausible.
 * `server` names the server in messages (its origin: the URL's path and query are not repeated in logs).
 */
export function readCustomTokenResponse(response: HttpResponse, endpoint: CustomEndpoint, server: string): AccessToken {
	const body = response.json;
	const statusError = errorFromStatus(response, server);
	if (statusError !== undefined) {
		throw statusError;
	}
	if (body === undefined) {
		throw new TokenError(
			'bad-response',
			`${server} answered with something that is not JSON (HTTP ${response.status}).`,
			{ httpStatus: response.status },
		);
	}
	if (!meetsSuccessRule(body, endpoint.success)) {
		const observed = readJsonPath(body, endpoint.success.path);
		// Its type, never a long value: a success path pointing at the wrong field may point at the token.
		const what = observed === undefined ? undefined : describeObservedValue(endpoint.success.path, observed);
		throw refusal(response, server, `success rule ${describeSuccessRule(endpoint.success)} not met`, what);
	}
	const accessToken = readJsonPath(body, endpoint.tokenPath);
	if (typeof accessToken !== 'string' || accessToken.trim() === '') {
		throw new TokenError(
			'bad-response',
			`${server} reported success but sent no access token at "${formatJsonPath(endpoint.tokenPath)}".`,
		);
	}
	const expiresAt = checkPlausibleExpiry(readExpiry(body, endpoint, response, server), response.receivedAt);
	return { accessToken, expiresAt, source: 'custom', fetchedAt: response.receivedAt };
}

/**
 * `expires_in` counts from when the server answered; counting from when we sent errs on the safe side. An instant is
 * on the server's clock, corrected by the skew its `Date` header shows.
 */
function readExpiry(body: unknown, endpoint: CustomEndpoint, response: HttpResponse, server: string): number {
	const { kind, path } = endpoint.expiry;
	try {
		const value = readJsonPath(body, path);
		return kind === 'expires-in'
			? response.sentAt + parseWechatExpiresIn(value)
			: parseExpiryInstant(value) - response.serverClockOffsetMs;
	} catch (error) {
		throw TokenError.is(error)
			? new TokenError(
					error.reason,
					`${error.message} (read at "${formatJsonPath(path)}" in the answer of ${server})`,
					error.details,
				)
			: error;
	}
}

/** A non-2xx status fails whatever the body says; only for the statuses that say nothing specific is the body read. */
function errorFromStatus(response: HttpResponse, server: string): TokenError | undefined {
	const { status } = response;
	if (status >= 200 && status < 300) {
		return undefined;
	}
	const said = messageOf(response.json);
	const details = {
		httpStatus: status,
		...optional('upstreamMessage', said),
		...optional('retryAfterMs', parseRetryAfterMs(response.headers['retry-after'], response.receivedAt)),
	};
	const tail = said === undefined ? '.' : `: ${said}`;
	if (status === 401 || status === 403) {
		return new TokenError(
			'unauthorized',
			`${server} refused the request's credentials (HTTP ${status})${tail}`,
			details,
		);
	}
	if (status === 404) {
		// Most often a wrong URL; a server that keys tokens by path also answers so for an AppID it does not serve.
		return new TokenError(
			'app-not-found',
			`${server} has no token for this URL or AppID (HTTP 404)${tail}`,
			details,
		);
	}
	if (status === 429) {
		return new TokenError('rate-limited', `${server} is limiting requests (HTTP 429)${tail}`, details);
	}
	if (status >= 500) {
		return new TokenError('server-error', `${server} had an internal error (HTTP ${status})${tail}`, details);
	}
	return refusal(response, server, `HTTP ${status}`);
}

/**
 * A failure the body explains: WeChat's errcode when the server passes one on, else the server's own words, else
 * `observed` (what failed the success rule, e.g. `code is 1001`). `why` says what made it a failure.
 */
function refusal(response: HttpResponse, server: string, why: string, observed?: string): TokenError {
	const body = response.json;
	const httpStatus = response.status;
	const relayed = relayedErrcode(body);
	if (relayed !== undefined) {
		const fromWechat = wechatErrorFromCode(relayed.errcode, relayed.errmsg, response.receivedAt, httpStatus);
		return new TokenError(
			fromWechat.reason,
			`${server} passed on WeChat's refusal: ${relayed.errcode} ${relayed.errmsg}`.trim(),
			fromWechat.details,
		);
	}
	const said = messageOf(body);
	const reason = said ?? observed;
	return new TokenError(
		'rejected',
		`${server} refused the request (${why})${reason === undefined ? '.' : `: ${reason}`}`,
		{
			httpStatus,
			...optional('upstreamMessage', reason),
			...optional('requestId', said === undefined ? undefined : parseRid(said)),
		},
	);
}

/** A WeChat `errcode` (non-zero) at the top of the answer or in its `data`, with the errmsg that came with it. */
function relayedErrcode(body: unknown): { errcode: number; errmsg: string } | undefined {
	for (const path of [[], ['data']] as JsonPath[]) {
		const holder = readJsonPath(body, path);
		if (!isRecord(holder)) {
			continue;
		}
		const raw = holder['errcode'];
		const errcode =
			typeof raw === 'number'
				? raw
				: typeof raw === 'string' && /^\s*-?\d{1,9}\s*$/.test(raw)
					? Number(raw)
					: undefined;
		if (errcode !== undefined && Number.isSafeInteger(errcode) && errcode !== 0) {
			return {
				errcode,
				errmsg: typeof holder['errmsg'] === 'string' ? clip(holder['errmsg']) : (messageOf(body) ?? ''),
			};
		}
	}
	return undefined;
}

/** The server's own words: the first message field that holds text (or `error.message`, as some APIs nest it). */
function messageOf(body: unknown): string | undefined {
	if (!isRecord(body)) {
		return undefined;
	}
	for (const field of MESSAGE_FIELDS) {
		const value = body[field];
		const text =
			typeof value === 'string'
				? value
				: isRecord(value) && typeof value['message'] === 'string'
					? value['message']
					: undefined;
		if (text !== undefined && text.trim() !== '') {
			return clip(text.trim());
		}
	}
	return undefined;
}

function clip(text: string): string {
	return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
