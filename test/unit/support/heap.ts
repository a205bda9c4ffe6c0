/**
 * Heap figures for the soak test. `global.gc` exists only under `node --expose-gc` (`npm run soak`); without it the
 * heap is not measured, since without a collection first the figures are mostly garbage not yet collected.
 */
type Collect = () => void;

export function collector(): Collect | undefined {
	const gc = (globalThis as { gc?: unknown }).gc;
	return typeof gc === 'function' ? (gc as Collect) : undefined;
}

/** Heap in use after full collections (several: weak references and finalizers free more on the second pass). */
export function settledHeapBytes(gc: Collect): number {
	for (let i = 0; i < 4; i++) {
		gc();
	}
	return process.memoryUsage().heapUsed;
}

export function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Timers (and immediates) keeping Node's event loop alive, by Node's own accounting: a leaked one shows here. */
export function activeTimers(): number {
	return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'Immediate').length;
}
