import * as assert from 'node:assert/strict';
import type { TokenErrorReason } from '../../../src/core/errors';
import { TokenError } from '../../../src/core/errors';

/** For `assert.rejects`: a TokenError with this reason, and whatever else `check` asserts about it. */
export function rejectsWith(
	reason: TokenErrorReason,
	check: (e: TokenError) => void = () => undefined,
): (e: unknown) => boolean {
	return (e: unknown) => {
		assert.ok(e instanceof TokenError, `expected a TokenError, got ${String(e)}`);
		assert.equal(e.reason, reason, e.message);
		check(e);
		return true;
	};
}
