import * as vscode from 'vscode';
import { appStatus, withStatusBarMark } from '../../app/presentation/appStatus';
import type { AppStatusKind } from '../../app/presentation/appStatus';
import { appContextValue, DETAIL_CONTEXT_VALUE, tokenContextValue } from '../../app/presentation/contextValues';
import { formatLocalTime, formatRemaining } from '../../app/presentation/timeFormats';
import type { HeldTicket } from '../../app/jssdk/ticketService';
import { errorSummary, presentError } from '../../app/errors/errorMessages';
import { escapeMarkdown } from '../../app/presentation/inertText';
import { maskToken } from '../../app/tokens/maskToken';
import { sourceLabel } from '../../app/presentation/sourceLabels';
import type { AppState } from '../../app/tokens/tokenService';
import { isQuotaLow, quotaBar } from '../../app/health/quotaBar';
import type { ApiQuota } from '../../core/diagnostics/diagnosticTypes';

export interface AppElement {
	readonly kind: 'app';
	readonly appName: string;
}

export type DetailKind = 'token' | 'expiry' | 'source' | 'host' | 'error';

export interface DetailElement {
	readonly kind: 'detail';
	readonly appName: string;
	readonly detail: DetailKind;
}

/** The last quota read of one API path, under its app. */
export interface QuotaElement {
	readonly kind: 'quota';
	readonly appName: string;
	readonly path: string;
}

/** The app's JS-SDK ticket, while one is held. */
export interface TicketElement {
	readonly kind: 'ticket';
	readonly appName: string;
}

/** What the tree holds and what its menus pass to commands: plain data naming the app. */
export type AppsTreeElement = AppElement | DetailElement | QuotaElement | TicketElement;

export function isAppsTreeElement(value: unknown): value is AppsTreeElement {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const { kind, appName } = value as Record<string, unknown>;
	return (
		(kind === 'app' || kind === 'detail' || kind === 'quota' || kind === 'ticket') && typeof appName === 'string'
	);
}

/** How an item is drawn at this moment. */
export interface ItemView {
	readonly now: number;
	readonly warnBeforeMs: number;
	readonly locale: string;
	readonly revealed: boolean;
	readonly timeoutSeconds: number;
	/** The app is pinned to the status bar. */
	readonly pinned: boolean;
	/** WeChat refused the app's current token when it was checked. */
	readonly refusedByWechat: boolean;
}

const ICONS: { readonly [K in AppStatusKind]: vscode.ThemeIcon } = {
	busy: new vscode.ThemeIcon('loading~spin'),
	refused: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
	valid: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
	expiring: new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground')),
	error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
	credentialsMissing: new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.warningForeground')),
	storageUnavailable: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground')),
	expired: new vscode.ThemeIcon('history'),
	noToken: new vscode.ThemeIcon('circle-outline'),
};

export function appItem(state: AppState, view: ItemView): vscode.TreeItem {
	const l10n = vscode.l10n;
	const { app } = state;
	const status = appStatus(state, view.now, view.warnBeforeMs, l10n, view.refusedByWechat);
	const item = new vscode.TreeItem(app.name, vscode.TreeItemCollapsibleState.Collapsed);
	item.id = `app:${app.name}`;
	item.description = withStatusBarMark(status.description, view.pinned, l10n);
	item.iconPath = ICONS[status.kind];
	item.contextValue = appContextValue(app.source, status.token, state.credentials, view.pinned);

	const lines = [
		`**${escapeMarkdown(app.name)}**: ${escapeMarkdown(status.description)}`,
		'',
		`${escapeMarkdown(l10n.t('Source'))}: ${escapeMarkdown(sourceLabel(app.source, l10n))} (\`${app.source}\`)`,
		'',
		`AppID: \`${app.appId}\``,
		'',
		`${escapeMarkdown(l10n.t('Host'))}: ${escapeMarkdown(app.host)}`,
	];
	if (state.token !== undefined) {
		lines.push(
			'',
			`${escapeMarkdown(l10n.t('Expires at'))}: ${escapeMarkdown(formatLocalTime(state.token.expiresAt, view.now, view.locale))}`,
		);
	}
	if (view.refusedByWechat) {
		lines.push(
			'',
			escapeMarkdown(l10n.t('WeChat refused this token when it was checked. Refresh to get the one in force.')),
		);
	}
	const failure = describeFailure(state, view);
	if (failure !== undefined) {
		lines.push('', escapeMarkdown(failure));
	}
	if (view.pinned) {
		lines.push('', escapeMarkdown(l10n.t('Shown in the status bar, as you chose.')));
	}
	item.tooltip = new vscode.MarkdownString(lines.join('\n'));
	return item;
}

/**
 * The rows under an app, in a fixed order: token and expiry once a token is known, then source, host, last failure,
 * the JS-SDK ticket while one is held, then the last quotas read (newest first).
 */
export function detailElements(
	state: AppState,
	quotas: readonly ApiQuota[],
	ticketHeld: boolean,
): (DetailElement | QuotaElement | TicketElement)[] {
	const kinds: DetailKind[] = [
		...(state.token === undefined ? [] : (['token', 'expiry'] as const)),
		'source',
		'host',
	];
	if (state.error !== undefined) {
		kinds.push('error');
	}
	return [
		...kinds.map((detail): DetailElement => ({ kind: 'detail', appName: state.app.name, detail })),
		...(ticketHeld ? [{ kind: 'ticket', appName: state.app.name } as const] : []),
		...quotas.map((quota): QuotaElement => ({ kind: 'quota', appName: state.app.name, path: quota.path })),
	];
}

/** `/cgi-bin/stable_token   ▰▰▰▰▰ 9997 / 10000`: what is left of the API's daily quota, as last read. */
export function quotaItem(element: QuotaElement, quota: ApiQuota, view: ItemView): vscode.TreeItem {
	const l10n = vscode.l10n;
	const item = new vscode.TreeItem(quota.path, vscode.TreeItemCollapsibleState.None);
	item.id = `app:${element.appName}:quota:${quota.path}`;
	item.description = quotaBar(quota);
	const low = isQuotaLow(quota);
	item.iconPath = low
		? new vscode.ThemeIcon('dashboard', new vscode.ThemeColor('list.warningForeground'))
		: new vscode.ThemeIcon('dashboard');
	item.contextValue = DETAIL_CONTEXT_VALUE;
	const summary = l10n.t({
		message: '{0} of {1} calls left today, {2} used (read at {3}).',
		args: [quota.remain, quota.dailyLimit, quota.used, formatLocalTime(quota.checkedAt, view.now, view.locale)],
		comment: ['{0} {1} {2} are numbers, {3} a time of day'],
	});
	item.tooltip = low ? `${summary} ${l10n.t('Less than 10 % is left.')}` : summary;
	item.accessibilityInformation = { label: `${quota.path} ${summary}` };
	return item;
}

/** `JS-SDK ticket   sM4A…P7qg · 1h 59m`: masked like a token, with the time it has left. */
export function ticketItem(element: TicketElement, held: HeldTicket, view: ItemView): vscode.TreeItem {
	const l10n = vscode.l10n;
	const { ticket } = held;
	const item = new vscode.TreeItem(l10n.t('JS-SDK ticket'), vscode.TreeItemCollapsibleState.None);
	item.id = `app:${element.appName}:ticket`;
	const remaining = formatRemaining(ticket.expiresAt - view.now, l10n);
	item.description = `${maskToken(ticket.ticket)} · ${remaining}`;
	item.iconPath = new vscode.ThemeIcon(ticket.expiresAt > view.now ? 'symbol-key' : 'history');
	item.contextValue = DETAIL_CONTEXT_VALUE;
	item.tooltip = l10n.t({
		message: 'The jsapi_ticket “Sign JS-SDK Page…” signs with. Expires at {0}.',
		args: [formatLocalTime(ticket.expiresAt, view.now, view.locale)],
		comment: ['{0} is a time of day'],
	});
	item.accessibilityInformation = { label: `${l10n.t('JS-SDK ticket')} ${remaining}` };
	return item;
}

export function detailItem(element: DetailElement, state: AppState, view: ItemView): vscode.TreeItem {
	const l10n = vscode.l10n;
	const row = (label: string, description: string, icon: string): vscode.TreeItem => {
		const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
		item.id = `app:${element.appName}:${element.detail}`;
		item.description = description;
		item.iconPath = new vscode.ThemeIcon(icon);
		item.contextValue = DETAIL_CONTEXT_VALUE;
		// What a screen reader says: the row itself, not its tooltip.
		item.accessibilityInformation = { label: `${label} ${description}` };
		return item;
	};
	const { app, token } = state;
	switch (element.detail) {
		case 'token': {
			// A screen reader never reads a revealed token aloud in full; the masked form tells tokens apart.
			const item = row(l10n.t('Token'), token === undefined ? '' : maskToken(token.accessToken), 'key');
			item.description =
				token === undefined ? '' : view.revealed ? token.accessToken : maskToken(token.accessToken);
			item.contextValue = tokenContextValue(view.revealed);
			item.tooltip = view.revealed
				? l10n.t('The full token is shown. Hide it when you are done.')
				: l10n.t('Masked. Reveal it to see the full token.');
			return item;
		}
		case 'expiry': {
			const expired = token !== undefined && token.expiresAt <= view.now;
			const at = token === undefined ? '' : formatLocalTime(token.expiresAt, view.now, view.locale);
			return row(expired ? l10n.t('Expired at') : l10n.t('Expires at'), at, 'watch');
		}
		case 'source':
			return row(l10n.t('Source'), `${sourceLabel(app.source, l10n)} (${app.source})`, 'plug');
		case 'host':
			return row(l10n.t('Host'), app.host, 'globe');
		case 'error': {
			const item = row(l10n.t('Last attempt'), errorSummary(state.error, l10n), 'error');
			item.tooltip = describeFailure(state, view);
			return item;
		}
	}
}

function describeFailure(state: AppState, view: ItemView): string | undefined {
	if (state.error === undefined) {
		return undefined;
	}
	const { app } = state;
	return presentError(
		state.error,
		{ host: app.host, source: app.source, timeoutSeconds: view.timeoutSeconds },
		vscode.l10n,
	)?.message;
}
