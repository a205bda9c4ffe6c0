import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeServer } from '../../../scripts/host/codeServer';
import { User } from '../../../test/e2e/support/user';
import type { VscodeHost } from '../../../scripts/host/vscodeHost';
import type { Workbench } from '../../../test/e2e/support/workbench';
import { SANDBOX_WECHAT_APP_2 } from '../../../test/sandbox/fixtures';
import type { Sandbox } from '../../../test/sandbox/sandboxServer';
import { fmt, percentile } from '../../stats';
import { renderTable } from '../../table';
import { BENCH_APP } from '../contenders';
import { logFiles } from '../hostMetrics';
import type { Expectation, TimedRun } from '../latency';
import { focusedRow, timedEnter } from '../latency';
import { reportFailure } from '../failure';
import { PAGE_MARKS } from '../pageMarks';
import { openUiSession } from '../uiSession';
import { buildTracedExtension } from './traceBuild';
import type { TraceRecord } from './traceRecorder';
import { TRACE_FILE_NAME } from './traceRecorder';

const CLASSIC_APP = { name: 'Legacy', ...SANDBOX_WECHAT_APP_2 } as const;
const GET = 'Get WeChat Access Token';
const REFRESH = 'Refresh WeChat Access Token';

/** Swaps the traced bundle in for the installed extension's dist/extension.js (installed from the .vsix as usual). */
function installTracedBundle(server: CodeServer, bundle: string): void {
	const installed = readdirSync(server.extensionsDir).find((name) =>
		name.startsWith('wechat-access-token.wechat-access-token-'),
	);
	if (installed === undefined) {
		throw new Error(`the extension is not installed in ${server.extensionsDir}`);
	}
	copyFileSync(bundle, path.join(server.extensionsDir, installed, 'dist', 'extension.js'));
}

function readRecords(server: CodeServer): TraceRecord[] {
	return logFiles(server, new RegExp(`${TRACE_FILE_NAME.replace('.', '\\.')}$`))
		.flatMap((file) => readFileSync(file, 'utf8').split('\n'))
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as TraceRecord);
}

/** The record of the command the timed Enter completed (written once its tail is over). */
async function recordFor(server: CodeServer, wb: Workbench, command: string, run: TimedRun): Promise<TraceRecord> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const record = readRecords(server)
			.filter((each) => each.command === command && each.marks.some((mark) => mark.at >= run.enterAt))
			.at(-1);
		if (record !== undefined) {
			return record;
		}
		if (Date.now() > deadline) {
			throw new Error(`no trace record of ${command} after the Enter`);
		}
		await wb.page.waitForTimeout(200);
	}
}

/** One run's steps, ms from the Enter keydown; a step seen twice is numbered (`secrets.get appSecret #2`). */
function steps(record: TraceRecord, run: TimedRun): Map<string, number> {
	const out = new Map<string, number>([['Enter keydown (page)', 0]]);
	const seen = new Map<string, number>();
	const add = (step: string, ms: number): void => {
		const count = (seen.get(step) ?? 0) + 1;
		seen.set(step, count);
		out.set(count === 1 ? step : `${step} #${count}`, ms);
	};
	for (const mark of record.marks) {
		add(mark.step, mark.at - run.enterAt);
	}
	add('clipboard written (page)', run.clipboardMs);
	for (const toast of run.toasts) {
		add(
			/Getting the access token/.test(toast.text)
				? 'progress toast shown (page)'
				: /Copied/.test(toast.text)
					? '"Copied" toast shown (page)'
					: 'other toast shown (page)',
			toast.ms,
		);
	}
	return out;
}

/** SecretStorage calls completed before the token reached the clipboard, and in the whole command. */
function secretRoundTrips(record: TraceRecord): { beforeClipboard: number; total: number } {
	const write = record.marks.find((mark) => mark.step === 'clipboard.writeText')?.at ?? Number.POSITIVE_INFINITY;
	const done = record.marks.filter((mark) => /^secrets\.\w+ .*: done$/.test(mark.step));
	return { beforeClipboard: done.filter((mark) => mark.at <= write).length, total: done.length };
}

function printScenario(title: string, runs: readonly { record: TraceRecord; run: TimedRun }[]): void {
	const perRun = runs.map(({ record, run }) => steps(record, run));
	const names = [...new Set(perRun.flatMap((each) => [...each.keys()]))];
	const rows = names
		.map((name) => {
			const values = perRun.flatMap((each) => (each.has(name) ? [each.get(name) as number] : []));
			return { name, median: percentile(values, 50), seenIn: values.length };
		})
		.sort((a, b) => a.median - b.median);
	let previous = 0;
	const table = rows.map((row) => {
		const line = [
			row.name,
			fmt(row.median),
			row.median >= 0 ? fmt(row.median - previous) : '',
			row.seenIn === runs.length ? '' : `${row.seenIn}/${runs.length} runs`,
		];
		if (row.median >= 0) {
			previous = row.median;
		}
		return line;
	});
	const trips = runs.map(({ record }) => secretRoundTrips(record));
	console.log(`\n${title}: ms from the Enter keydown, median of ${runs.length} run(s)\n`);
	console.log(renderTable(['step', 'at', 'Δ', 'note'], table));
	console.log(
		`SecretStorage round trips: ${fmt(
			percentile(
				trips.map((each) => each.beforeClipboard),
				50,
			),
		)} before the clipboard, ` +
			`${fmt(
				percentile(
					trips.map((each) => each.total),
					50,
				),
			)} in all (medians).`,
	);
}

/**
 * `npm run bench:ui -- --trace`: our extension, built with `vscode` and SecretStorage timestamped at its boundary
 * (see traceBuild.ts), in code-server; traces Get (first after start, uncached, cached), Refresh ("Get Current Token")
 * and a classic Get (the cross-window lease), each a few times, and prints each step's time from the Enter.
 * `--trace=cached,classic` runs only those scenarios.
 */
export const TRACE_SCENARIOS = ['first', 'uncached', 'refresh', 'cached', 'classic'] as const;
export type TraceScenario = (typeof TRACE_SCENARIOS)[number];

export async function runTrace(
	host: VscodeHost,
	vsix: string,
	sandbox: Sandbox,
	runs: number,
	scenarios: ReadonlySet<TraceScenario>,
): Promise<void> {
	const want = (scenario: TraceScenario): boolean => scenarios.has(scenario);
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'wat-trace-'));
	const bundle = path.join(scratch, 'extension.js');
	await buildTracedExtension(bundle);
	const session = await openUiSession(host, {
		vsix: [vsix],
		beforeStart: (server) => installTracedBundle(server, bundle),
		settings: {
			'wechatAccessToken.apps': [
				{ name: BENCH_APP.name, appId: BENCH_APP.appId, source: 'wechat-stable', host: sandbox.url },
				{ name: CLASSIC_APP.name, appId: CLASSIC_APP.appId, source: 'wechat', host: sandbox.url },
			],
			'wechatAccessToken.notifyBeforeExpiry': false,
		},
		initScripts: [PAGE_MARKS],
	});
	try {
		const { wb, server } = session;
		const user = new User(wb);
		await user.openAppsView();
		await user.setCredentials(BENCH_APP.name, [{ field: /WeChat AppSecret/, value: BENCH_APP.appSecret }]);
		await user.setCredentials(CLASSIC_APP.name, [{ field: /WeChat AppSecret/, value: CLASSIC_APP.appSecret }]);
		sandbox.setTokenLifetimeSeconds(240);

		const pickThen = (title: string, placeholder: RegExp, app: string) => async (): Promise<void> => {
			await wb.runCommand(title);
			await wb.waitForInput(placeholder);
			if (app !== BENCH_APP.name) {
				// Not the first row: typed into the picker's filter, as a user with several apps does.
				await wb.quickInput.locator('input.input').fill(app);
			}
			await focusedRow(wb, app);
		};
		const getStable: Expectation = {
			appId: BENCH_APP.appId,
			lineage: 'stable',
			requests: 1,
			label: 'Get',
			prepare: pickThen(GET, /Get the access token of which app\?/, BENCH_APP.name),
		};
		const traced = async (command: string, expect: Expectation, count: number) => {
			const out: { record: TraceRecord; run: TimedRun }[] = [];
			for (let i = 0; i < count; i++) {
				const run = await timedEnter(wb, sandbox, expect);
				out.push({ record: await recordFor(server, wb, command, run), run });
			}
			return out;
		};

		// The first Get runs anyway: it loads the HTTP client, which the scenarios after it must not pay.
		const first = await traced('getToken', getStable, 1);
		if (want('first')) {
			printScenario('Get, first after start (stable token, uncached: loads the HTTP client)', first);
		}
		if (want('uncached')) {
			printScenario('Get, uncached (stable token, one request)', await traced('getToken', getStable, runs));
		}

		const refresh: Expectation = {
			...getStable,
			label: 'Refresh',
			prepare: async () => {
				await pickThen(REFRESH, /Refresh the access token of which app\?/, BENCH_APP.name)();
				await wb.page.keyboard.press('Enter');
				// The modal's first button, "Get Current Token", has the focus: the timed Enter presses it.
				await wb.page
					.locator('.monaco-dialog-box .monaco-button:focus', { hasText: 'Get Current Token' })
					.waitFor({ timeout: 30_000 });
			},
		};
		if (want('refresh')) {
			printScenario(
				'Refresh → "Get Current Token" (stable token, one request)',
				await traced('refreshToken', refresh, runs),
			);
		}

		if (want('cached')) {
			sandbox.setTokenLifetimeSeconds(7200);
			sandbox.advance(240);
			await timedEnter(wb, sandbox, getStable);
			printScenario(
				'Get, cached (stable token, no request)',
				await traced('getToken', { ...getStable, requests: 0 }, runs),
			);
		}

		if (!want('classic')) {
			return;
		}
		sandbox.setTokenLifetimeSeconds(240);
		const getClassic: Expectation = {
			appId: CLASSIC_APP.appId,
			lineage: 'classic',
			requests: 1,
			label: 'classic Get',
			prepare: async () => {
				await pickThen(GET, /Get the access token of which app\?/, CLASSIC_APP.name)();
				await wb.page.keyboard.press('Enter');
				// The user's next classic token within 5 minutes of the last asks again (ClassicMintGuard): the timed Enter
				// presses the modal's focused "Get New Token".
				await wb.page
					.locator('.monaco-dialog-box .monaco-button:focus', { hasText: 'Get New Token' })
					.waitFor({ timeout: 30_000 });
			},
		};
		// Once per app: the user allows the classic endpoint (a modal); not timed.
		await wb.writeClipboard('-');
		await pickThen(GET, /Get the access token of which app\?/, CLASSIC_APP.name)();
		await wb.page.keyboard.press('Enter');
		await wb.clickDialogButton('Allow for This App');
		await wb.waitForClipboardChange('-');
		await wb.dismissAll();
		printScenario(
			'Get, uncached (classic token: cross-window lease, one request; the timed Enter confirms the modal)',
			await traced('getToken', getClassic, runs),
		);
	} catch (error) {
		await reportFailure(session.wb, 'the trace');
		throw error;
	} finally {
		await session.stop();
		rmSync(scratch, { recursive: true, force: true });
	}
}
