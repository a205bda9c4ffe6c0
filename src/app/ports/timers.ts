/**
 * One-shot timers, injectable so tests can move time without patching Node's globals (a fake clock that also
 * replaced the HTTP stack's timers would stall the loopback requests the tests make). Node's globals satisfy it.
 */
export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/** Looked up at every call, so a test that installs fake timers globally still controls them. */
export const systemTimers: Timers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
