import type { AccessToken, TokenSourceKind } from '../../core/tokenTypes';

/**
 * Sources whose renewal never invalidates the token other servers use: Authing (both routes), WeChat's stable token
 * asked normally, and a team's own token server. Classic `wechat` is not among them: every token it mints kills the
 * one in use, so only the user decides when to ask it.
 */
export const TEAM_SAFE_SOURCES: readonly TokenSourceKind[] = [
	'authing',
	'authing-management',
	'wechat-stable',
	'custom',
];

export function isTeamSafe(source: TokenSourceKind): boolean {
	return TEAM_SAFE_SOURCES.includes(source);
}

const MINUTE = 60_000;

/** How long to wait when the server handed out the token in force again (Authing caches it; WeChat renews late). */
export const SAME_TOKEN_RETRY_MS = MINUTE;

/** The longest wait between failed attempts: a token has minutes left by then, so a fix should be noticed soon. */
export const MAX_FAILURE_BACKOFF_MS = 8 * MINUTE;

/** 1, 2, 4, 8, 8… minutes after the 1st, 2nd, 3rd… failure in a row. */
export function failureBackoffMs(failures: number): number {
	return Math.min(MAX_FAILURE_BACKOFF_MS, MINUTE * 2 ** Math.max(0, failures - 1));
}

/**
 * When to try to renew `token` next: `marginMs` before it expires, the moment the cache stops serving it (so asking
 * the service really asks the server), or later when a retry is planned. `undefined` when that is not before the
 * expiry, and when the margin is 0: the cache then serves the token until it expires, leaving nothing to renew ahead.
 */
export function nextRenewalAt(token: AccessToken, marginMs: number, retryAt: number | undefined): number | undefined {
	if (marginMs <= 0) {
		return undefined;
	}
	const at = Math.max(token.expiresAt - marginMs, retryAt ?? Number.NEGATIVE_INFINITY);
	return at < token.expiresAt ? at : undefined;
}
