/**
 * How close a token is to its expiry, in the one set of names every view uses: the tree's descriptions and menus
 * (`token=` in the items' contextValues), the status bar, the expiry alert and the terminal variable.
 * - `none`: no token is known;
 * - `valid`: it works, with at least `warnBeforeMs` left;
 * - `expiring`: it works, with fewer than `warnBeforeMs` left (README: "fewer than `warnBeforeExpiryMinutes`");
 * - `expired`: from `expiresAt` on.
 */
export type ExpiryState = 'none' | 'valid' | 'expiring' | 'expired';

/**
 * The one expiry rule. `remainingMs`: `expiresAt − now`, `undefined` without a token. A `warnBeforeMs` of 0 (or less)
 * never warns: a working token is then `valid` until it expires.
 */
export function expiryState(remainingMs: number | undefined, warnBeforeMs: number): ExpiryState {
	if (remainingMs === undefined) {
		return 'none';
	}
	if (remainingMs <= 0) {
		return 'expired';
	}
	return remainingMs < warnBeforeMs ? 'expiring' : 'valid';
}

/** Whether the token still works: `valid` or `expiring`. */
export function stillWorks(state: ExpiryState): boolean {
	return state === 'valid' || state === 'expiring';
}

/**
 * How long until a `valid` token turns `expiring` under `expiryState`'s rule: the first millisecond at which fewer
 * than `warnBeforeMs` are left, so +1 past the instant exactly `warnBeforeMs` are left. `undefined` when the token
 * is not `valid`, or never turns `expiring` (`warnBeforeMs` of 0).
 */
export function msUntilExpiring(remainingMs: number | undefined, warnBeforeMs: number): number | undefined {
	if (remainingMs === undefined || warnBeforeMs <= 0 || expiryState(remainingMs, warnBeforeMs) !== 'valid') {
		return undefined;
	}
	return remainingMs - warnBeforeMs + 1;
}
