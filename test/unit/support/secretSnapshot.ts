import type { AccessToken, TokenSourceKind } from '../../../src/core/tokenTypes';
import type { MemorySecretStore } from './memorySecretStore';

/** Every key and value in the store, to compare before and after something that must not change it. */
export async function snapshotSecrets(secrets: MemorySecretStore): Promise<Map<string, string | undefined>> {
	const keys = secrets.keys().sort();
	return new Map(await Promise.all(keys.map(async (key) => [key, await secrets.get(key)] as const)));
}

/** A token fetched a minute ago and good for another hour: what a refresh must never lose. */
export function stillValidToken(source: TokenSourceKind, now = Date.now()): AccessToken {
	return {
		accessToken: `cached-${source}-token-5f2c81d9a7e4b036`,
		expiresAt: now + 60 * 60 * 1000,
		source,
		fetchedAt: now - 60 * 1000,
	};
}
