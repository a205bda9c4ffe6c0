import * as vscode from 'vscode';
import type { AppConfigProblem } from '../../app/config/appConfig';
import { formatProblem, parseApps } from '../../app/config/appConfig';
import { createConfiguredClient } from '../../app/tokens/clientFactory';
import type { Log } from '../../app/ports/log';
import type { TicketService } from '../../app/jssdk/ticketService';
import type { TokenService } from '../../app/tokens/tokenService';
import { COMMAND_ID, HAS_APPS_CONTEXT_KEY, NO_APPS_CONTEXT_KEY } from '../commandIds';
import type { Settings } from '../settings';
import type { ExpiryStatusBar } from '../statusBar/expiryStatusBar';
import type { AppsTreeProvider } from '../tree/appsTreeProvider';
import type { AppsTreeElement } from '../tree/appTreeItems';
import { showWarningMessage } from '../notifications';

export interface SyncTargets {
	readonly service: TokenService;
	/** Reads the apps' stored JS-SDK tickets, which the tree shows. */
	readonly tickets: Pick<TicketService, 'setApps'>;
	readonly tree: AppsTreeProvider;
	readonly treeView: vscode.TreeView<AppsTreeElement>;
	readonly statusBar: ExpiryStatusBar;
	readonly log: Log;
}

/**
 * Applies the apps now and every setting whenever it changes: the apps (invalid entries reported in the view, the log
 * and once in a notification), the timeout and language of the client, the refresh margin and the warning threshold.
 * The numbers in force at start-up are not applied again: the service was built with them and the views drew with
 * them, so the first pass would only build a second client and redraw what was just drawn.
 */
export class SettingsSync implements vscode.Disposable {
	private readonly subscription: vscode.Disposable;
	private lastProblems = '';

	constructor(
		private readonly settings: Settings,
		private readonly targets: SyncTargets,
	) {
		this.applyApps();
		this.subscription = settings.onDidChange((change) => {
			if (change.numbers) {
				this.applyNumbers();
			}
			if (change.apps) {
				this.applyApps();
			}
		});
	}

	dispose(): void {
		this.subscription.dispose();
	}

	private applyApps(): void {
		const { apps, problems } = parseApps(this.settings.read().apps, vscode.l10n);
		this.reportProblems(problems);
		void vscode.commands.executeCommand('setContext', NO_APPS_CONTEXT_KEY, apps.length === 0);
		void vscode.commands.executeCommand('setContext', HAS_APPS_CONTEXT_KEY, apps.length > 0);
		void this.targets.service.setApps(apps);
		void this.targets.tickets.setApps(apps);
	}

	private applyNumbers(): void {
		const snapshot = this.settings.read();
		const { service, log } = this.targets;
		service.setClient(createConfiguredClient(snapshot.requestTimeoutSeconds, vscode.env.language, log));
		service.setMarginMs(snapshot.refreshMarginMs);
		this.targets.statusBar.update();
		this.targets.tree.refresh();
	}

	private reportProblems(problems: readonly AppConfigProblem[]): void {
		const lines = problems.map((problem) => formatProblem(problem, vscode.l10n));
		// Told once per set of problems; an entry that only moved in the list is not news.
		const key = problems.map((problem) => `${problem.name ?? problem.index}: ${problem.message}`).join('\n');
		this.targets.treeView.message =
			problems.length === 0
				? undefined
				: vscode.l10n.t({
						message: 'Apps in the settings that are invalid and not shown: {0}. See the log.',
						args: [problems.length],
						comment: ['{0} is a number of apps'],
					});
		if (key === this.lastProblems) {
			return;
		}
		this.lastProblems = key;
		lines.forEach((line) => this.targets.log.warn(`Invalid setting wechatAccessToken.apps: ${line}`));
		if (problems.length === 0) {
			return;
		}
		const openSettings = vscode.l10n.t('Open Settings');
		const showLog = vscode.l10n.t('Show Log');
		void showWarningMessage(
			lines.length === 1
				? (lines[0] ?? '')
				: vscode.l10n.t({
						message: '{0} apps in the settings are invalid.',
						args: [lines.length],
						comment: ['{0} is a number, at least 2'],
					}),
			openSettings,
			showLog,
		).then((choice) =>
			choice === openSettings
				? vscode.commands.executeCommand(COMMAND_ID.openSettings)
				: choice === showLog
					? vscode.commands.executeCommand(COMMAND_ID.showLog)
					: undefined,
		);
	}
}
