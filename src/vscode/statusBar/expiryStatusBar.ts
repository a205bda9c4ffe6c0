import * as vscode from 'vscode';
import { nextTickDelayMs } from '../../app/countdown';
import { expiryStatus } from '../../app/expiryStatus';
import type { ExpiryStatus } from '../../app/expiryStatus';
import { Ticker } from '../../app/ticker';
import type { TokenService } from '../../app/tokenService';
import { COMMAND_ID, STATUS_BAR_ID } from '../commands/commandIds';
import type { Settings } from '../settings';

const BACKGROUNDS: { readonly [K in ExpiryStatus['state']]: string | undefined } = {
	idle: undefined,
	counting: undefined,
	expiring: 'statusBarItem.warningBackground',
	expired: 'statusBarItem.errorBackground',
	error: 'statusBarItem.errorBackground',
};

/** What the item shows, as plain data: the integration tests read it (a StatusBarItem cannot say whether it is shown). */
export interface StatusBarSnapshot {
	readonly visible: boolean;
	readonly text: string;
	/** Markdown. */
	readonly tooltip: string;
	/** The theme color id of the background. */
	readonly background: string | undefined;
	readonly command: string | undefined;
	readonly commandArguments: readonly unknown[];
}

const HIDDEN: StatusBarSnapshot = { visible: false, text: '', tooltip: '', background: undefined, command: undefined, commandArguments: [] };

/** The tooltip's links run these commands only: a MarkdownString trusts no other `command:` link. */
const TOOLTIP_COMMANDS = { copyAs: COMMAND_ID.copyTokenAs, refresh: COMMAND_ID.refreshToken, focus: COMMAND_ID.focusStatusBar } as const;

/**
 * The countdown of the active token (the app pinned to the status bar, else the most recently used one), while one
 * is known; a pinned app without a token shows as such. Its timer runs only while the token counts down (every
 * minute, every second in the last minute) and is disposed with the item.
 */
export class ExpiryStatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
	private readonly ticker = new Ticker(
		() => this.nextDelayMs(),
		() => this.render(),
	);
	private readonly subscription: { dispose(): void };
	private shown = HIDDEN;

	constructor(
		private readonly service: TokenService,
		private readonly settings: Settings,
	) {
		this.item.name = vscode.l10n.t('WeChat Access Token Expiry');
		this.subscription = service.onDidChange(() => this.update());
		this.update();
	}

	/** Redraws and re-plans the timer; call when settings change. */
	update(): void {
		this.render();
		this.ticker.schedule();
	}

	snapshot(): StatusBarSnapshot {
		return this.shown;
	}

	dispose(): void {
		this.ticker.dispose();
		this.subscription.dispose();
		this.item.dispose();
	}

	private render(): void {
		const model = expiryStatus(
			this.service.activeState(),
			{
				now: Date.now(),
				warnBeforeMs: this.warnBeforeMs(),
				locale: vscode.env.language,
				focus: { pinned: this.service.pinnedApp() !== undefined, appCount: this.service.getApps().length },
				commands: TOOLTIP_COMMANDS,
			},
			vscode.l10n,
		);
		if (model === undefined) {
			this.item.hide();
			this.shown = HIDDEN;
			return;
		}
		const background = BACKGROUNDS[model.state];
		const command = model.clickAction === 'copy' ? COMMAND_ID.copyToken : COMMAND_ID.getToken;
		this.item.text = model.text;
		const tooltip = new vscode.MarkdownString(model.tooltip);
		tooltip.isTrusted = { enabledCommands: Object.values(TOOLTIP_COMMANDS) };
		this.item.tooltip = tooltip;
		this.item.accessibilityInformation = { label: model.accessibilityLabel, role: 'button' };
		this.item.backgroundColor = background === undefined ? undefined : new vscode.ThemeColor(background);
		this.item.command = {
			title: model.clickAction === 'copy' ? vscode.l10n.t('Copy the token') : vscode.l10n.t('Get a new token'),
			// An expired token is not in the cache any more, so "get" fetches a new one (without the stable-refresh question).
			command,
			arguments: [model.appName],
		};
		this.item.show();
		this.shown = { visible: true, text: model.text, tooltip: model.tooltip, background, command, commandArguments: [model.appName] };
	}

	private nextDelayMs(): number | undefined {
		const token = this.service.activeState()?.token;
		return token === undefined ? undefined : nextTickDelayMs(token.expiresAt - Date.now(), this.warnBeforeMs());
	}

	private warnBeforeMs(): number {
		return this.settings.read().warnBeforeExpiryMinutes * 60_000;
	}
}
