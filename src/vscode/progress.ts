import * as vscode from 'vscode';

/**
 * Runs `task` under a cancellable progress notification. Cancelling aborts the signal the task got, which the core
 * turns into a `cancelled` TokenError (shown by nobody).
 */
export async function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
	return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
		const controller = new AbortController();
		const subscription = token.onCancellationRequested(() => controller.abort());
		try {
			if (token.isCancellationRequested) {
				controller.abort();
			}
			return await task(controller.signal);
		} finally {
			subscription.dispose();
		}
	});
}
