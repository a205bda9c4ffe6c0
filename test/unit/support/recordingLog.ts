import type { Log } from '../../../src/app/ports/log';

/** A log that keeps every line it is given, errors with their stacks, so tests can search all of it. */
export function recordingLog(): Log & { readonly lines: string[] } {
	const lines: string[] = [];
	const add = (message: string | Error): void =>
		void lines.push(typeof message === 'string' ? message : `${message.message}\n${message.stack ?? ''}`);
	return { lines, info: add, warn: add, error: add, debug: add };
}
