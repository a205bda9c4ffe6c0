/**
 * `npm run bench:ui`: the packaged extension against a minimal extension doing the same job with raw `vscode` +
 * `node:http` (test/e2e/fixtures/minimal-extension), both in one code-server window, driven the same way from the
 * user's last Enter to the token on the clipboard, interleaved; then the extension host's activation and memory.
 * `--trace` instead traces where our Get and Refresh spend that time in the extension host, `--workbench-trace` how
 * the workbench spends it (its own work against waiting for the extension host). See bench/README.md.
 */
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { packageVsix } from '../../test/e2e/support/rootHooks';
import { ensureVscodeHost } from '../../scripts/host/vscodeHost';
import { startSandbox } from '../../test/sandbox/sandboxServer';
import { fmt } from '../stats';
import { benchSettings, MINIMAL, OURS } from './contenders';
import { enterSecret } from './flows';
import { interleaved, timedGet } from './latency';
import type { TimedRun } from './latency';
import { measureHost } from './hostPhase';
import { reportFailure } from './failure';
import { PAGE_MARKS } from './pageMarks';
import { printHostTables, printLatencyTables } from './report';
import type { TraceScenario } from './trace/traceRun';
import { runTrace, TRACE_SCENARIOS } from './trace/traceRun';
import { runWorkbenchTrace } from './trace/workbenchTrace';
import { openUiSession, packageMinimalExtension } from './uiSession';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const numberArg = (name: string, fallback: number): number => {
	const given = args.find((arg) => arg.startsWith(`--${name}=`));
	return given === undefined ? fallback : Number(given.slice(name.length + 3));
};
/** `--trace` (every scenario) or `--trace=uncached,cached`; undefined: no trace, the benchmark. */
function traceScenarios(): Set<TraceScenario> | undefined {
	const given = args.find((arg) => arg === '--trace' || arg.startsWith('--trace='));
	if (given === undefined) {
		return undefined;
	}
	const names = given === '--trace' ? [...TRACE_SCENARIOS] : given.slice('--trace='.length).split(',');
	const unknown = names.filter((name) => !(TRACE_SCENARIOS as readonly string[]).includes(name));
	if (unknown.length > 0) {
		throw new Error(`unknown trace scenario(s) ${unknown.join(', ')}; known: ${TRACE_SCENARIOS.join(', ')}`);
	}
	return new Set(names as TraceScenario[]);
}

const APP_COUNT: 1 | 2 = args.includes('--one-app') ? 1 : 2;
const PLAN = {
	/** Timed runs per contender and case; 15 gives a median that moves by a few ms between runs on the 2-core VM. */
	runs: numberArg('runs', QUICK ? 5 : 15),
	/** Fresh code-server profiles per configuration for activation and memory. */
	hostRounds: numberArg('host-rounds', QUICK ? 1 : 3),
	appCount: APP_COUNT,
	latency: !args.includes('--no-latency'),
	host: !args.includes('--no-host'),
	trace: traceScenarios(),
	workbenchTrace: args.includes('--workbench-trace'),
};

function progress(message: string): void {
	process.stderr.write(`[bench:ui] ${message}\n`);
}

/** The .vsix a release would be, checked to hold no test fixture. */
function packagedExtension(): string {
	const vsix = packageVsix();
	// File names sit uncompressed in a zip's directory: a fixture that slipped past .vscodeignore would show here.
	const bytes = readFileSync(vsix);
	for (const needle of ['minimal-extension', 'extension/test/', 'extension/bench/']) {
		if (bytes.includes(needle)) {
			throw new Error(`${path.basename(vsix)} contains ${needle}: check .vscodeignore`);
		}
	}
	return vsix;
}

async function latencyPhase(
	vsix: string,
	minimalVsix: string,
	sandbox: Awaited<ReturnType<typeof startSandbox>>,
): Promise<{ uncached: Map<string, TimedRun[]>; cached: Map<string, TimedRun[]>; firstGet: TimedRun }> {
	const host = ensureVscodeHost();
	const pick = PLAN.appCount === 2;
	const session = await openUiSession(host, {
		vsix: [vsix, minimalVsix],
		settings: benchSettings(sandbox.url, PLAN.appCount),
		initScripts: [PAGE_MARKS],
	});
	try {
		const { wb } = session;
		await wb.statusBarItem('minimalWechatToken.status').waitFor({ timeout: 90_000 });
		await wb.page
			.locator('.activitybar .action-item .action-label[aria-label^="WeChat Access Token"]')
			.first()
			.waitFor({ timeout: 90_000 });
		// Uncached: a token shorter than the 5-minute refresh margin (both extensions use it) is never reused.
		sandbox.setTokenLifetimeSeconds(240);
		await enterSecret(wb, sandbox, OURS, pick);
		await enterSecret(wb, sandbox, MINIMAL, pick);
		const uncachedRun = (contender: typeof OURS) => timedGet(wb, sandbox, contender, { pick, requests: 1 });
		const firstGet = await uncachedRun(OURS);
		progress(`ours, first Get after start (loads the HTTP client): ${fmt(firstGet.clipboardMs)} ms`);
		await uncachedRun(MINIMAL);
		const log = (mode: string) => (contender: typeof OURS, run: TimedRun, round: number) =>
			progress(
				`${mode} ${round + 1}/${PLAN.runs} ${contender.key.padEnd(7)} Enter → clipboard ${fmt(run.clipboardMs)} ms`,
			);
		const uncached = await interleaved(PLAN.runs, [OURS, MINIMAL], uncachedRun, log('uncached'));
		// Cached: 2-hour tokens again (the 4-minute one dies at the sandbox); one Get each fetches one, then none.
		sandbox.setTokenLifetimeSeconds(7200);
		sandbox.advance(240);
		for (const contender of [OURS, MINIMAL]) {
			await uncachedRun(contender);
		}
		const cached = await interleaved(
			PLAN.runs,
			[OURS, MINIMAL],
			(contender) => timedGet(wb, sandbox, contender, { pick, requests: 0 }),
			log('cached'),
		);
		return { uncached, cached, firstGet };
	} catch (error) {
		await reportFailure(session.wb, 'the latency runs');
		throw error;
	} finally {
		await session.stop();
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const host = ensureVscodeHost();
	progress(`VS Code ${host.vscodeVersion} (code-server); packaging the extension…`);
	const vsix = packagedExtension();
	const minimalVsix = packageMinimalExtension();
	const sandbox = await startSandbox({ port: 0 });
	try {
		if (PLAN.workbenchTrace) {
			await runWorkbenchTrace(host, { ours: vsix, minimal: minimalVsix }, sandbox, PLAN.runs);
			return;
		}
		if (PLAN.trace !== undefined) {
			await runTrace(host, vsix, sandbox, PLAN.runs, PLAN.trace);
			return;
		}
		if (PLAN.latency) {
			const latency = await latencyPhase(vsix, minimalVsix, sandbox);
			printLatencyTables(latency, {
				runs: PLAN.runs,
				pick: PLAN.appCount === 2,
				vscodeVersion: host.vscodeVersion,
			});
		}
		if (PLAN.host) {
			const measured = await measureHost(
				host,
				{ ours: vsix, minimal: minimalVsix },
				sandbox,
				PLAN.hostRounds,
				progress,
			);
			printHostTables(measured, PLAN.hostRounds);
		}
	} finally {
		await sandbox.close();
		rmSync(path.dirname(minimalVsix), { recursive: true, force: true });
		progress(`done in ${Math.round((Date.now() - started) / 1000)} s`);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
