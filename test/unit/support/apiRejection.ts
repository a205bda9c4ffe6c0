import * as assert from 'node:assert/strict';
import type { AccessTokenErrorCode } from '../../../src/api/wechatAccessTokenApi';
import { AccessTokenApiError } from '../../../src/app/api/accessTokenApi';

/** Asserts that an API call rejects with an AccessTokenError of `code`; returns it for further checks. */
export async function rejectsWithCode(
	promise: Promise<unknown>,
	code: AccessTokenErrorCode,
): Promise<AccessTokenApiError> {
	const error = await promise.then(
		() => assert.fail(`resolved, expected the code ${code}`),
		(rejection: unknown) => rejection,
	);
	assert.ok(error instanceof AccessTokenApiError, `not an AccessTokenApiError: ${String(error)}`);
	assert.equal(error.code, code, error.message);
	assert.equal(error.name, 'AccessTokenError');
	return error;
}
