import type { TokenErrorReason } from '../../core/errors';
import { TOKEN_ERROR_REASONS, TokenError } from '../../core/errors';
import type { CredentialErrorReason } from './appErrors';
import { CREDENTIAL_ERROR_REASONS, CredentialError } from './appErrors';

/**
 * A failure the extension can explain: the core's `TokenError` or the app's `CredentialError`. Every one of their
 * reasons has its entry in the one table of src/app/errors/errorMessages.ts (message, actions, summary, API code), which the
 * compiler checks against this union.
 */
export type KnownFailure = TokenError | CredentialError;
export type FailureReason = TokenErrorReason | CredentialErrorReason;

export const FAILURE_REASONS: readonly FailureReason[] = [...TOKEN_ERROR_REASONS, ...CREDENTIAL_ERROR_REASONS];

export function isKnownFailure(error: unknown): error is KnownFailure {
	return TokenError.is(error) || CredentialError.is(error);
}

/** The reason, for the log: anything else (a bug, most likely) is `unexpected`. */
export function failureReason(error: unknown): FailureReason | 'unexpected' {
	return isKnownFailure(error) ? error.reason : 'unexpected';
}
