import * as diagnostics from 'node:diagnostics_channel';
import { mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** One timestamped step, on the clock the page's marks use (epoch ms, sub-millisecond). */
export interface TraceMark {
	readonly at: number;
	readonly step: string;
}

/** Everything traced from one command's start until `TAIL_MS` after it returned. */
export interface TraceRecord {
	readonly command: string;
	readonly marks: readonly TraceMark[];
}

/** Work a command leaves behind (tree and status-bar refreshes, the message) lands within this. */
const TAIL_MS = 1500;
export const TRACE_FILE_NAME = 'bench-trace.jsonl';

let file: string | undefined;
let open: { command: string; marks: TraceMark[]; timer?: NodeJS.Timeout } | undefined;

function now(): number {
	return performance.timeOrigin + performance.now();
}

/**
 * Starts recording into `<logDir>/bench-trace.jsonl` (the extension's log folder, under the profile's
 * logs/…/exthost*). Steps are names and key kinds only: never a secret, a token or a key's identity.
 */
export function startTraceRecorder(logDir: string): void {
	mkdirSync(logDir, { recursive: true });
	file = path.join(logDir, TRACE_FILE_NAME);
	// Node's own HTTP instrumentation: sees axios's request leave and its response end without touching the client.
	diagnostics.subscribe('net.client.socket', () => mark('socket: connecting'));
	diagnostics.subscribe('http.client.request.start', () => mark('http: request sent'));
	diagnostics.subscribe('http.client.response.finish', () => mark('http: response received'));
}

/** Records a step of the command under way (nothing when none is). */
export function mark(step: string): void {
	open?.marks.push({ at: now(), step });
}

/** Opens a record for a command; earlier records still in their tail are written first. */
export function beginCommand(command: string): void {
	if (open !== undefined) {
		flush();
	}
	open = { command, marks: [] };
	mark(`command ${command}: handler called`);
}

/** The command's handler returned: keep recording for the tail, then write the record. */
export function endCommand(): void {
	mark('command: handler returned');
	const record = open;
	if (record !== undefined) {
		record.timer = setTimeout(() => {
			if (open === record) {
				flush();
			}
		}, TAIL_MS);
	}
}

function flush(): void {
	const record = open;
	open = undefined;
	if (record === undefined || file === undefined) {
		return;
	}
	clearTimeout(record.timer);
	const line = JSON.stringify({ command: record.command, marks: record.marks } satisfies TraceRecord);
	fs.appendFile(file, `${line}\n`).catch(() => undefined);
}

/** Marks `step` now and `step: done` when the promise settles; returns the same promise. */
export function markPromise<T>(step: string, promise: PromiseLike<T>): PromiseLike<T> {
	mark(step);
	return promise.then(
		(value) => {
			mark(`${step}: done`);
			return value;
		},
		(error: unknown) => {
			mark(`${step}: failed`);
			throw error;
		},
	);
}
