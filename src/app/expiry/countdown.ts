import type { AccessToken } from '../../core/tokenTypes';
import type { ExpiryState } from './expiryState';
import { expiryState, msUntilExpiring } from './expiryState';

/** What the status bar shows: the token's `ExpiryState`, or `error` for a failure that left no working token. */
export type ExpiryStatusKind = ExpiryState | 'error';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export interface ExpiryStatusKindInput {
	readonly token: AccessToken | undefined;
	/** The last attempt failed. */
	readonly failed: boolean;
	readonly now: number;
	readonly warnBeforeMs: number;
}

/** The token's `ExpiryState`, but `error` when the last attempt failed and left no working token. */
export function expiryStatusKind({ token, failed, now, warnBeforeMs }: ExpiryStatusKindInput): ExpiryStatusKind {
	const state = expiryState(token === undefined ? undefined : token.expiresAt - now, warnBeforeMs);
	return failed && (state === 'none' || state === 'expired') ? 'error' : state;
}

/**
 * Milliseconds until what is shown changes: the displayed unit ticks over (every second under a minute, else at the
 * next minute boundary) or the warning threshold is crossed. `undefined` once expired: nothing counts down any more,
 * so no timer needs to run.
 */
export function nextTickDelayMs(remainingMs: number, warnBeforeMs: number): number | undefined {
	if (expiryState(remainingMs, warnBeforeMs) === 'expired') {
		return undefined;
	}
	const unit = remainingMs < MINUTE ? SECOND : MINUTE;
	// +1: the display changes once the boundary is passed, not when it is reached.
	const delay = (remainingMs % unit) + 1;
	const untilExpiring = msUntilExpiring(remainingMs, warnBeforeMs);
	return untilExpiring === undefined ? delay : Math.min(delay, untilExpiring);
}
