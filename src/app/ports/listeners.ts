export interface Disposable {
	dispose(): void;
}

/** A minimal event source, so logic in plain Node can notify the UI without vscode's EventEmitter. */
export class Listeners<T> {
	private readonly listeners = new Set<(event: T) => void>();

	add(listener: (event: T) => void): Disposable {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	fire(event: T): void {
		for (const listener of [...this.listeners]) {
			listener(event);
		}
	}

	clear(): void {
		this.listeners.clear();
	}
}
