import { expiryState } from '../expiry/expiryState';
import type { AppState } from '../tokens/tokenService';

/** The variable new integrated terminals get when the user turns `wechatAccessToken.terminalEnvironment` on. */
export const TERMINAL_TOKEN_VARIABLE = 'WECHAT_ACCESS_TOKEN';

/** What new terminals should see: the token and whose it is, or nothing and why (for the log). */
export type TerminalTokenDecision =
	| { readonly kind: 'set'; readonly value: string; readonly appName: string; readonly expiresAt: number }
	| { readonly kind: 'unset'; readonly why: 'off' | 'no-token' | 'expired' };

/**
 * The active app's token (the one the status bar shows) while it still works, if the setting is on. An expired token
 * is not handed out: a script would only get WeChat's 42001 for it.
 */
export function terminalTokenDecision(
	active: Pick<AppState, 'app' | 'token'> | undefined,
	enabled: boolean,
	now: number,
): TerminalTokenDecision {
	if (!enabled) {
		return { kind: 'unset', why: 'off' };
	}
	const token = active?.token;
	if (active === undefined || token === undefined) {
		return { kind: 'unset', why: 'no-token' };
	}
	// No warning threshold: only whether the token still works matters here.
	if (expiryState(token.expiresAt - now, 0) === 'expired') {
		return { kind: 'unset', why: 'expired' };
	}
	return { kind: 'set', value: token.accessToken, appName: active.app.name, expiresAt: token.expiresAt };
}
