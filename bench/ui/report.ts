import { fmt, percentile, summarize } from '../stats';
import { renderTable } from '../table';
import type { HostMeasurements, HostProfile } from './hostPhase';
import type { TimedRun } from './latency';

/** The targets for ours/minimal (issue 13). */
const TARGET = { uncached: 1.3, cached: 1.2 } as const;

export interface LatencyResults {
	readonly uncached: Map<string, TimedRun[]>;
	readonly cached: Map<string, TimedRun[]>;
	readonly firstGet: TimedRun;
}

function clipboardMs(runs: readonly TimedRun[] | undefined): number[] {
	return (runs ?? []).map((run) => run.clipboardMs);
}

/** ms of the first toast whose text matches, per run that showed one. */
function toastMs(runs: readonly TimedRun[] | undefined, text: RegExp): number[] {
	return (runs ?? []).flatMap((run) =>
		run.toasts
			.filter((toast) => text.test(toast.text))
			.slice(0, 1)
			.map((toast) => toast.ms),
	);
}

const cell = (samples: readonly number[]): string =>
	samples.length === 0 ? '–' : `${fmt(percentile(samples, 50))} / ${fmt(percentile(samples, 90))}`;

export function printLatencyTables(
	results: LatencyResults,
	context: { runs: number; pick: boolean; vscodeVersion: string },
): void {
	const rows = (['uncached', 'cached'] as const).map((mode) => {
		const ours = clipboardMs(results[mode].get('ours'));
		const minimal = clipboardMs(results[mode].get('minimal'));
		const ratio = percentile(ours, 50) / percentile(minimal, 50);
		// Runs paired by round (ours and the minimal one right next to each other), so drift cancels out.
		const paired = summarize(ours.map((value, i) => value / (minimal[i] ?? Number.NaN)));
		return [
			mode === 'uncached' ? 'uncached (one request to the sandbox)' : 'cached (no request)',
			cell(ours),
			cell(minimal),
			`${fmt(ratio)}×`,
			`${fmt(paired.median)}× (${fmt(paired.p10)}–${fmt(paired.p90)})`,
			`≤ ${TARGET[mode]}× ${ratio <= TARGET[mode] ? 'met' : 'missed'}`,
		];
	});
	const last = context.pick ? 'Enter on the app picker' : 'Enter in the command palette';
	console.log(
		`\nEnter → token on the clipboard in code-server ${context.vscodeVersion}, ms, median / p90 of ${context.runs} interleaved runs (last user action: ${last})\n`,
	);
	console.log(
		renderTable(
			['', 'this extension', 'minimal extension', 'ratio of medians', 'paired ratio (p10–p90)', 'target'],
			rows,
		),
	);
	const oursUncached = results.uncached.get('ours');
	const oursCached = results.cached.get('ours');
	console.log('\nWhat else the user sees (this extension; page clock, ms from Enter, median / p90):\n');
	console.log(
		renderTable(
			['', 'uncached', 'cached'],
			[
				[
					'progress notification shown',
					cell(toastMs(oursUncached, /Getting the access token/)),
					cell(toastMs(oursCached, /Getting the access token/)),
				],
				[
					'"Copied …" message shown',
					cell(toastMs(oursUncached, /Copied the access token/)),
					cell(toastMs(oursCached, /Copied the access token/)),
				],
				[
					'clipboard write resolved',
					cell((oursUncached ?? []).map((run) => run.clipboardLandedMs)),
					cell((oursCached ?? []).map((run) => run.clipboardLandedMs)),
				],
			],
		),
	);
	console.log(
		`\nFirst Get after start (this extension, uncached, loads its HTTP client): ${fmt(results.firstGet.clipboardMs)} ms (one run).`,
	);
}

const band = (samples: readonly number[]): string => {
	if (samples.length === 0) {
		return '–';
	}
	const min = Math.min(...samples);
	const max = Math.max(...samples);
	return samples.length === 1
		? fmt(samples[0] as number)
		: `${fmt(percentile(samples, 50))} (${fmt(min)}–${fmt(max)})`;
};

const defined = (values: readonly (number | undefined)[]): number[] =>
	values.filter((value): value is number => value !== undefined);

export function printHostTables(measured: HostMeasurements, rounds: number): void {
	const ours = measured.activations.get('ours') ?? [];
	const minimal = measured.activations.get('minimal') ?? [];
	console.log(`\nActivation in the extension host, ms, median (min–max) of ${rounds} fresh profile(s):\n`);
	console.log(
		renderTable(
			['', 'minimal extension', 'this extension'],
			[
				[
					'VS Code: code loading + activate() (Running Extensions)',
					band(minimal.map((each) => each.hostMs)),
					band(ours.map((each) => each.hostMs)),
				],
				[
					'  of which loading the code (Startup Performance)',
					band(defined(minimal.map((each) => each.loadCodeMs))),
					band(defined(ours.map((each) => each.loadCodeMs))),
				],
				[
					'  of which calling activate() (Startup Performance)',
					band(defined(minimal.map((each) => each.callActivateMs))),
					band(defined(ours.map((each) => each.callActivateMs))),
				],
				[
					'activate() body, as the extension logs it',
					'–',
					band(defined(ours.map((each) => each.activateBodyMs))),
				],
				[
					'until activate()’s promise resolved (Finish Activate)',
					band(defined(minimal.map((each) => each.finishActivateMs))),
					band(defined(ours.map((each) => each.finishActivateMs))),
				],
				[
					'  services built after activation, as the extension logs it',
					'–',
					band(defined(ours.map((each) => each.servicesStartMs))),
				],
				[
					'  loading dist/services.js + building the services, ms after activate() returned',
					'–',
					band(defined(ours.map((each) => each.servicesDoneMs))),
				],
				[
					'activation event (extension host log)',
					[...new Set(minimal.map((each) => each.activationEvent))].join(', '),
					[...new Set(ours.map((each) => each.activationEvent))].join(', '),
				],
			],
		),
	);
	const idle = (profile: HostProfile) => measured.idleRssMb.get(profile) ?? [];
	const afterGet = (profile: HostProfile) => measured.afterGetRssMb.get(profile) ?? [];
	const delta = (values: readonly number[], base: readonly number[]): string =>
		values.length === 0 || base.length === 0
			? '–'
			: `${percentile(values, 50) >= percentile(base, 50) ? '+' : ''}${(percentile(values, 50) - percentile(base, 50)).toFixed(1)}`;
	console.log(
		`\nExtension host RSS, MB (10^6 bytes), median (min–max) of ${rounds} fresh profile(s), 15 s after the window appeared:\n`,
	);
	console.log(
		renderTable(
			['', 'no extension', 'minimal extension', 'this extension', 'this − minimal'],
			[
				[
					'active, idle',
					band(idle('none')),
					band(idle('minimal')),
					band(idle('ours')),
					delta(idle('ours'), idle('minimal')),
				],
				[
					'after one Get (one request each)',
					'–',
					band(afterGet('minimal')),
					band(afterGet('ours')),
					delta(afterGet('ours'), afterGet('minimal')),
				],
			],
		),
	);
}
