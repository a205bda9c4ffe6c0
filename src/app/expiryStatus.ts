import type { CountdownState } from './countdown';
import { countdownState, formatLocalTime, formatRemaining } from './countdown';
import { errorSummary } from './errorMessages';
import type { Localizer } from './localizer';
import { escapeMarkdown } from './markdown';
import { maskToken } from './mask';
import { sourceLabel } from './sourceLabels';
import type { AppState } from './tokenService';

/** The status bar item, as data: the vscode layer only copies these fields onto the item. */
export interface ExpiryStatus {
	readonly state: Exclude<CountdownState, 'idle'>;
	readonly appName: string;
	/** With a codicon: `$(key) Shop 1h 59m`. */
	readonly text: string;
	readonly accessibilityLabel: string;
	/** Markdown. */
	readonly tooltip: string;
	/** A click copies a token that still works, and gets a new one otherwise. */
	readonly clickAction: 'copy' | 'refresh';
}

export interface ExpiryStatusContext {
	readonly now: number;
	readonly warnBeforeMs: number;
	/** VS Code's display language, for the local expiry time. */
	readonly locale: string | undefined;
}

const ICONS: { readonly [K in ExpiryStatus['state']]: string } = {
	counting: '$(key)',
	expiring: '$(watch)',
	expired: '$(warning)',
	error: '$(error)',
};

/** `undefined` while no token is known: the item is hidden. */
export function expiryStatus(active: AppState | undefined, context: ExpiryStatusContext, l10n: Localizer): ExpiryStatus | undefined {
	const token = active?.token;
	if (active === undefined || token === undefined) {
		return undefined;
	}
	const state = countdownState({ token, failed: active.error !== undefined, now: context.now, warnBeforeMs: context.warnBeforeMs });
	if (state === 'idle') {
		return undefined;
	}
	const name = active.app.name;
	const remaining = token.expiresAt - context.now;
	const shown = state === 'error' && active.error !== undefined ? errorSummary(active.error, l10n) : formatRemaining(remaining, l10n);
	const clickAction = remaining > 0 ? 'copy' : 'refresh';
	const expiresAt = formatLocalTime(token.expiresAt, context.now, context.locale);

	const lines = [
		`**${escapeMarkdown(l10n.t('WeChat Access Token'))}**: ${escapeMarkdown(name)}`,
		'',
		`${escapeMarkdown(l10n.t('Source'))}: ${escapeMarkdown(sourceLabel(active.app.source, l10n))} (\`${active.app.source}\`)`,
		'',
		`${escapeMarkdown(remaining > 0 ? l10n.t('Expires at') : l10n.t('Expired at'))}: ${escapeMarkdown(expiresAt)}`,
		'',
		`${escapeMarkdown(l10n.t('Token'))}: \`${maskToken(token.accessToken)}\``,
	];
	if (active.error !== undefined) {
		lines.push('', `${escapeMarkdown(l10n.t('Last attempt'))}: ${escapeMarkdown(errorSummary(active.error, l10n))}`);
	}
	lines.push('', escapeMarkdown(clickAction === 'copy' ? l10n.t('Click to copy the token.') : l10n.t('Click to get a new token.')));

	return {
		state,
		appName: name,
		text: `${ICONS[state]} ${name} ${shown}`,
		accessibilityLabel:
			remaining > 0
				? l10n.t({ message: 'WeChat access token of {0}: {1} left', args: [name, shown], comment: ['{0} is the app name, {1} a duration such as 1h 59m'] })
				: l10n.t({ message: 'WeChat access token of {0}: expired', args: [name], comment: ['{0} is the app name'] }),
		tooltip: lines.join('\n'),
		clickAction,
	};
}
