import type { AppState } from '../../../src/app/tokens/tokenService';
import { toSettingEntry } from '../../../src/app/config/appConfig';
import { appStatus } from '../../../src/app/presentation/appStatus';
import { appContextValue } from '../../../src/app/presentation/contextValues';
import { actionLabel, errorSummary, presentError } from '../../../src/app/errors/errorMessages';
import { expiryStatus } from '../../../src/app/presentation/expiryStatus';
import { englishL10n } from './englishL10n';

/**
 * Everything the extension can put in front of a person or on disk, as text: for searching it for secrets and full
 * tokens. Each entry says where it came from, so a failure names the leaking surface.
 */
export interface Exposure {
	readonly where: string;
	readonly text: string;
}

/** An error's message, stack and details, and the same for every `cause` down the chain. */
export function errorExposures(error: unknown, where = 'error'): Exposure[] {
	const found: Exposure[] = [];
	let current: unknown = error;
	for (let depth = 0; current !== undefined && current !== null && depth < 20; depth++) {
		const label = `${where}${'.cause'.repeat(depth)}`;
		if (current instanceof Error) {
			found.push(
				{ where: `${label}.message`, text: current.message },
				{ where: `${label}.stack`, text: current.stack ?? '' },
			);
			const { details } = current as { details?: unknown };
			if (details !== undefined) {
				found.push({ where: `${label}.details`, text: JSON.stringify(details) });
			}
			current = (current as { cause?: unknown }).cause;
		} else {
			found.push({
				where: label,
				text: typeof current === 'string' ? current : (JSON.stringify(current) ?? typeof current),
			});
			current = undefined;
		}
	}
	return found;
}

/** What the UI derives from an app's state and its last failure: notification, tree description, status bar, menus. */
export function stateExposures(state: AppState, now: number): Exposure[] {
	const found: Exposure[] = [];
	const status = appStatus(state, now, 10 * 60 * 1000, englishL10n);
	found.push({ where: 'tree description', text: status.description });
	found.push({
		where: 'contextValue',
		text: appContextValue(state.app.source, status.token, state.credentials, false),
	});
	const bar = expiryStatus(state, { now, warnBeforeMs: 10 * 60 * 1000, locale: 'en' }, englishL10n);
	if (bar !== undefined) {
		found.push(
			{ where: 'status bar text', text: bar.text },
			{ where: 'status bar tooltip', text: bar.tooltip },
			{ where: 'status bar label', text: bar.accessibilityLabel },
		);
	}
	if (state.error !== undefined) {
		const shown = presentError(
			state.error,
			{ appName: state.app.name, host: state.app.host, source: state.app.source, timeoutSeconds: 15 },
			englishL10n,
		);
		found.push({ where: 'notification', text: shown?.message ?? '' });
		found.push({
			where: 'notification buttons',
			text: (shown?.actions ?? []).map((action) => actionLabel(action, englishL10n)).join(' '),
		});
		found.push({ where: 'error summary', text: errorSummary(state.error, englishL10n) });
		found.push(...errorExposures(state.error, 'state.error'));
	}
	found.push({ where: 'settings entry', text: JSON.stringify(toSettingEntry(state.app)) });
	return found;
}

/** The places among `exposures` where one of `secrets` appears (named by its first characters only). */
export function leaks(exposures: readonly Exposure[], secrets: Iterable<string>): string[] {
	const found: string[] = [];
	for (const secret of secrets) {
		for (const { where, text } of exposures) {
			if (text.includes(secret)) {
				found.push(`${secret.slice(0, 6)}… in ${where}: ${text.slice(0, 160)}`);
			}
		}
	}
	return found;
}
