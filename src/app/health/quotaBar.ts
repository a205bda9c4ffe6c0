import type { ApiQuota } from '../../core/diagnostics/diagnosticTypes';

const CELLS = 5;
const FULL = '▰';
const EMPTY = '▱';
/** Under this share of the daily limit left, the quota is reported as running low. */
const LOW_SHARE = 0.1;

/** `▰▰▰▱▱ 612 / 1000`: what is left of the daily limit, as a bar of five cells and in numbers. */
export function quotaBar(quota: Pick<ApiQuota, 'dailyLimit' | 'remain'>): string {
	const share = quota.dailyLimit > 0 ? Math.min(1, quota.remain / quota.dailyLimit) : 0;
	const filled = Math.round(share * CELLS);
	return `${FULL.repeat(filled)}${EMPTY.repeat(CELLS - filled)} ${quota.remain} / ${quota.dailyLimit}`;
}

/** Less than 10 % of the daily limit left (or a limit of 0). */
export function isQuotaLow(quota: Pick<ApiQuota, 'dailyLimit' | 'remain'>): boolean {
	return quota.remain < quota.dailyLimit * LOW_SHARE || quota.dailyLimit === 0;
}
