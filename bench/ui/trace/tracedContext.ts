import type * as vscode from 'vscode';
import { parseSecretKey } from '../../../src/app/credentials/secretKeys';
import { forward } from './forward';
import { markPromise } from './traceRecorder';

/**
 * The extension context the traced build's `activate` receives: the real one, with SecretStorage and the mementos
 * timestamped (each call crosses to the workbench and back).
 */
export function tracedContext(context: vscode.ExtensionContext): vscode.ExtensionContext {
	// The real context is frozen: the traced members are own properties of an object that inherits the rest.
	return Object.create(context, {
		secrets: { value: tracedSecrets(context.secrets), enumerable: true },
		globalState: { value: tracedMemento(context.globalState, 'globalState'), enumerable: true },
		workspaceState: { value: tracedMemento(context.workspaceState, 'workspaceState'), enumerable: true },
	}) as vscode.ExtensionContext;
}

/** `wechatAccessToken:appSecret:<identity>` → `appSecret`: which kind of entry, not whose. */
export function keyKind(key: string): string {
	const parsed = parseSecretKey(key);
	return parsed === undefined ? 'other' : parsed.kind === 'secret' ? parsed.field : parsed.kind;
}

export function tracedSecrets(secrets: vscode.SecretStorage): vscode.SecretStorage {
	return {
		get: (key) => markPromise(`secrets.get ${keyKind(key)}`, secrets.get(key)),
		store: (key, value) => markPromise(`secrets.store ${keyKind(key)}`, secrets.store(key, value)),
		delete: (key) => markPromise(`secrets.delete ${keyKind(key)}`, secrets.delete(key)),
		onDidChange: secrets.onDidChange,
	};
}

export function tracedMemento<T extends vscode.Memento>(memento: T, name: string): T {
	return forward(memento, {
		get: memento.get.bind(memento),
		keys: memento.keys.bind(memento),
		update: (key: string, value: unknown) => markPromise(`${name}.update`, memento.update(key, value)),
		...('setKeysForSync' in memento
			? {
					setKeysForSync: (
						memento as unknown as vscode.Memento & { setKeysForSync(keys: readonly string[]): void }
					).setKeysForSync.bind(memento),
				}
			: {}),
	} as Partial<Record<keyof T, unknown>>);
}
