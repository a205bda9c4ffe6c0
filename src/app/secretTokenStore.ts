import type { TokenStore } from '../core/tokenCache';
import type { AccessToken } from '../core/tokenTypes';
import { isTokenSourceKind } from '../core/tokenTypes';
import { tokenKey } from './secretKeys';
import type { SecretStore } from './secretStore';

/**
 * The token cache's persistence in SecretStorage, so a reload or a second window reuses a token instead of asking
 * again. Keys are the cache's keys (app identities). Errors propagate: the cache reports them and carries on.
 */
export class SecretTokenStore implements TokenStore {
	constructor(private readonly secrets: SecretStore) {}

	async get(key: string): Promise<AccessToken | undefined> {
		const raw = await this.secrets.get(tokenKey(key));
		return raw === undefined ? undefined : parseStoredToken(raw);
	}

	async set(key: string, token: AccessToken): Promise<void> {
		const raw = serializeToken(token);
		// Writing an unchanged value would still wake every window's onDidChange; skip it.
		if ((await this.secrets.get(tokenKey(key))) === raw) {
			return;
		}
		await this.secrets.store(tokenKey(key), raw);
	}

	async delete(key: string): Promise<void> {
		await this.secrets.delete(tokenKey(key));
	}
}

export function serializeToken(token: AccessToken): string {
	const { accessToken, expiresAt, source, fetchedAt } = token;
	return JSON.stringify({ accessToken, expiresAt, source, fetchedAt });
}

/** A stored value that is not a token (damaged, or from another version) is treated as no token. */
export function parseStoredToken(raw: string): AccessToken | undefined {
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}
	const { accessToken, expiresAt, source, fetchedAt } = value as Record<string, unknown>;
	if (typeof accessToken !== 'string' || accessToken === '' || !isFiniteNumber(expiresAt) || !isFiniteNumber(fetchedAt) || !isTokenSourceKind(source)) {
		return undefined;
	}
	return { accessToken, expiresAt, source, fetchedAt };
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
