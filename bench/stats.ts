/** Summary statistics over repeated runs: the median and the 10th–90th percentile band. */
export interface Summary {
	readonly median: number;
	readonly p10: number;
	readonly p90: number;
	readonly runs: number;
}

/** Linear-interpolated percentile (the same definition as numpy's default) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) {
		return Number.NaN;
	}
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const low = Math.floor(rank);
	const high = Math.ceil(rank);
	const lowValue = sorted[low] ?? Number.NaN;
	const highValue = sorted[high] ?? Number.NaN;
	return lowValue + (highValue - lowValue) * (rank - low);
}

export function summarize(samples: readonly number[]): Summary {
	return {
		median: percentile(samples, 50),
		p10: percentile(samples, 10),
		p90: percentile(samples, 90),
		runs: samples.length,
	};
}

/** Milliseconds since an arbitrary origin, with sub-microsecond resolution. */
export function nowMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/** Three significant digits, without exponent notation for the sizes we print. */
export function fmt(value: number): string {
	if (!Number.isFinite(value)) {
		return '–';
	}
	const abs = Math.abs(value);
	if (abs >= 100) {
		return Math.round(value).toString();
	}
	if (abs >= 10) {
		return value.toFixed(1);
	}
	if (abs >= 1) {
		return value.toFixed(2);
	}
	return value.toPrecision(2);
}

/** `median (p10–p90)`. */
export function fmtSummary(summary: Summary): string {
	return `${fmt(summary.median)} (${fmt(summary.p10)}–${fmt(summary.p90)})`;
}
