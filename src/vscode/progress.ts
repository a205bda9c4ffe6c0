import { withNotificationProgress } from './notifications';

/**
 * A request that answers within this never shows a progress notification: showing and hiding one costs the
 * workbench more than such a request takes, and flashes a toast the user cannot read (issue 13).
 */
export const PROGRESS_DELAY_MS = 400;

/**
 * Runs `task` at once; if it is still running after `delayMs`, shows a cancellable progress notification until it
 * ends. Cancelling aborts the signal the task got, which the core turns into a `cancelled` TokenError (shown by nobody).
 */
export async function withCancellableProgress<T>(
	title: string,
	task: (signal: AbortSignal) => Promise<T>,
	delayMs = PROGRESS_DELAY_MS,
): Promise<T> {
	const controller = new AbortController();
	const running = task(controller.signal);
	const timer = setTimeout(() => {
		void withNotificationProgress({ title, cancellable: true }, async (_progress, token) => {
			const subscription = token.onCancellationRequested(() => controller.abort());
			try {
				await running;
			} catch {
				// The caller gets the failure from `running`; the notification just closes.
			} finally {
				subscription.dispose();
			}
		});
	}, delayMs);
	try {
		return await running;
	} finally {
		clearTimeout(timer);
	}
}
