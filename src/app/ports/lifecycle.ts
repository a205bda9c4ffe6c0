import type { Disposable } from './listeners';

/**
 * What a class that owns subscriptions, timers and emitters extends, after the GitHub Pull Requests extension's
 * `common/lifecycle.ts`: `register` each thing as it is made, and `dispose` ends them all, last made first, once. A
 * thing registered after the end is disposed at once, so a late subscription cannot outlive its owner.
 */
export abstract class DisposableOwner implements Disposable {
	private owned: Disposable[] = [];
	private disposed = false;

	protected register<T extends Disposable>(value: T): T {
		if (this.disposed) {
			value.dispose();
		} else {
			this.owned.push(value);
		}
		return value;
	}

	dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		const owned = this.owned.reverse();
		this.owned = [];
		owned.forEach((value) => value.dispose());
	}
}
