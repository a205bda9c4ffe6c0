import { formatRemaining } from './timeFormats';
import { errorSummary } from '../errors/errorMessages';
import type { ExpiryState } from '../expiry/expiryState';
import { expiryState, stillWorks } from '../expiry/expiryState';
import type { Localizer } from '../ports/localizer';
import type { AppState } from '../tokens/tokenService';

/**
 * What an app's tree item shows, by priority: work under way, a token WeChat refused, a usable token, a failure, what
 * is missing.
 */
export type AppStatusKind =
	| 'busy'
	| 'refused'
	| 'valid'
	| 'expiring'
	| 'error'
	| 'credentialsMissing'
	| 'storageUnavailable'
	| 'expired'
	| 'noToken';

export interface AppStatus {
	readonly kind: AppStatusKind;
	/** For menus: copy only makes sense for a token that still works. */
	readonly token: ExpiryState;
	/** "1h 58m left", "no token yet", "credentials missing", "expired", or what failed. */
	readonly description: string;
}

export function appStatus(
	state: AppState,
	now: number,
	warnBeforeMs: number,
	l10n: Localizer,
	/** WeChat refused the app's current token when it was checked (`TokenHealth`). */
	refusedByWechat = false,
): AppStatus {
	const remaining = state.token === undefined ? undefined : state.token.expiresAt - now;
	const token = expiryState(remaining, warnBeforeMs);
	const failure = state.error === undefined ? undefined : errorSummary(state.error, l10n);

	if (state.busy) {
		return { kind: 'busy', token, description: l10n.t('getting token…') };
	}
	if (refusedByWechat && remaining !== undefined && stillWorks(token)) {
		// Not expired by the clock, yet dead: shown as such until a fetch replaces it.
		return { kind: 'refused', token, description: l10n.t('refused by WeChat') };
	}
	if (remaining !== undefined && stillWorks(token)) {
		const left = l10n.t({
			message: '{0} left',
			args: [formatRemaining(remaining, l10n)],
			comment: ['{0} is a duration such as 1h 59m'],
		});
		// A token that still works wins, but a failed refresh is not hidden.
		return {
			kind: token === 'expiring' ? 'expiring' : 'valid',
			token,
			description: failure === undefined ? left : `${left} · ${failure}`,
		};
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
