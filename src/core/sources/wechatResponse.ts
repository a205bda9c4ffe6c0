import { TokenError } from '../errors';
import { checkPlausibleExpiry, parseWechatExpiresIn } from '../expiry';
import type { HttpResponse } from '../http/httpTransport';
import type { AccessToken, TokenSourceKind } from '../tokenTypes';
import { isRecord } from '../isRecord';
import { errorFromHttpStatus, notJsonError } from './httpStatusErrors';
import { wechatErrorFromCode } from './wechatErrors';

const SERVICE = 'WeChat';

/**
 * WeChat's `{access_token, expires_in}` or `{errcode, errmsg}`; errors come with HTTP 200. `expires_in` counts
 * from when WeChat answered; counting from when we sent the request errs on the safe side.
 */
export function readWechatTokenResponse(response: HttpResponse, source: TokenSourceKind): AccessToken {
	const body = response.json;
	if (!isRecord(body)) {
		throw notJsonError(response, SERVICE);
	}
	const errcode = body['errcode'];
	if (errcode !== undefined && errcode !== 0 && errcode !== '0') {
		// Only a number or numeric text is an errcode: Number() on a JSON object whose own `toString`/`valueOf` are not
		// functions throws a TypeError, and such a body must be a bad response (found by the property tests, issue 6).
		const code = typeof errcode === 'number' ? errcode : typeof errcode === 'string' ? Number(errcode) : Number.NaN;
		if (!Number.isInteger(code)) {
			throw new TokenError('bad-response', 'WeChat answered with an unreadable error code.');
		}
		const errmsg = typeof body['errmsg'] === 'string' ? body['errmsg'] : '';
		throw wechatErrorFromCode(code, errmsg, response.receivedAt, response.status);
	}
	// WeChat answers every token request with HTTP 200. A token in a 4xx/5xx body came from something else on the way
	// (a proxy, a gateway's cached page) and is not trusted to be WeChat's token in force.
	if (response.status >= 400) {
		throw (
			errorFromHttpStatus(response, SERVICE) ??
			new TokenError('bad-response', `WeChat answered HTTP ${response.status}, which is not a token response.`, {
				httpStatus: response.status,
			})
		);
	}
	const accessToken = body['access_token'];
	if (typeof accessToken !== 'string' || accessToken.trim() === '') {
		throw new TokenError('bad-response', 'WeChat sent no access token in its answer.');
	}
	const expiresAt = checkPlausibleExpiry(
		response.sentAt + parseWechatExpiresIn(body['expires_in']),
		response.receivedAt,
	);
	return { accessToken, expiresAt, source, fetchedAt: response.receivedAt };
}
