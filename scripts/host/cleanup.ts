/**
 * Cleanup that also runs on Ctrl-C or SIGTERM: servers started in their own process group would otherwise outlive the
 * driver, and temporary profiles would stay behind.
 */
type Task = () => Promise<void> | void;

const tasks: Task[] = [];
let installed = false;

/** Registers `task` (run last-in, first-out) and returns a function that runs it now and unregisters it. */
export function onCleanup(task: Task): () => Promise<void> {
	installSignalHandlers();
	tasks.push(task);
	return async () => {
		const index = tasks.lastIndexOf(task);
		if (index >= 0) {
			tasks.splice(index, 1);
			await task();
		}
	};
}

export async function cleanupAll(): Promise<void> {
	while (tasks.length > 0) {
		const task = tasks.pop();
		try {
			await task?.();
		} catch (error) {
			console.error('cleanup failed:', error);
		}
	}
}

/** A driver's end: its exit code (1 when it threw), once everything registered here is cleaned up. */
export async function exitWhenDone(run: Promise<number>): Promise<never> {
	const code = await run.catch((error: unknown) => {
		console.error(error);
		return 1;
	});
	await cleanupAll();
	process.exit(code);
}

function installSignalHandlers(): void {
	if (installed) {
		return;
	}
	installed = true;
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		// `on`, not `once`: Ctrl-C under `npm start` reaches this process twice (from the terminal, and relayed by
		// npm/tsx), and a second signal without a handler would kill it mid-cleanup. Cleanup is bounded (a server
		// that ignores SIGTERM gets SIGKILL after 5 s), so the repeats are simply ignored.
		process.on(signal, () => {
			if (stopping) {
				return;
			}
			stopping = true;
			console.error(`\n${signal}: stopping…`);
			void cleanupAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		});
	}
}
