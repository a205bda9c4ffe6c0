import { commandLink } from './commandLinks';
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
	/** `idle` only for an app pinned to the status bar that has no token yet. */
	readonly state: CountdownState;
	readonly appName: string;
	/** With a codicon: `$(key) Shop 1h 59m`. */
	readonly text: string;
	readonly accessibilityLabel: string;
	/** Markdown. */
	readonly tooltip: string;
	/** A click copies a token that still works, and gets a new one otherwise. */
	readonly clickAction: 'copy' | 'refresh';
}

/** Why the status bar shows this app. */
export interface StatusBarFocusInfo {
	/** The user chose the app ("Show WeChat App in Status Bar…"); otherwise it is the most recently used one. */
	readonly pinned: boolean;
	/** How many apps are configured: switching is offered when there is a choice to make, or a pin to undo. */
	readonly appCount: number;
}

/** The commands the tooltip links to. The vscode layer passes their ids: this layer names no command. */
export interface TooltipCommands {
	readonly copyAs: string;
	readonly refresh: string;
	readonly focus: string;
}

export interface ExpiryStatusContext {
	readonly now: number;
	readonly warnBeforeMs: number;
	/** VS Code's display language, for the local expiry time. */
	readonly locale: string | undefined;
	/** Default: the most recently used app, the only one configured. */
	readonly focus?: StatusBarFocusInfo;
	/** Without them the tooltip has no command links. */
	readonly commands?: TooltipCommands;
}

const ICONS: { readonly [K in ExpiryStatus['state']]: string } = {
	idle: '$(key)',
	counting: '$(key)',
	expiring: '$(watch)',
	expired: '$(warning)',
	error: '$(error)',
};

const NOT_PINNED: StatusBarFocusInfo = { pinned: false, appCount: 1 };

/** `undefined` while there is nothing to show: no token known, and no app pinned. The item is hidden then. */
export function expiryStatus(active: AppState | undefined, context: ExpiryStatusContext, l10n: Localizer): ExpiryStatus | undefined {
	if (active === undefined) {
		return undefined;
	}
	const focus = context.focus ?? NOT_PINNED;
	const { token } = active;
	const state = countdownState({ token, failed: active.error !== undefined, now: context.now, warnBeforeMs: context.warnBeforeMs });
	// A pinned app stays visible without a token, so the user sees the choice took effect (and can click to get one).
	if (token === undefined && !focus.pinned) {
		return undefined;
	}
	const name = active.app.name;
	const remaining = token === undefined ? 0 : token.expiresAt - context.now;
	const failure = active.error === undefined ? undefined : errorSummary(active.error, l10n);
	const shown = state === 'error' && failure !== undefined ? failure : token === undefined ? `— ${l10n.t('no token yet')}` : formatRemaining(remaining, l10n);
	const clickAction = remaining > 0 ? 'copy' : 'refresh';

	const lines = [
		`**${escapeMarkdown(l10n.t('WeChat Access Token'))}**: ${escapeMarkdown(name)}`,
		'',
		`${escapeMarkdown(l10n.t('Source'))}: ${escapeMarkdown(sourceLabel(active.app.source, l10n))} (\`${active.app.source}\`)`,
		'',
	];
	if (token === undefined) {
		lines.push(escapeMarkdown(l10n.t('No token yet.')));
	} else {
		const expiresAt = formatLocalTime(token.expiresAt, context.now, context.locale);
		lines.push(
			`${escapeMarkdown(remaining > 0 ? l10n.t('Expires at') : l10n.t('Expired at'))}: ${escapeMarkdown(expiresAt)}`,
			'',
			`${escapeMarkdown(l10n.t('Token'))}: \`${maskToken(token.accessToken)}\``,
		);
	}
	if (failure !== undefined) {
		lines.push('', `${escapeMarkdown(l10n.t('Last attempt'))}: ${escapeMarkdown(failure)}`);
	}
	lines.push('', escapeMarkdown(clickAction === 'copy' ? l10n.t('Click to copy the token.') : l10n.t('Click to get a new token.')));
	const why = focusLine(focus, l10n);
	if (why !== undefined) {
		lines.push('', escapeMarkdown(why));
	}
	if (context.commands !== undefined) {
		lines.push('', tooltipLinks(name, token !== undefined, remaining > 0, focus, context.commands, l10n));
	}

	return {
		state,
		appName: name,
		text: `${ICONS[state]} ${name} ${shown}`,
		accessibilityLabel:
			token === undefined
				? l10n.t({ message: 'WeChat access token of {0}: none yet', args: [name], comment: ['{0} is the app name'] })
				: remaining > 0
					? l10n.t({ message: 'WeChat access token of {0}: {1} left', args: [name, shown], comment: ['{0} is the app name, {1} a duration such as 1h 59m'] })
					: l10n.t({ message: 'WeChat access token of {0}: expired', args: [name], comment: ['{0} is the app name'] }),
		tooltip: lines.join('\n'),
		clickAction,
	};
}

function focusLine(focus: StatusBarFocusInfo, l10n: Localizer): string | undefined {
	if (focus.pinned) {
		return l10n.t('You chose this app for the status bar.');
	}
	// With one app there is nothing to follow.
	return focus.appCount > 1 ? l10n.t('The status bar follows the app you used last.') : undefined;
}

/** Copy As… while the token works, Refresh once there is one, and switching when there is a choice or a pin to undo. */
function tooltipLinks(name: string, hasToken: boolean, works: boolean, focus: StatusBarFocusInfo, commands: TooltipCommands, l10n: Localizer): string {
	const links = [
		...(works ? [commandLink(l10n.t('Copy As…'), commands.copyAs, [name])] : []),
		...(hasToken ? [commandLink(l10n.t('Refresh'), commands.refresh, [name])] : []),
		...(focus.pinned || focus.appCount > 1 ? [commandLink(l10n.t('Show another app…'), commands.focus)] : []),
	];
	return links.join(' · ');
}
