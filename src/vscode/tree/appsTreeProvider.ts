import * as vscode from 'vscode';
import { nextTickDelayMs } from '../../app/countdown';
import { Ticker } from '../../app/ticker';
import type { TokenService } from '../../app/tokenService';
import type { Settings } from '../settings';
import type { AppsTreeElement, ItemView } from './appTreeItems';
import { appItem, detailElements, detailItem } from './appTreeItems';

/**
 * The apps view: one item per configured app in settings order, its rows below. Redraws when the service reports a
 * change, and while a token counts down, when its "… left" text would change.
 */
export class AppsTreeProvider implements vscode.TreeDataProvider<AppsTreeElement>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<AppsTreeElement | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	/** App names whose token row shows the full token. */
	private readonly revealed = new Set<string>();
	private readonly ticker = new Ticker(
		() => this.nextDelayMs(),
		() => this.changed.fire(undefined),
	);
	private readonly subscription: { dispose(): void };

	constructor(
		private readonly service: TokenService,
		private readonly settings: Settings,
	) {
		this.subscription = service.onDidChange(() => this.refresh());
	}

	refresh(): void {
		this.changed.fire(undefined);
		this.ticker.schedule();
	}

	revealToken(appName: string): void {
		this.revealed.add(appName);
		this.refresh();
	}

	hideToken(appName: string): void {
		if (this.revealed.delete(appName)) {
			this.refresh();
		}
	}

	getTreeItem(element: AppsTreeElement): vscode.TreeItem {
		const app = this.service.findApp(element.appName);
		if (app === undefined) {
			// Removed between the tree asking for children and for their items.
			return new vscode.TreeItem(element.appName);
		}
		const state = this.service.state(app);
		const view = this.view(element.appName);
		return element.kind === 'app' ? appItem(state, view) : detailItem(element, state, view);
	}

	getChildren(element?: AppsTreeElement): AppsTreeElement[] {
		if (element === undefined) {
			return this.service.getApps().map((app) => ({ kind: 'app', appName: app.name }));
		}
		const app = element.kind === 'app' ? this.service.findApp(element.appName) : undefined;
		return app === undefined ? [] : detailElements(this.service.state(app));
	}

	getParent(element: AppsTreeElement): AppsTreeElement | undefined {
		return element.kind === 'detail' ? { kind: 'app', appName: element.appName } : undefined;
	}

	dispose(): void {
		this.ticker.dispose();
		this.subscription.dispose();
		this.changed.dispose();
	}

	private view(appName: string): ItemView {
		const settings = this.settings.read();
		return {
			now: Date.now(),
			warnBeforeMs: settings.warnBeforeExpiryMinutes * 60_000,
			locale: vscode.env.language,
			revealed: this.revealed.has(appName),
			timeoutSeconds: settings.requestTimeoutSeconds,
			pinned: this.service.pinnedApp()?.name === appName,
		};
	}

	/** The soonest moment any app's description changes; `undefined` when nothing counts down. */
	private nextDelayMs(): number | undefined {
		const now = Date.now();
		const warnBeforeMs = this.settings.read().warnBeforeExpiryMinutes * 60_000;
		const delays = this.service
			.getApps()
			.map((app) => this.service.state(app).token)
			.flatMap((token) => (token === undefined ? [] : [nextTickDelayMs(token.expiresAt - now, warnBeforeMs)]))
			.filter((delay): delay is number => delay !== undefined);
		return delays.length === 0 ? undefined : Math.min(...delays);
	}
}
