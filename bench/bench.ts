/**
 * `npm run bench`: our token client against the official authing-node-sdk and the floor (Node's own http), on the
 * loopback sandbox, plus the cached path, 1000 concurrent callers and the extension's own cost. One table, each cell
 * `median (p10–p90)` over repeated, interleaved runs. See bench/README.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { TokenCache } from '../src/core/tokenCache';
import { bundleActivateProbe, bundleClient, makeScratchDir } from './build';
import type { ColdStartSample } from './coldStart';
import { coldStartSamples, coldStartScripts } from './coldStart';
import type { Call } from './contenders';
import { createContenders } from './contenders';
import type { ActivateSamples, DistSizes, Measured } from './extensionCost';
import { activateSamples, buildDist, packageVsix, startupActivation } from './extensionCost';
import { AUTHING_INFO_PATH, startRemoteSandbox } from './sandboxProcess';
import type { RemoteSandbox } from './sandboxProcess';
import type { Summary } from './stats';
import { fmt, fmtSummary, nowMs, summarize } from './stats';
import { renderTable } from './table';

const QUICK = process.argv.includes('--quick');

/** Sized for about a minute on two cores; `--quick` for a smoke run. */
const PLAN = {
	warmupCalls: QUICK ? 50 : 400,
	latencyRounds: QUICK ? 5 : 25,
	latencyCallsPerRun: QUICK ? 50 : 200,
	throughputRounds: QUICK ? 3 : 11,
	throughputCallsPerRun: QUICK ? 200 : 1000,
	inFlight: 8,
	cachedRuns: QUICK ? 5 : 21,
	cachedCallsPerRun: QUICK ? 2000 : 20_000,
	concurrentRuns: QUICK ? 2 : 7,
	concurrentCallers: 1000,
	coldStartSamples: QUICK ? 3 : 15,
	activateSamples: QUICK ? 3 : 15,
} as const;

type Contender = 'ours' | 'sdk' | 'floor';
const CONTENDERS: readonly Contender[] = ['ours', 'sdk', 'floor'];

/** Rotates who goes first each round, so drift and warm caches favour nobody. */
function roundOrder<T>(items: readonly T[], round: number): T[] {
	return items.map((_, i) => items[(round + i) % items.length] as T);
}

async function sequentialMsPerCall(call: Call, calls: number): Promise<number> {
	const started = nowMs();
	for (let i = 0; i < calls; i++) {
		await call();
	}
	return (nowMs() - started) / calls;
}

async function callsPerSecond(call: Call, calls: number, inFlight: number): Promise<number> {
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < calls) {
			next++;
			await call();
		}
	};
	const started = nowMs();
	await Promise.all(Array.from({ length: inFlight }, worker));
	return calls / ((nowMs() - started) / 1000);
}

/** Per-round ratios a/b (paired by round, so drift cancels), summarized. */
function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
	return summarize(a.map((value, i) => value / (b[i] ?? Number.NaN)));
}

function progress(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

interface ConcurrencyRun {
	readonly upstream: number;
	readonly ms: number;
	readonly failures: number;
}

async function concurrent(
	sandbox: RemoteSandbox,
	callers: number,
	run: () => Promise<string>,
): Promise<ConcurrencyRun> {
	await sandbox.reset();
	const started = nowMs();
	const results = await Promise.allSettled(Array.from({ length: callers }, run));
	const ms = nowMs() - started;
	return {
		upstream: await sandbox.count(AUTHING_INFO_PATH),
		ms,
		failures: results.filter((r) => r.status === 'rejected').length,
	};
}

async function main(): Promise<void> {
	const wallStarted = nowMs();
	const loadBefore = os.loadavg()[0] ?? Number.NaN;
	const scratch = makeScratchDir();
	const sandbox = await startRemoteSandbox();
	try {
		progress(`sandbox on ${sandbox.url} (own process); bundling the client`);
		const clientBundle = await bundleClient(scratch);
		const probe = await bundleActivateProbe(scratch);
		const contenders = createContenders(sandbox.url);
		const calls: Record<Contender, Call> = { ours: contenders.ours, sdk: contenders.sdk, floor: contenders.floor };

		// Same sandbox, same payload, same answer: all three must return the very same token.
		const tokens = await Promise.all(CONTENDERS.map((name) => calls[name]()));
		if (new Set(tokens).size !== 1) {
			throw new Error(`the contenders disagree on the token: ${tokens.join(', ')}`);
		}

		progress('warm-up');
		for (let round = 0; round < 4; round++) {
			for (const name of roundOrder(CONTENDERS, round)) {
				await sequentialMsPerCall(calls[name], PLAN.warmupCalls / 4);
			}
		}

		progress('uncached latency, sequential calls, interleaved');
		const latencyUs: Record<Contender, number[]> = { ours: [], sdk: [], floor: [] };
		for (let round = 0; round < PLAN.latencyRounds; round++) {
			for (const name of roundOrder(CONTENDERS, round)) {
				latencyUs[name].push((await sequentialMsPerCall(calls[name], PLAN.latencyCallsPerRun)) * 1000);
			}
		}

		progress(`throughput, ${PLAN.inFlight} calls in flight, interleaved`);
		const throughput: Record<Contender, number[]> = { ours: [], sdk: [], floor: [] };
		for (let round = 0; round < PLAN.throughputRounds; round++) {
			for (const name of roundOrder(CONTENDERS, round)) {
				throughput[name].push(await callsPerSecond(calls[name], PLAN.throughputCallsPerRun, PLAN.inFlight));
			}
		}

		progress('cached path');
		const cache = new TokenCache();
		await contenders.cached(cache);
		await sandbox.reset();
		const cachedUs: number[] = [];
		for (let run = 0; run < PLAN.cachedRuns; run++) {
			cachedUs.push((await sequentialMsPerCall(() => contenders.cached(cache), PLAN.cachedCallsPerRun)) * 1000);
		}
		const cachedUpstream = await sandbox.count(AUTHING_INFO_PATH);

		progress(`${PLAN.concurrentCallers} concurrent callers`);
		const concurrentRuns: Record<'ours' | 'sdk', ConcurrencyRun[]> = { ours: [], sdk: [] };
		for (let run = 0; run < PLAN.concurrentRuns; run++) {
			for (const name of roundOrder(['ours', 'sdk'] as const, run)) {
				// A fresh cache each run: the first caller misses, the other 999 must join its request.
				const fresh = new TokenCache();
				const call = name === 'ours' ? (): Promise<string> => contenders.cached(fresh) : contenders.sdk;
				concurrentRuns[name].push(await concurrent(sandbox, PLAN.concurrentCallers, call));
			}
		}
		progress(`cold start: require() + first call, in fresh processes (${PLAN.coldStartSamples} each)`);
		await sandbox.reset();
		const scripts: Record<string, string> = {
			...coldStartScripts(
				{ ours: clientBundle.file, sdk: require.resolve('authing-node-sdk') },
				contenders.request,
			),
		};
		const cold = coldStartSamples(scripts, PLAN.coldStartSamples);
		await sandbox.stop();

		progress('extension cost: node esbuild.js --production, npm run package, require + activate');
		const dist = buildDist();
		const vsix: Measured<number> = dist.ok
			? packageVsix(scratch)
			: { ok: false, reason: 'dist/extension.js does not build' };
		// Packaging ran vscode:prepublish, which rebuilt dist/extension.js the same way; time that file.
		const activation: Measured<ActivateSamples> = dist.ok
			? activateSamples(probe, PLAN.activateSamples)
			: { ok: false, reason: 'dist/extension.js does not build' };
		const startup = startupActivation();
		printReport({
			clientBytes: clientBundle.bytes,
			latencyUs,
			throughput,
			cold,
			cachedUs,
			cachedUpstream,
			concurrentRuns,
			dist,
			vsix,
			activation,
			startup,
			wallSeconds: (nowMs() - wallStarted) / 1000,
			load: [loadBefore, os.loadavg()[0] ?? Number.NaN],
		});
	} finally {
		await sandbox.stop();
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

interface Report {
	readonly clientBytes: number;
	readonly latencyUs: Record<Contender, number[]>;
	readonly throughput: Record<Contender, number[]>;
	readonly cold: Record<string, ColdStartSample[]>;
	readonly cachedUs: number[];
	readonly cachedUpstream: number;
	readonly concurrentRuns: Record<'ours' | 'sdk', ConcurrencyRun[]>;
	readonly dist: Measured<DistSizes>;
	readonly vsix: Measured<number>;
	readonly activation: Measured<ActivateSamples>;
	readonly startup: { readonly events: readonly string[]; readonly eager: boolean };
	readonly wallSeconds: number;
	/** The 1-minute load average at the start and the end: other work on the machine skews every figure. */
	readonly load: readonly [number, number];
}

const KB = 1000;

function status(met: boolean | undefined): string {
	return met === undefined ? 'n/a' : met ? 'met' : 'MISSED';
}

function printReport(r: Report): void {
	const s = (samples: readonly number[]): Summary => summarize(samples);
	const latency = { ours: s(r.latencyUs.ours), sdk: s(r.latencyUs.sdk), floor: s(r.latencyUs.floor) };
	const latencyVsFloor = pairedRatio(r.latencyUs.ours, r.latencyUs.floor);
	const coldRequire = (name: string): number[] => (r.cold[name] ?? []).map((sample) => sample.requireMs);
	const coldTotal = (name: string): number[] =>
		(r.cold[name] ?? []).map((sample) => sample.requireMs + sample.firstCallMs);
	const coldVsSdk = pairedRatio(coldRequire('ours'), coldRequire('sdk'));
	const cached = s(r.cachedUs);
	const upstreamOurs = r.concurrentRuns.ours.map((run) => run.upstream);
	const upstreamSdk = r.concurrentRuns.sdk.map((run) => run.upstream);
	const failures = [...r.concurrentRuns.ours, ...r.concurrentRuns.sdk].reduce((sum, run) => sum + run.failures, 0);
	const oursMs = r.concurrentRuns.ours.map((run) => run.ms);
	const sdkMs = r.concurrentRuns.sdk.map((run) => run.ms);
	const upstreamMet = upstreamOurs.every((count) => count === 1) && r.cachedUpstream === 0;
	// Reasons for n/a go under the table, so the table stays readable.
	const notes: string[] = [];
	const na = (reason: string): string => {
		notes.push(reason);
		return `n/a, see note ${notes.length}`;
	};
	const kb = (m: Measured<number>): string =>
		m.ok ? `${(m.value / KB).toFixed(1)} KB (${m.value} B)` : na(m.reason);
	const sizeMet = (m: Measured<number>, limitKb: number): boolean | undefined =>
		m.ok ? m.value <= limitKb * KB : undefined;
	const total = (m: Measured<DistSizes>): Measured<number> => (m.ok ? { ok: true, value: m.value.total } : m);
	const act = r.activation.ok ? r.activation.value : undefined;
	const activateTotal = act ? s(act.totalMs) : undefined;
	const withServices = act ? s(act.withServicesMs) : undefined;

	const rows: string[][] = [
		[
			'uncached call latency, µs',
			fmtSummary(latency.ours),
			fmtSummary(latency.sdk),
			fmtSummary(latency.floor),
			fmtSummary(latencyVsFloor),
			fmtSummary(pairedRatio(r.latencyUs.ours, r.latencyUs.sdk)),
			'ours ≤ 1.3× floor',
			status(latencyVsFloor.median <= 1.3),
		],
		[
			`calls/s, ${PLAN.inFlight} in flight`,
			fmtSummary(s(r.throughput.ours)),
			fmtSummary(s(r.throughput.sdk)),
			fmtSummary(s(r.throughput.floor)),
			fmtSummary(pairedRatio(r.throughput.ours, r.throughput.floor)),
			fmtSummary(pairedRatio(r.throughput.ours, r.throughput.sdk)),
			'',
			'',
		],
		[
			'cold require(), ms',
			fmtSummary(s(coldRequire('ours'))),
			fmtSummary(s(coldRequire('sdk'))),
			fmtSummary(s(coldRequire('floor'))),
			fmtSummary(pairedRatio(coldRequire('ours'), coldRequire('floor'))),
			fmtSummary(coldVsSdk),
			'ours ≤ 0.5× SDK',
			status(coldVsSdk.median <= 0.5),
		],
		[
			'cold require() + first call, ms',
			fmtSummary(s(coldTotal('ours'))),
			fmtSummary(s(coldTotal('sdk'))),
			fmtSummary(s(coldTotal('floor'))),
			fmtSummary(pairedRatio(coldTotal('ours'), coldTotal('floor'))),
			fmtSummary(pairedRatio(coldTotal('ours'), coldTotal('sdk'))),
			'',
			'',
		],
		[
			'cached call (TokenCache hit), µs',
			fmtSummary(cached),
			'n/a (no cache)',
			'',
			'',
			'',
			'< 50 µs',
			status(cached.median < 50),
		],
		[
			`${PLAN.concurrentCallers} concurrent: upstream requests`,
			fmtSummary(s(upstreamOurs)),
			fmtSummary(s(upstreamSdk)),
			'',
			'',
			fmtSummary(pairedRatio(upstreamOurs, upstreamSdk)),
			'ours exactly 1',
			status(upstreamMet),
		],
		[
			`${PLAN.concurrentCallers} concurrent: total ms`,
			fmtSummary(s(oursMs)),
			fmtSummary(s(sdkMs)),
			'',
			'',
			fmtSummary(pairedRatio(oursMs, sdkMs)),
			'',
			'',
		],
		[
			'dist/extension.js + services.js (--production)',
			kb(total(r.dist)),
			'',
			'',
			'',
			'',
			'≤ 350 KB',
			status(sizeMet(total(r.dist), 350)),
		],
		['.vsix (npm run package)', kb(r.vsix), '', '', '', '', '≤ 250 KB', status(sizeMet(r.vsix, 250))],
		[
			'require + activate() call, ms †',
			activateTotal ? fmtSummary(activateTotal) : na(r.activation.ok ? '' : r.activation.reason),
			'',
			'',
			'',
			'',
			'< 15 ms',
			status(activateTotal ? activateTotal.median < 15 : undefined),
		],
		[
			'  + services built in the next task, ms †',
			withServices ? fmtSummary(withServices) : '',
			'',
			'',
			'',
			'',
			'',
			'',
		],
		[
			'activation at VS Code start-up',
			r.startup.eager
				? `yes: ${r.startup.events.join(', ')}`
				: `none ("*" absent; events: ${r.startup.events.join(', ') || '[] (from contributes)'})`,
			'',
			'',
			'',
			'',
			'no "*"',
			status(!r.startup.eager),
		],
	];
	const header = [
		'metric',
		'ours (authing source)',
		'official SDK',
		'floor (node:http)',
		'ours ÷ floor',
		'ours ÷ SDK',
		'target',
		'status',
	];

	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	console.log('');
	console.log(
		`WeChat Access Token — benchmark (Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()})`,
	);
	console.log(
		`Cells: median (p10–p90) over runs; ratios are per-run pairs (runs interleaved round-robin), then summarized.`,
	);
	console.log('');
	console.log(renderTable(header, rows));
	notes.forEach((note, index) => console.log(`note ${index + 1}: ${note}`));
	console.log('');
	console.log(
		`Runs: latency ${PLAN.latencyRounds} × ${PLAN.latencyCallsPerRun} sequential calls per contender (after ${PLAN.warmupCalls} warm-up calls each); ` +
			`throughput ${PLAN.throughputRounds} × ${PLAN.throughputCallsPerRun} calls; cached ${PLAN.cachedRuns} × ${PLAN.cachedCallsPerRun} calls; ` +
			`concurrency ${PLAN.concurrentRuns} runs each; cold start ${PLAN.coldStartSamples} fresh processes each; activate ${PLAN.activateSamples} fresh processes.`,
	);
	console.log(
		`Sandbox: test/sandbox in its own Node process on 127.0.0.1, every request a real HTTP exchange over loopback (keep-alive for all three).`,
	);
	console.log(
		`Ours = createTokenClient().fetchToken() (source "authing"), no cache; SDK = authing-node-sdk AuthenticationClient({ appId, appHost: sandbox }).getWechatMpAccessTokenInfo(); ` +
			`floor = node:http request + JSON.parse with a keep-alive agent.`,
	);
	console.log(
		`Cold require: ours = esbuild bundle of src/core/tokenClient.ts (minified, platform node, as the extension ships it, ${(r.clientBytes / KB).toFixed(1)} KB); ` +
			`SDK = require('authing-node-sdk'); floor = require('node:http'). Only the require() is timed, not Node's start-up. ` +
			`Our client loads axios and node:http/https on its first request, so "+ first call" shows where that cost went.`,
	);
	console.log(
		`Cached: TokenCache.get(requestIdentity(request), …) on a fresh token; upstream requests during the cached runs: ${r.cachedUpstream}.`,
	);
	console.log(
		`Concurrency: ours through a fresh TokenCache per run; the SDK has no cache. Failed calls in all runs: ${failures}.`,
	);
	if (act) {
		console.log(
			`† dist/extension.js required and activated in plain Node with a STAND-IN for the vscode module (bench/vscodeStandIn.ts), not in VS Code: ` +
				`its APIs answer at once, so this is a lower bound. require ${fmtSummary(s(act.requireMs))} ms` +
				`${r.dist.ok ? ` (dist/extension.js, ${(r.dist.value.first / KB).toFixed(1)} KB)` : ''}, ` +
				`the activate() call ${fmtSummary(s(act.activateCallMs))} ms (with require: what VS Code counts as activation), ` +
				`until its promise resolves, services started (dist/services.js required and run) ${fmtSummary(s(act.activateMs))} ms. ` +
				`Unmodelled members touched (inert stubs): ${act.autoStubbed.length === 0 ? 'none' : act.autoStubbed.join(', ')}. ` +
				`Start-up I/O: node:net ${act.netLoaded ? 'WAS loaded (a connection may have been opened)' : 'never loaded (no connection possible)'}; ` +
				`SecretStorage get/store/delete: ${act.secretCalls.get}/${act.secretCalls.store}/${act.secretCalls.delete} (one app configured in the stand-in's settings, no secret stored).`,
		);
	} else {
		console.log(
			`† would be timed in plain Node with a STAND-IN for the vscode module (bench/vscodeStandIn.ts), not in VS Code.`,
		);
	}
	console.log(
		`KB = 1000 bytes. Whole run: ${fmt(r.wallSeconds)} s; 1-minute load average ${fmt(r.load[0])} at the start, ${fmt(r.load[1])} at the end, on ${os.cpus().length} cores.`,
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
