import { formatRemaining } from './countdown';
import { errorSummary } from './errorMessages';
import type { Localizer } from './localizer';
import type { AppState } from './tokenService';

/** What an app's tree item shows, by priority: work under way, a usable token, a failure, what is missing. */
export type AppStatusKind = 'busy' | 'valid' | 'expiring' | 'error' | 'credentialsMissing' | 'storageUnavailable' | 'expired' | 'noToken';

/** The token part of an app's state, for menus: copy only makes sense for a token that still works. */
export type TokenCondition = 'none' | 'valid' | 'expiring' | 'expired';

export interface AppStatus {
	readonly kind: AppStatusKind;
	readonly token: TokenCondition;
	/** "1h 58m left", "no token yet", "credentials missing", "expired", or what failed. */
	readonly description: string;
}

export function appStatus(state: AppState, now: number, warnBeforeMs: number, l10n: Localizer): AppStatus {
	const remaining = state.token === undefined ? undefined : state.token.expiresAt - now;
	const token: TokenCondition = remaining === undefined ? 'none' : remaining <= 0 ? 'expired' : remaining < warnBeforeMs ? 'expiring' : 'valid';
	const failure = state.error === undefined ? undefined : errorSummary(state.error, l10n);

	if (state.busy) {
		return { kind: 'busy', token, description: l10n.t('getting token…') };
	}
	if (remaining !== undefined && remaining > 0) {
		const left = l10n.t({ message: '{0} left', args: [formatRemaining(remaining, l10n)], comment: ['{0} is a duration such as 1h 59m'] });
		// A token that still works wins, but a failed refresh is not hidden.
		return { kind: token === 'expiring' ? 'expiring' : 'valid', token, description: failure === undefined ? left : `${left} · ${failure}` };
	}
	if (failure !== undefined) {
		return { kind: 'error', token, description: failure };
	}
	if (state.credentials === 'missing') {
		return { kind: 'credentialsMissing', token, description: l10n.t('credentials missing') };
	}
	if (state.credentials === 'unavailable') {
		return { kind: 'storageUnavailable', token, description: l10n.t('secret storage unavailable') };
	}
	if (token === 'expired') {
		return { kind: 'expired', token, description: l10n.t('expired') };
	}
	return { kind: 'noToken', token, description: l10n.t('no token yet') };
}

/** An app's description where the app pinned to the status bar is marked: "1h 58m left · in status bar". */
export function withStatusBarMark(description: string, pinned: boolean, l10n: Localizer): string {
	return pinned ? `${description} · ${l10n.t('in status bar')}` : description;
}
