import type { StateStore } from '../../../src/app/ports/stateStore';

/** A `context.globalState` / `workspaceState` in memory, as far as the extension uses one; `values` shows what it holds. */
export function memoryStateStore(): StateStore & { readonly values: Map<string, unknown> } {
	const values = new Map<string, unknown>();
	return {
		values,
		get: (key) => values.get(key),
		update: (key, value) => Promise.resolve(void values.set(key, value)),
	};
}
