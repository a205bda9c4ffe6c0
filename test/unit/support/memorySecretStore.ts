import type { Disposable } from '../../../src/app/ports/listeners';
import { Listeners } from '../../../src/app/ports/listeners';
import type { SecretStore } from '../../../src/app/ports/secretStore';

/**
 * SecretStorage in memory, firing `onDidChange` after every store and delete like VS Code's (which also fires for
 * other windows). `shareWith` gives a second "window" over the same storage; `failing` makes every call throw, like a
 * missing Linux keyring.
 */
export class MemorySecretStore implements SecretStore {
	failing = false;
	readonly writes: string[] = [];
	private readonly events: Listeners<{ readonly key: string }>;

	constructor(
		private readonly data = new Map<string, string>(),
		events?: Listeners<{ readonly key: string }>,
	) {
		this.events = events ?? new Listeners();
	}

	/** Another window's view of the same storage: same data, same change events. */
	shareWith(): MemorySecretStore {
		return new MemorySecretStore(this.data, this.events);
	}

	readonly onDidChange = (listener: (event: { readonly key: string }) => void): Disposable =>
		this.events.add(listener);

	get(key: string): Promise<string | undefined> {
		return this.guard(() => this.data.get(key));
	}

	store(key: string, value: string): Promise<void> {
		return this.guard(() => {
			this.data.set(key, value);
			this.writes.push(key);
			this.events.fire({ key });
		});
	}

	delete(key: string): Promise<void> {
		return this.guard(() => {
			this.data.delete(key);
			this.events.fire({ key });
		});
	}

	keys(): string[] {
		return [...this.data.keys()];
	}

	/** Every stored value, to check a secret or token never lands where it should not. */
	values(): string[] {
		return [...this.data.values()];
	}

	private guard<T>(operation: () => T): Promise<T> {
		if (this.failing) {
			return Promise.reject(new Error('Cannot create an item in a locked collection (no keyring)'));
		}
		return Promise.resolve(operation());
	}
}
