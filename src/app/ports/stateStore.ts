/** Non-secret per-user state. `vscode.Memento` (`context.globalState`) satisfies it directly. */
export interface StateStore {
	get(key: string): unknown;
	update(key: string, value: unknown): PromiseLike<void>;
}
