/**
 * Collects `unhandledRejection`s while a suite runs, so a test can fail on a promise nobody awaited (a crash waiting to
 * happen in the extension host) instead of that surfacing, or not, in some later test.
 */
export function watchUnhandledRejections(): { readonly seen: unknown[]; settle(): Promise<unknown[]> } {
	const seen: unknown[] = [];
	const listener = (reason: unknown): void => void seen.push(reason);
	before(() => {
		process.on('unhandledRejection', listener);
	});
	after(() => {
		process.off('unhandledRejection', listener);
	});
	return {
		seen,
		/** Lets pending rejections be reported (they are, one macrotask later), then returns all seen so far. */
		async settle(): Promise<unknown[]> {
			await new Promise((resolve) => setImmediate(resolve));
			await new Promise((resolve) => setImmediate(resolve));
			return seen;
		},
	};
}
