import type { Disposable } from '../../../src/app/ports/listeners';
import type { SecretStore } from '../../../src/app/ports/secretStore';

export interface WindowSecretStoreOptions {
	/** Writes land 0 to this many ms late, in no fixed order between windows. Default 0: at once. */
	readonly maxLagMs?: number;
	readonly random?: () => number;
}

/**
 * One window's view of a SecretStore shared with other windows. Like VS Code's, its writes can land late (they travel
 * through the main process to the keyring). Counts its live change subscriptions, so a test can tell none was left.
 */
export class WindowSecretStore implements SecretStore {
	private subscriptions = 0;
	private readonly maxLagMs: number;
	private readonly random: () => number;

	constructor(
		private readonly inner: SecretStore,
		options: WindowSecretStoreOptions = {},
	) {
		this.maxLagMs = options.maxLagMs ?? 0;
		this.random = options.random ?? Math.random;
	}

	get listenerCount(): number {
		return this.subscriptions;
	}

	readonly onDidChange = (listener: (event: { readonly key: string }) => void): Disposable => {
		const subscription = this.inner.onDidChange(listener);
		this.subscriptions++;
		let disposed = false;
		return {
			dispose: () => {
				if (!disposed) {
					disposed = true;
					this.subscriptions--;
					subscription.dispose();
				}
			},
		};
	};

	get(key: string): PromiseLike<string | undefined> {
		return this.inner.get(key);
	}

	async store(key: string, value: string): Promise<void> {
		await this.lag();
		await this.inner.store(key, value);
	}

	async delete(key: string): Promise<void> {
		await this.lag();
		await this.inner.delete(key);
	}

	private async lag(): Promise<void> {
		if (this.maxLagMs > 0) {
			await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * (this.maxLagMs + 1))));
		}
	}
}
