/**
 * The log seam. `vscode.LogOutputChannel` satisfies it directly. Lines are `[component] message`; a message never
 * holds a secret, and tokens only masked (`maskToken`).
 */
export interface Log {
	info(message: string): void;
	warn(message: string): void;
	error(message: string | Error): void;
	debug(message: string): void;
}

/** Prefixes every line with `[component]`. Errors keep their stack. */
export function scopedLog(log: Log, component: string): Log {
	const prefix = `[${component}] `;
	return {
		info: (message) => log.info(prefix + message),
		warn: (message) => log.warn(prefix + message),
		debug: (message) => log.debug(prefix + message),
		error: (message) =>
			log.error(typeof message === 'string' ? prefix + message : `${prefix}${message.stack ?? message.message}`),
	};
}

export const silentLog: Log = {
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
	debug: () => undefined,
};

/** An error's message, for a log line or an error that wraps it. */
export function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
