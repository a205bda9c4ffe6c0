import type { Disposable } from './listeners';

/**
 * The secret storage seam. `vscode.SecretStorage` satisfies it directly (its `onDidChange` fires for changes made in
 * any window); tests use an in-memory one.
 */
export interface SecretStore {
	get(key: string): PromiseLike<string | undefined>;
	store(key: string, value: string): PromiseLike<void>;
	delete(key: string): PromiseLike<void>;
	readonly onDidChange: (listener: (event: { readonly key: string }) => void) => Disposable;
}
