import type { Disposable } from '../../../src/app/ports/listeners';
import type { SecretStore } from '../../../src/app/ports/secretStore';
import type { Timers } from '../../../src/app/ports/timers';
import { systemTimers } from '../../../src/app/ports/timers';

/**
 * A SecretStore where every call takes `callMs`, the worst way round for a lease: a read reports the value as it was
 * when the call began, a write or delete lands when the call ends (as a keyring behind a busy main process, or one
 * that is slow to unlock, can). `timers` lets a test run it on a fake clock.
 */
export class SlowSecretStore implements SecretStore {
	constructor(
		private readonly inner: SecretStore,
		private readonly callMs: number,
		private readonly timers: Timers = systemTimers,
	) {}

	readonly onDidChange = (listener: (event: { readonly key: string }) => void): Disposable =>
		this.inner.onDidChange(listener);

	async get(key: string): Promise<string | undefined> {
		const value = await this.inner.get(key);
		await this.pause();
		return value;
	}

	async store(key: string, value: string): Promise<void> {
		await this.pause();
		await this.inner.store(key, value);
	}

	async delete(key: string): Promise<void> {
		await this.pause();
		await this.inner.delete(key);
	}

	private pause(): Promise<void> {
		return new Promise((resolve) => this.timers.setTimeout(resolve, this.callMs));
	}
}
