import * as assert from 'node:assert/strict';
import { ACCESS_TOKEN_ERROR_CODES } from '../../../../src/api/wechatAccessTokenApi';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import type { FailurePresentation, FailureTable } from '../../../../src/app/errors/errorMessages';
import { FAILURES, failureApiCode } from '../../../../src/app/errors/errorMessages';
import type { FailureReason } from '../../../../src/app/errors/knownFailure';
import { FAILURE_REASONS, failureReason, isKnownFailure } from '../../../../src/app/errors/knownFailure';
import { TokenError } from '../../../../src/core/errors';

function errorFor(reason: FailureReason): Error {
	return reason === 'credentials-missing' || reason === 'secret-storage-unavailable'
		? new CredentialError(reason, 'english text')
		: new TokenError(reason, 'english text');
}

/** `value` without `key`, typed as such: what the table would be had someone forgotten that part. */
function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
	return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as Omit<T, K>;
}

describe('the failure table: one entry per reason, with every part, checked by the compiler', () => {
	it('has an entry for every reason of TokenError and CredentialError, and for nothing else', () => {
		assert.deepEqual(Object.keys(FAILURES).sort(), [...FAILURE_REASONS].sort());
	});

	it('gives other extensions each reason under its own code, and the classic refusal under the API’s name', () => {
		for (const reason of FAILURE_REASONS) {
			const code = failureApiCode(errorFor(reason));
			assert.equal(code, reason === 'classic-not-acknowledged' ? 'classic-not-allowed' : reason);
			assert.ok(ACCESS_TOKEN_ERROR_CODES.includes(code), code);
		}
	});

	it('knows TokenError and CredentialError only: anything else is unexpected', () => {
		assert.equal(isKnownFailure(new TokenError('network', '')), true);
		assert.equal(isKnownFailure(new CredentialError('credentials-missing', '')), true);
		for (const other of [new Error('boom'), 'network', { reason: 'network' }, undefined]) {
			assert.equal(isKnownFailure(other), false);
			assert.equal(failureReason(other), 'unexpected');
			assert.equal(failureApiCode(other), 'unexpected');
		}
		assert.equal(
			failureReason(new CredentialError('secret-storage-unavailable', '')),
			'secret-storage-unavailable',
		);
	});

	// The assertions that matter here are the `@ts-expect-error` lines: `npm run check-types` fails if any of these
	// assignments compiles, i.e. if the table type ever stops requiring an entry, or one of an entry's four parts.
	it('does not build with a reason missing, a reason too many, or an entry lacking a part', () => {
		// @ts-expect-error -- a reason without its entry
		const lackingReason: FailureTable = without(FAILURES, 'network');
		// @ts-expect-error -- an entry for a reason that no error has
		const extraReason: FailureTable = { ...FAILURES, 'no-such-reason': FAILURES.network };

		// @ts-expect-error -- no message
		const lackingMessage: FailurePresentation = without(FAILURES.network, 'message');
		// @ts-expect-error -- no actions
		const lackingActions: FailurePresentation = without(FAILURES.network, 'actions');
		// @ts-expect-error -- no summary
		const lackingSummary: FailurePresentation = without(FAILURES.network, 'summary');
		// @ts-expect-error -- no API code
		const lackingApiCode: FailurePresentation = without(FAILURES.network, 'apiCode');
		// @ts-expect-error -- an API code the API does not have
		const unknownApiCode: FailurePresentation = { ...FAILURES.network, apiCode: 'no-such-code' };

		// At run time they are just objects; the compiler is the test.
		const built = [
			lackingReason,
			extraReason,
			lackingMessage,
			lackingActions,
			lackingSummary,
			lackingApiCode,
			unknownApiCode,
		];
		assert.equal(built.length, 7);
	});
});
