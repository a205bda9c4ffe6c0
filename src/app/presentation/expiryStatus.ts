import { commandLink } from './commandLinks';
import type { TokenCheck } from '../../core/diagnostics/diagnosticTypes';
import type { ExpiryStatusKind } from '../expiry/countdown';
import { expiryStatusKind } from '../expiry/countdown';
import { formatLocalTime, formatRemaining } from './timeFormats';
import { errorSummary } from '../errors/errorMessages';
import { expiryState, stillWorks } from '../expiry/expiryState';
import type { Localizer } from '../ports/localizer';
import { escapeMarkdown, inertText } from './inertText';
import { maskToken } from '../tokens/maskToken';
import { sourceLabel } from './sourceLabels';
import type { AppState } from '../tokens/tokenService';

/** The status bar item, as data: the vscode layer only copies these fields onto the item. */
export interface ExpiryStatus {
	/** `none` only for an app pinned to the status bar that has no token yet. */
	readonly state: ExpiryStatusKind;
	readonly appName: string;
	/** With a codicon: `$(key) Shop 1h 59m`. */
	readonly text: string;
	readonly accessibilityLabel: string;
	/** Markdown. */
	readonly tooltip: string;
	/** A click copies a token that still works, checks one WeChat refused, and gets a new one otherwise. */
	readonly clickAction: 'copy' | 'check' | 'refresh';
}

/** Why the status bar shows this app. */
export interface ActiveAppPinInfo {
	/** The user chose the app ("Show WeChat App in Status Bar…"); otherwise it is the most recently used one. */
	readonly pinned: boolean;
	/** How many apps are configured: switching is offered when there is a choice to make, or a pin to undo. */
	readonly appCount: number;
}

/** The commands the tooltip links to. The vscode layer passes their ids: this layer names no command. */
export interface TooltipCommands {
	readonly copyAs: string;
	readonly refresh: string;
	readonly pin: string;
	readonly check: string;
}

export interface ExpiryStatusContext {
	readonly now: number;
	readonly warnBeforeMs: number;
	/** VS Code's display language, for the local expiry time. */
	readonly locale: string | undefined;
	/** Default: the most recently used app, the only one configured. */
	readonly pin?: ActiveAppPinInfo;
	/** Without them the tooltip has no command links. */
	readonly commands?: TooltipCommands;
	/** Added as the last argument of every link: how the command knows the user clicked it (the vscode layer's mark). */
	readonly uiMark?: unknown;
	/** WeChat refused the active app's current token when it was checked (`TokenHealth.deadCheck`). */
	readonly refusal?: TokenCheck;
}

const ICONS: { readonly [K in ExpiryStatus['state']]: string } = {
	none: '$(key)',
	valid: '$(key)',
	expiring: '$(watch)',
	expired: '$(warning)',
	error: '$(error)',
};

const NOT_PINNED: ActiveAppPinInfo = { pinned: false, appCount: 1 };

/** `undefined` while there is nothing to show: no token known, and no app pinned. The item is hidden then. */
export function expiryStatus(
	active: AppState | undefined,
	context: ExpiryStatusContext,
	l10n: Localizer,
): ExpiryStatus | undefined {
	if (active === undefined) {
		return undefined;
	}
	const pin = context.pin ?? NOT_PINNED;
	const { token } = active;
	const state = expiryStatusKind({
		token,
		failed: active.error !== undefined,
		now: context.now,
		warnBeforeMs: context.warnBeforeMs,
	});
	// A pinned app stays visible without a token, so the user sees the choice took effect (and can click to get one).
	if (token === undefined && !pin.pinned) {
		return undefined;
	}
	const name = active.app.name;
	const remaining = token === undefined ? 0 : token.expiresAt - context.now;
	const works = stillWorks(expiryState(token === undefined ? undefined : remaining, context.warnBeforeMs));
	// Not expired by the clock, yet refused by WeChat: shown as dead until a fetch replaces it.
	const refusal = works && context.refusal?.works === false ? context.refusal : undefined;
	const failure = active.error === undefined ? undefined : errorSummary(active.error, l10n);
	const shown =
		refusal !== undefined
			? l10n.t('refused by WeChat')
			: state === 'error' && failure !== undefined
				? failure
				: token === undefined
					? `— ${l10n.t('no token yet')}`
					: formatRemaining(remaining, l10n);
	const clickAction = refusal !== undefined ? 'check' : works ? 'copy' : 'refresh';
	const shownState = refusal !== undefined ? 'error' : state;

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
			`${escapeMarkdown(works ? l10n.t('Expires at') : l10n.t('Expired at'))}: ${escapeMarkdown(expiresAt)}`,
			'',
			`${escapeMarkdown(l10n.t('Token'))}: \`${maskToken(token.accessToken)}\``,
		);
	}
	if (refusal !== undefined) {
		lines.push(
			'',
			escapeMarkdown(
				l10n.t({
					message: 'WeChat refused this token (errcode {0}) when it was checked at {1}.',
					args: [refusal.refusal.errcode, formatLocalTime(refusal.checkedAt, context.now, context.locale)],
					comment: ['{0} is a number, {1} a time of day'],
				}),
			),
		);
	}
	if (failure !== undefined) {
		lines.push('', `${escapeMarkdown(l10n.t('Last attempt'))}: ${escapeMarkdown(failure)}`);
	}
	lines.push(
		'',
		escapeMarkdown(
			clickAction === 'copy'
				? l10n.t('Click to copy the token.')
				: clickAction === 'check'
					? l10n.t('Click to check the token again and see what fixes it.')
					: l10n.t('Click to get a new token.'),
		),
	);
	const why = pinLine(pin, l10n);
	if (why !== undefined) {
		lines.push('', escapeMarkdown(why));
	}
	if (context.commands !== undefined) {
		lines.push('', tooltipLinks(name, token !== undefined, works, pin, context, context.commands, l10n));
	}

	return {
		state: shownState,
		appName: name,
		// The name comes from the settings: the status bar would draw `$(…)` in it as an icon.
		text: `${ICONS[shownState]} ${inertText(name, 'label')} ${shown}`,
		accessibilityLabel:
			refusal !== undefined
				? l10n.t({
						message: 'WeChat access token of {0}: refused by WeChat',
						args: [name],
						comment: ['{0} is the app name'],
					})
				: token === undefined
					? l10n.t({
							message: 'WeChat access token of {0}: none yet',
							args: [name],
							comment: ['{0} is the app name'],
						})
					: works
						? l10n.t({
								message: 'WeChat access token of {0}: {1} left',
								args: [name, shown],
								comment: ['{0} is the app name, {1} a duration such as 1h 59m'],
							})
						: l10n.t({
								message: 'WeChat access token of {0}: expired',
								args: [name],
								comment: ['{0} is the app name'],
							}),
		tooltip: lines.join('\n'),
		clickAction,
	};
}

function pinLine(pin: ActiveAppPinInfo, l10n: Localizer): string | undefined {
	if (pin.pinned) {
		return l10n.t('You chose this app for the status bar.');
	}
	// With one app there is nothing to follow.
	return pin.appCount > 1 ? l10n.t('The status bar follows the app you used last.') : undefined;
}

/** Copy As… while the token works, Refresh once there is one, and switching when there is a choice or a pin to undo. */
function tooltipLinks(
	name: string,
	hasToken: boolean,
	works: boolean,
	pin: ActiveAppPinInfo,
	{ uiMark }: ExpiryStatusContext,
	commands: TooltipCommands,
	l10n: Localizer,
): string {
	const args = (...given: unknown[]): unknown[] => (uiMark === undefined ? given : [...given, uiMark]);
	const links = [
		...(works ? [commandLink(l10n.t('Copy As…'), commands.copyAs, args(name))] : []),
		...(hasToken ? [commandLink(l10n.t('Refresh'), commands.refresh, args(name))] : []),
		...(hasToken ? [commandLink(l10n.t('Check'), commands.check, args(name))] : []),
		...(pin.pinned || pin.appCount > 1 ? [commandLink(l10n.t('Show another app…'), commands.pin, args())] : []),
	];
	return links.join(' · ');
}
