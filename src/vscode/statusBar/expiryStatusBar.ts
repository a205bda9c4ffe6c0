import * as vscode from 'vscode';
import type { TokenHealth } from '../../app/health/tokenHealth';
import type { ActiveApp } from '../../app/tokens/activeApp';
import { nextTickDelayMs } from '../../app/expiry/countdown';
import { expiryStatus } from '../../app/presentation/expiryStatus';
import type { ExpiryStatus } from '../../app/presentation/expiryStatus';
import { Ticker } from '../../app/expiry/ticker';
import type { TokenService } from '../../app/tokens/tokenService';
import { COMMAND_ID, STATUS_BAR_ID } from '../commandIds';
import { UI_INVOCATION } from '../invocationOrigin';
import type { Settings } from '../settings';
import { DisposableOwner } from '../../app/ports/lifecycle';

const BACKGROUNDS: { readonly [K in ExpiryStatus['state']]: string | undefined } = {
	none: undefined,
	valid: undefined,
	expiring: 'statusBarItem.warningBackground',
	expired: 'statusBarItem.errorBackground',
	error: 'statusBarItem.errorBackground',
};

/** The tooltip's links run these commands only: a MarkdownString trusts no other `command:` link. */
const TOOLTIP_COMMANDS = {
	copyAs: COMMAND_ID.copyTokenAs,
	refresh: COMMAND_ID.refreshToken,
	pin: COMMAND_ID.focusStatusBar,
	check: COMMAND_ID.checkToken,
} as const;

/** The item the countdown is shown in; src/extension.ts creates it and hands it to `ExpiryStatusBar`. */
export function createExpiryStatusBarItem(): vscode.StatusBarItem {
	return vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
}

/**
 * The countdown of the active token (the app pinned to the status bar, else the most recently used one), while one
 * is known; a pinned app without a token shows as such. Its timer runs only while the token counts down (every
 * minute, every second in the last minute) and is disposed with the item.
 */
export class ExpiryStatusBar extends DisposableOwner {
	private readonly ticker: Ticker;

	constructor(
		private readonly service: TokenService,
		private readonly activeApp: ActiveApp,
		private readonly settings: Settings,
		private readonly health: TokenHealth,
		private readonly item: vscode.StatusBarItem,
	) {
		super();
		this.item.name = vscode.l10n.t('WeChat Access Token Expiry');
		// Disposed last made first: the item goes once nothing can draw on it any more.
		this.register(item);
		this.ticker = this.register(
			new Ticker(
				() => this.nextDelayMs(),
				() => this.render(),
			),
		);
		this.register(activeApp.onDidChange(() => this.update()));
		this.register(health.onDidChange(() => this.update()));
		this.update();
	}

	/** Redraws and re-plans the timer; call when settings change. */
	update(): void {
		this.render();
		this.ticker.schedule();
	}

	private render(): void {
		const active = this.activeApp.state();
		const model = expiryStatus(
			active,
			{
				refusal:
					active === undefined
						? undefined
						: this.health.deadCheck(active.app.identity, active.token?.accessToken),
				now: Date.now(),
				warnBeforeMs: this.warnBeforeMs(),
				locale: vscode.env.language,
				pin: { pinned: this.activeApp.pinned() !== undefined, appCount: this.service.getApps().length },
				commands: TOOLTIP_COMMANDS,
				uiMark: UI_INVOCATION,
			},
			vscode.l10n,
		);
		if (model === undefined) {
			this.item.hide();
			return;
		}
		const background = BACKGROUNDS[model.state];
		const command = { copy: COMMAND_ID.copyToken, check: COMMAND_ID.checkToken, refresh: COMMAND_ID.getToken }[
			model.clickAction
		];
		this.item.text = model.text;
		const tooltip = new vscode.MarkdownString(model.tooltip);
		tooltip.isTrusted = { enabledCommands: Object.values(TOOLTIP_COMMANDS) };
		this.item.tooltip = tooltip;
		this.item.accessibilityInformation = { label: model.accessibilityLabel, role: 'button' };
		this.item.backgroundColor = background === undefined ? undefined : new vscode.ThemeColor(background);
		this.item.command = {
			title: {
				copy: vscode.l10n.t('Copy the token'),
				check: vscode.l10n.t('Check the token'),
				refresh: vscode.l10n.t('Get a new token'),
			}[model.clickAction],
			// An expired token is not in the cache any more, so "get" fetches a new one (without the stable-refresh question).
			command,
			// The click is the user's: the mark says so to the command (see invocationOrigin).
			arguments: [model.appName, UI_INVOCATION],
		};
		this.item.show();
	}

	private nextDelayMs(): number | undefined {
		const token = this.activeApp.state()?.token;
		return token === undefined ? undefined : nextTickDelayMs(token.expiresAt - Date.now(), this.warnBeforeMs());
	}

	private warnBeforeMs(): number {
		return this.settings.read().warnBeforeExpiryMs;
	}
}
