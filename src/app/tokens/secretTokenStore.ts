import type { TokenStore } from '../../core/tokenCache';
import type { AccessToken } from '../../core/tokenTypes';
import { hasTokenShape } from '../../core/tokenShape';
import { isTokenSourceKind } from '../../core/tokenTypes';
import { tokenKey } from '../credentials/secretKeys';
import type { SecretStore } from '../ports/secretStore';

/**
 * The token cache's persistence in SecretStorage, so a reload or a second window reuses a token instead of asking
 * again. Keys are the cache's keys (app identities). Errors propagate: the cache reports them and carries on.
 */
export class SecretTokenStore implements TokenStore {
	/** The stored value as this window last read or wrote it, so `set` need not read it back first. */
	private readonly lastSeen = new Map<string, string | undefined>();

	constructor(private readonly secrets: SecretStore) {}

	async get(key: string): Promise<AccessToken | undefined> {
		const raw = await this.secrets.get(tokenKey(key));
		this.lastSeen.set(key, raw);
		return raw === undefined ? undefined : parseStoredToken(raw);
	}

	async set(key: string, token: AccessToken): Promise<void> {
		const raw = serializeToken(token);
		// Writing an unchanged value would still wake every window's onDidChange; skip it. Another window's write makes
		// the service read the entry (its change event), which updates `lastSeen`.
		const stored = this.lastSeen.has(key) ? this.lastSeen.get(key) : await this.secrets.get(tokenKey(key));
		if (stored === raw) {
			return;
		}
		this.lastSeen.set(key, raw);
		await this.secrets.store(tokenKey(key), raw);
	}

	async delete(key: string): Promise<void> {
		this.lastSeen.delete(key);
		await this.secrets.delete(tokenKey(key));
	}
}

export function serializeToken(token: AccessToken): string {
	const { accessToken, expiresAt, source, fetchedAt } = token;
	return JSON.stringify({ accessToken, expiresAt, source, fetchedAt });
}

/**
 * A stored value that is not a token (damaged, or from another version) is treated as no token; so is one whose
 * characters no token of its source has (stored before tokens were checked, tokenShape.ts): it is fetched again.
 */
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
	if (
		typeof accessToken !== 'string' ||
		!isFiniteNumber(expiresAt) ||
		!isFiniteNumber(fetchedAt) ||
		!isTokenSourceKind(source) ||
		!hasTokenShape(accessToken, source)
	) {
		return undefined;
	}
	return { accessToken, expiresAt, source, fetchedAt };
}

export function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
