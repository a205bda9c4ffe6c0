import type { Clock, TokenSourceKind } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { guardSecretStorage } from '../errors/appErrors';
import { secretDestination } from './secretDestination';
import type { SecretField } from '../config/secretFields';
import { CREDENTIAL_INDEX_KEY, leaseKey, secretKey, tokenKey } from './secretKeys';
import { SECRET_FIELDS, secretFieldsOf } from '../config/secretFields';
import type { SecretStore } from '../ports/secretStore';

export type AppSecrets = { readonly [K in SecretField]?: string };

/** Secrets stored for another identity of the same AppID: offered for reuse only after the user confirms the new host. */
export interface ReusableCredentials {
	readonly identity: string;
	readonly name: string;
	readonly source: TokenSourceKind;
	readonly host: string;
	/** Where they were sent: the host, or a custom app's URL. */
	readonly destination: string;
	readonly fields: readonly SecretField[];
}

/** What the index remembers about one identity with stored secrets. Non-secret, like the setting itself. */
interface IndexEntry {
	readonly identity: string;
	readonly name: string;
	readonly appId: string;
	readonly source: TokenSourceKind;
	readonly host: string;
	/** A custom app's URL (absent for the other sources, and in entries written before custom apps existed). */
	readonly destination?: string;
	readonly fields: readonly SecretField[];
	readonly updatedAt: number;
}

/**
 * An app's secrets in SecretStorage, bound to its identity. Every storage failure becomes a `CredentialError` with
 * reason `secret-storage-unavailable`; a failed write leaves what was stored before.
 */
export class CredentialStore {
	constructor(
		private readonly secrets: SecretStore,
		private readonly clock: Clock = systemClock,
	) {}

	/** The secrets stored for the app's identity, only those its source uses. */
	async read(app: WechatApp): Promise<AppSecrets> {
		const values: Partial<Record<SecretField, string>> = {};
		for (const { field } of secretFieldsOf(app)) {
			const value = await this.get(secretKey(field, app.identity));
			if (value !== undefined && value !== '') {
				values[field] = value;
			}
		}
		return values;
	}

	/** The required secrets the app has none of. */
	async missingFields(app: WechatApp): Promise<SecretField[]> {
		return this.missingIn(app, await this.read(app));
	}

	/** The required secrets missing from what `read` returned. */
	missingIn(app: WechatApp, stored: AppSecrets): SecretField[] {
		return secretFieldsOf(app)
			.filter(({ field, required }) => required && stored[field] === undefined)
			.map(({ field }) => field);
	}

	/**
	 * Stores the given secrets (`null` removes one) for the app's identity, all or nothing: SecretStorage has no
	 * transactions, so when a step fails, what was already changed is put back before the error is rethrown.
	 */
	async write(app: WechatApp, values: { readonly [K in SecretField]?: string | null }): Promise<void> {
		const changes = SECRET_FIELDS.flatMap((field) => {
			const value = values[field];
			return value === undefined ? [] : [{ key: secretKey(field, app.identity), value }];
		});
		// Read before anything changes: a failure here has changed nothing yet.
		const previous = new Map<string, string | undefined>();
		for (const { key } of changes) {
			previous.set(key, await this.get(key));
		}
		const touched: string[] = [];
		try {
			for (const { key, value } of changes) {
				// Counted before the call: a keyring call that fails (a timeout, say) may still have changed the entry.
				touched.push(key);
				await guardSecretStorage(() =>
					value === null ? this.secrets.delete(key) : this.secrets.store(key, value),
				);
			}
			// Inside the rollback too: a write reported as failed must not leave new secrets behind either.
			const stored = await this.read(app);
			await this.updateIndex((entries) => [
				...entries.filter((entry) => entry.identity !== app.identity),
				{
					identity: app.identity,
					name: app.name,
					appId: app.appId,
					source: app.source,
					host: app.host,
					...(app.source === 'custom' ? { destination: secretDestination(app) } : {}),
					fields: SECRET_FIELDS.filter((field) => stored[field] !== undefined),
					updatedAt: this.clock.now(),
				},
			]);
		} catch (error) {
			await this.restore(touched, previous);
			throw error;
		}
	}

	/**
	 * Secrets of the same AppID stored for another identity (the app's host, source or Authing ids changed), the most
	 * recent first; `undefined` when the app lacks nothing or there is nothing to offer.
	 */
	async findReusable(app: WechatApp): Promise<ReusableCredentials | undefined> {
		// The secret without which nothing can be had: the AppSecret, or a custom app's auth header value. Only what
		// holds it is worth offering.
		const missing = await this.missingFields(app);
		const primary = secretFieldsOf(app).find((spec) => spec.required)?.field;
		if (missing.length === 0 || primary === undefined) {
			return undefined;
		}
		const candidates = (await this.readIndex())
			.filter(
				(entry) =>
					entry.identity !== app.identity && entry.appId === app.appId && entry.fields.includes(primary),
			)
			.sort((a, b) => b.updatedAt - a.updatedAt);
		for (const entry of candidates) {
			if ((await this.get(secretKey(primary, entry.identity))) !== undefined) {
				return {
					identity: entry.identity,
					name: entry.name,
					source: entry.source,
					host: entry.host,
					destination: entry.destination ?? entry.host,
					fields: entry.fields,
				};
			}
		}
		return undefined;
	}

	/**
	 * Copies what the app's source uses from `from` to the app's identity (the caller asked the user first), and
	 * removes the old copy and its cached token unless another configured app still uses that identity.
	 */
	async reuse(from: ReusableCredentials, app: WechatApp, configuredIdentities: ReadonlySet<string>): Promise<void> {
		const copy: Partial<Record<SecretField, string>> = {};
		for (const { field } of secretFieldsOf(app)) {
			const value = await this.get(secretKey(field, from.identity));
			if (value !== undefined) {
				copy[field] = value;
			}
		}
		await this.write(app, copy);
		if (!configuredIdentities.has(from.identity)) {
			await this.deleteIdentities([from.identity]);
		}
	}

	/**
	 * Removes the app's secrets and cached tokens, and those left behind under its earlier identities (same name or
	 * AppID), except identities another configured app uses. Returns the identities cleared, so the caller can drop
	 * what it holds in memory for them.
	 */
	async deleteAll(app: WechatApp, configuredIdentities: ReadonlySet<string>): Promise<string[]> {
		const earlier = (await this.readIndex())
			.filter(
				(entry) => entry.identity !== app.identity && (entry.name === app.name || entry.appId === app.appId),
			)
			.map((entry) => entry.identity)
			.filter((identity) => !configuredIdentities.has(identity));
		const identities = [app.identity, ...earlier];
		await this.deleteIdentities(identities);
		return identities;
	}

	private async deleteIdentities(identities: readonly string[]): Promise<void> {
		for (const identity of identities) {
			// A lease left by a window that died would otherwise outlive the app it was for.
			for (const key of [
				...SECRET_FIELDS.map((field) => secretKey(field, identity)),
				tokenKey(identity),
				leaseKey(identity),
			]) {
				await guardSecretStorage(() => this.secrets.delete(key));
			}
		}
		await this.updateIndex((entries) => entries.filter((entry) => !identities.includes(entry.identity)));
	}

	/** Puts each key back as it was (deleted if it held nothing), best effort. */
	private async restore(keys: readonly string[], previous: ReadonlyMap<string, string | undefined>): Promise<void> {
		for (const key of keys) {
			const value = previous.get(key);
			try {
				await (value === undefined ? this.secrets.delete(key) : this.secrets.store(key, value));
			} catch {
				// Swallowed on purpose: the keyring that just failed may well fail again, and the caller must learn why
				// the write failed (the error it rethrows), not why the undo did. The other keys are still worth trying.
			}
		}
	}

	private async readIndex(): Promise<IndexEntry[]> {
		const raw = await this.get(CREDENTIAL_INDEX_KEY);
		if (raw === undefined) {
			return [];
		}
		try {
			const parsed = JSON.parse(raw) as unknown;
			return Array.isArray(parsed) ? parsed.filter(isIndexEntry) : [];
		} catch {
			// A damaged index costs only the reuse offer; the secrets themselves are keyed independently.
			return [];
		}
	}

	private async updateIndex(change: (entries: IndexEntry[]) => IndexEntry[]): Promise<void> {
		const entries = change(await this.readIndex());
		await guardSecretStorage(() =>
			entries.length === 0
				? this.secrets.delete(CREDENTIAL_INDEX_KEY)
				: this.secrets.store(CREDENTIAL_INDEX_KEY, JSON.stringify(entries)),
		);
	}

	private async get(key: string): Promise<string | undefined> {
		return guardSecretStorage(() => this.secrets.get(key));
	}
}

function isIndexEntry(value: unknown): value is IndexEntry {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const entry = value as Record<string, unknown>;
	return (
		typeof entry.identity === 'string' &&
		typeof entry.name === 'string' &&
		typeof entry.appId === 'string' &&
		typeof entry.source === 'string' &&
		typeof entry.host === 'string' &&
		(entry.destination === undefined || typeof entry.destination === 'string') &&
		typeof entry.updatedAt === 'number' &&
		Array.isArray(entry.fields)
	);
}
