import { cancelledError } from '../errors';

/** Rejects with a `cancelled` TokenError at once if the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw cancelledError();
	}
}

/** Waits `ms`, or rejects with `cancelled` as soon as the signal fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(cancelledError());
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(cancelledError());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Settles like `promise`, or rejects with `cancelled` when the signal fires first. The promise itself goes on;
 * callers use this to stop waiting for work that others still share.
 */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) {
		return promise;
	}
	if (signal.aborted) {
		return Promise.reject(cancelledError());
	}
	return new Promise<T>((resolve, reject) => {
		const onAbort = (): void => reject(cancelledError());
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes the original through unchanged
				reject(error);
			},
		);
	});
}
