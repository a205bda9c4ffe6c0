import type { Browser } from 'playwright-core';
import type { VscodeHost } from '../../../scripts/host/vscodeHost';
import type { Sandbox } from '../../../test/sandbox/sandboxServer';
import { fmt, percentile } from '../../stats';
import { renderTable } from '../../table';
import type { UiContender } from '../contenders';
import { benchSettings, MINIMAL, OURS } from '../contenders';
import { reportFailure } from '../failure';
import { enterSecret } from '../flows';
import { interleaved, timedGet } from '../latency';
import { PAGE_MARKS } from '../pageMarks';
import { openUiSession } from '../uiSession';

/** The trace categories that hold the renderer's tasks and the user-timing marks. */
const CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', '__metadata'];

interface TraceEvent {
	readonly name: string;
	readonly ph: string;
	readonly ts: number;
	readonly dur?: number;
	readonly pid: number;
	readonly tid: number;
	readonly args?: { readonly name?: string };
}

/** One timed Enter seen from the workbench's main thread, in ms. */
export interface WorkbenchSplit {
	/** Enter → the token's clipboard write. */
	readonly totalMs: number;
	/** Time the main thread spent running tasks in that window (handling the key, closing the picker, painting, …). */
	readonly busyMs: number;
	/** The rest: the workbench idle, waiting for the extension host's answer. */
	readonly waitingMs: number;
}

/**
 * Splits Enter → clipboard write into the workbench's own work and its wait for the extension host, from a Chromium
 * trace of the page: the union of the main thread's top-level tasks between the two marks is busy, the rest waiting.
 */
export function splitRun(events: readonly TraceEvent[]): WorkbenchSplit {
	const write = events.filter((event) => event.name === 'bench-write').at(-1);
	const enter = events.filter((event) => event.name === 'bench-enter' && write && event.ts < write.ts).at(-1);
	if (write === undefined || enter === undefined) {
		throw new Error('the trace holds no Enter followed by a clipboard write');
	}
	const mainThread = events.find(
		(event) => event.name === 'thread_name' && event.pid === enter.pid && event.args?.name === 'CrRendererMain',
	);
	const tid = mainThread?.tid ?? enter.tid;
	const tasks = events
		.filter(
			(event) =>
				event.pid === enter.pid &&
				event.tid === tid &&
				event.ph === 'X' &&
				event.name === 'ThreadControllerImpl::RunTask',
		)
		.map((event) => [Math.max(event.ts, enter.ts), Math.min(event.ts + (event.dur ?? 0), write.ts)] as const)
		.filter(([start, end]) => end > start)
		.sort((a, b) => a[0] - b[0]);
	let busyUs = 0;
	let coveredUntil = enter.ts;
	for (const [start, end] of tasks) {
		// Nested tasks overlap their parent: count each microsecond once.
		const from = Math.max(start, coveredUntil);
		if (end > from) {
			busyUs += end - from;
			coveredUntil = end;
		}
	}
	const totalMs = (write.ts - enter.ts) / 1000;
	return { totalMs, busyMs: busyUs / 1000, waitingMs: totalMs - busyUs / 1000 };
}

/**
 * `npm run bench:ui -- --workbench-trace`: cached and uncached Gets of both extensions (interleaved, as the latency
 * bench), each under a Chromium trace of the workbench page, printed as medians of the split above. This is how issue
 * 13 found that the workbench was idle for most of our extra time: the extension host answered late.
 */
export async function runWorkbenchTrace(
	host: VscodeHost,
	vsixes: { ours: string; minimal: string },
	sandbox: Sandbox,
	runs: number,
): Promise<void> {
	const session = await openUiSession(host, {
		vsix: [vsixes.ours, vsixes.minimal],
		settings: benchSettings(sandbox.url, 2),
		// Its `bench-enter` and `bench-write` performance marks are on the trace's clock.
		initScripts: [PAGE_MARKS],
	});
	const { wb } = session;
	try {
		await wb.statusBarItem('minimalWechatToken.status').waitFor({ timeout: 90_000 });
		const browser = wb.page.context().browser() as Browser;
		sandbox.setTokenLifetimeSeconds(240);
		await enterSecret(wb, sandbox, OURS, true);
		await enterSecret(wb, sandbox, MINIMAL, true);
		// Warm-up: our first Get loads the HTTP client.
		await timedGet(wb, sandbox, OURS, { pick: true, requests: 1 });
		const traced = async (contender: UiContender, requests: 0 | 1): Promise<WorkbenchSplit> => {
			await browser.startTracing(wb.page, { categories: CATEGORIES });
			let events: TraceEvent[];
			try {
				await timedGet(wb, sandbox, contender, { pick: true, requests });
			} finally {
				// Also after a failed run: tracing must not stay on.
				events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
					.traceEvents;
			}
			return splitRun(events);
		};
		const results: [string, Map<string, WorkbenchSplit[]>][] = [];
		results.push(['uncached', await interleaved(runs, [OURS, MINIMAL], (contender) => traced(contender, 1))]);
		sandbox.setTokenLifetimeSeconds(7200);
		sandbox.advance(240);
		for (const contender of [OURS, MINIMAL]) {
			await timedGet(wb, sandbox, contender, { pick: true, requests: 1 });
		}
		results.push(['cached', await interleaved(runs, [OURS, MINIMAL], (contender) => traced(contender, 0))]);
		printSplits(results, runs);
	} catch (error) {
		await reportFailure(wb, 'the workbench trace');
		throw error;
	} finally {
		await session.stop();
	}
}

function printSplits(results: readonly [string, Map<string, WorkbenchSplit[]>][], runs: number): void {
	const median = (splits: readonly WorkbenchSplit[], key: keyof WorkbenchSplit): string =>
		fmt(
			percentile(
				splits.map((split) => split[key]),
				50,
			),
		);
	const rows = results.flatMap(([mode, byContender]) =>
		[OURS, MINIMAL].map((contender) => {
			const splits = byContender.get(contender.key) ?? [];
			return [
				`${mode}, ${contender.key}`,
				median(splits, 'totalMs'),
				median(splits, 'busyMs'),
				median(splits, 'waitingMs'),
			];
		}),
	);
	console.log(
		`\nEnter → clipboard write, seen from the workbench's main thread (Chromium trace), ms, medians of ${runs} runs\n`,
	);
	console.log(renderTable(['', 'Enter → write', 'workbench busy', 'waiting for the extension host'], rows));
}
