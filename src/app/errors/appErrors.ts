import { describeError } from '../ports/log';
import type { SecretField } from '../config/secretFields';

export const CREDENTIAL_ERROR_REASONS = ['credentials-missing', 'secret-storage-unavailable'] as const;
export type CredentialErrorReason = (typeof CREDENTIAL_ERROR_REASONS)[number];

/**
 * Why the secrets for a request could not be had: none stored for the app's identity, or the OS keyring behind
 * SecretStorage failed (common on Linux without a keyring). Nothing stored is changed when this is thrown.
 */
export class CredentialError extends Error {
	override readonly name = 'CredentialError';

	constructor(
		readonly reason: CredentialErrorReason,
		message: string,
		readonly missing: readonly SecretField[] = [],
		options?: { cause?: unknown },
	) {
		super(message, options);
	}

	static is(error: unknown, reason?: CredentialErrorReason): error is CredentialError {
		return error instanceof CredentialError && (reason === undefined || error.reason === reason);
	}
}

/**
 * The user answered no to a new classic token (see `ClassicMintGuard`): nothing was sent. Like a cancellation it is
 * the user's choice, not a failure of the app; the API reports it to the calling extension as `classic-not-allowed`.
 */
export class ClassicMintDeclinedError extends Error {
	override readonly name = 'ClassicMintDeclinedError';

	constructor(readonly appName: string) {
		super(`The user declined a new classic token for "${appName}"; nothing was sent.`);
	}

	static is(error: unknown): error is ClassicMintDeclinedError {
		return error instanceof ClassicMintDeclinedError;
	}
}

/** Runs a SecretStorage call; its failure (a missing or locked keyring) becomes `secret-storage-unavailable`. */
export async function guardSecretStorage<T>(operation: () => PromiseLike<T>): Promise<T> {
	try {
		return await operation();
	} catch (error) {
		throw new CredentialError(
			'secret-storage-unavailable',
			`The secret storage failed: ${describeError(error)}`,
			[],
			{ cause: error },
		);
	}
}
