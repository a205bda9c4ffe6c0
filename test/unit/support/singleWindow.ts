import type { SecretStore } from '../../../src/app/ports/secretStore';
import { CredentialStore } from '../../../src/app/credentials/credentialStore';
import type { TokenServiceOptions } from '../../../src/app/tokens/tokenService';
import { TokenService } from '../../../src/app/tokens/tokenService';
import { MemorySecretStore } from './memorySecretStore';
import { testClient } from './sandboxHarness';

/**
 * Lease tuning for a TokenService that is the only window: no other window writes the lease, so there is no write to
 * wait for, and suites that fetch many classic tokens skip the 250 ms each would cost. twoWindows.test.ts tests the
 * lease itself.
 */
export const SINGLE_WINDOW_LEASE = { settleMs: 0 } as const;

/**
 * A TokenService that is the test's only window, with its CredentialStore, over a SecretStorage in memory (or the
 * one given): the test client (no real waits between retries), no refresh margin and the single-window lease, unless
 * `options` say otherwise. The caller disposes the service.
 */
export function singleWindowTokens(options: Partial<TokenServiceOptions> = {}): {
	readonly secrets: SecretStore;
	readonly credentials: CredentialStore;
	readonly service: TokenService;
} {
	const secrets = options.secrets ?? new MemorySecretStore();
	const credentials = options.credentials ?? new CredentialStore(secrets);
	const service = new TokenService({
		client: testClient(),
		marginMs: 0,
		lease: SINGLE_WINDOW_LEASE,
		...options,
		secrets,
		credentials,
	});
	return { secrets, credentials, service };
}
