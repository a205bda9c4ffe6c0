import type { Disposable } from '../../../src/app/ports/listeners';
import type { SecretStore } from '../../../src/app/ports/secretStore';
import { MemorySecretStore } from './memorySecretStore';

export type SecretOperation = 'get' | 'store' | 'delete';

/**
 * A SecretStore whose reads and writes fail separately, as a Linux keyring does when it is locked for writing or
 * missing altogether. The data underneath is a MemorySecretStore, so a test can check nothing was lost.
 */
export class FlakySecretStore implements SecretStore {
	failGet = false;
	failStore = false;
	failDelete = false;
	/** Fails just the calls it picks (one key, the n-th write...), on top of the flags above. */
	failWhen: (operation: SecretOperation, key: string) => boolean = () => false;

	constructor(readonly inner = new MemorySecretStore()) {}

	readonly onDidChange = (listener: (event: { readonly key: string }) => void): Disposable =>
		this.inner.onDidChange(listener);

	get(key: string): Promise<string | undefined> {
		return this.failGet || this.failWhen('get', key) ? keyringError('read') : this.inner.get(key);
	}

	store(key: string, value: string): Promise<void> {
		return this.failStore || this.failWhen('store', key) ? keyringError('write') : this.inner.store(key, value);
	}

	delete(key: string): Promise<void> {
		return this.failDelete || this.failWhen('delete', key) ? keyringError('delete') : this.inner.delete(key);
	}
}

function keyringError(operation: string): Promise<never> {
	return Promise.reject(
		new Error(`Cannot ${operation} an item: the org.freedesktop.secrets service is not available (no keyring)`),
	);
}
