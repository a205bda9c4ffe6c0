import * as vscode from 'vscode';
import type { TokenHealth } from '../../app/health/tokenHealth';
import type { ActiveApp } from '../../app/tokens/activeApp';
import { nextTickDelayMs } from '../../app/expiry/countdown';
import { Ticker } from '../../app/expiry/ticker';
import type { TokenService } from '../../app/tokens/tokenService';
import type { Settings } from '../settings';
import type { AppsTreeElement, ItemView } from './appTreeItems';
import { appItem, detailElements, detailItem, quotaItem, ticketItem } from './appTreeItems';
import type { TicketService } from '../../app/jssdk/ticketService';
import { DisposableOwner } from '../../app/ports/lifecycle';

/**
 * The apps view: one item per configured app in settings order, its rows below. Redraws when the service reports a
 * change, when another app is pinned to the status bar (its item is marked), when a check or a quota read taught
 * something about an app, and while a token counts down, when its "… left" text would change.
 */
export class AppsTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<AppsTreeElement> {
	private readonly changed = this.register(new vscode.EventEmitter<AppsTreeElement | undefined>());
	readonly onDidChangeTreeData = this.changed.event;
	/** App names whose token row shows the full token. */
	private readonly revealed = new Set<string>();
	/** Every element given to VS Code: a tree item's menu passes one of these objects, nothing else does. */
	private readonly handedOut = new WeakSet<AppsTreeElement>();
	private readonly ticker = this.register(
		new Ticker(
			() => this.nextDelayMs(),
			() => this.changed.fire(undefined),
		),
	);

	constructor(
		private readonly service: TokenService,
		private readonly activeApp: ActiveApp,
		private readonly settings: Settings,
		private readonly health: TokenHealth,
		private readonly tickets: TicketService,
	) {
		// The active app relays every change of the service's tokens (and adds the pin's): listening to both redrew the
		// tree twice per change, and VS Code's second refresh came 200 ms later as a second round of calls.
		super();
		this.register(activeApp.onDidChange(() => this.refresh()));
		this.register(health.onDidChange(() => this.refresh()));
		this.register(tickets.onDidChange(() => this.refresh()));
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

	/** Whether `value` is an element this tree gave VS Code (not a look-alike made by other code): see `invocationOrigin`. */
	isOwnElement(value: unknown): boolean {
		return typeof value === 'object' && value !== null && this.handedOut.has(value as AppsTreeElement);
	}

	getTreeItem(element: AppsTreeElement): vscode.TreeItem {
		const app = this.service.findApp(element.appName);
		if (app === undefined) {
			// Removed between the tree asking for children and for their items.
			return new vscode.TreeItem(element.appName);
		}
		const state = this.service.state(app);
		const view = this.view(element.appName, this.health.isDead(app.identity, state.token?.accessToken));
		if (element.kind === 'ticket') {
			const held = this.tickets.held(app, 'jsapi');
			return held === undefined ? new vscode.TreeItem(element.appName) : ticketItem(element, held, view);
		}
		if (element.kind === 'quota') {
			const quota = this.health.recentQuotas(app.identity).find((read) => read.path === element.path);
			return quota === undefined ? new vscode.TreeItem(element.path) : quotaItem(element, quota, view);
		}
		return element.kind === 'app' ? appItem(state, view) : detailItem(element, state, view);
	}

	getChildren(element?: AppsTreeElement): AppsTreeElement[] {
		if (element === undefined) {
			return this.handOut(this.service.getApps().map((app) => ({ kind: 'app', appName: app.name })));
		}
		const app = element.kind === 'app' ? this.service.findApp(element.appName) : undefined;
		return app === undefined
			? []
			: this.handOut(
					detailElements(
						this.service.state(app),
						this.health.recentQuotas(app.identity),
						this.tickets.held(app, 'jsapi') !== undefined,
					),
				);
	}

	getParent(element: AppsTreeElement): AppsTreeElement | undefined {
		return element.kind === 'app' ? undefined : this.handOut([{ kind: 'app', appName: element.appName }])[0];
	}

	private handOut<T extends AppsTreeElement>(elements: T[]): T[] {
		elements.forEach((element) => this.handedOut.add(element));
		return elements;
	}

	private view(appName: string, refusedByWechat: boolean): ItemView {
		const settings = this.settings.read();
		return {
			now: Date.now(),
			warnBeforeMs: settings.warnBeforeExpiryMs,
			locale: vscode.env.language,
			revealed: this.revealed.has(appName),
			timeoutSeconds: settings.requestTimeoutSeconds,
			pinned: this.activeApp.pinned()?.name === appName,
			refusedByWechat,
		};
	}

	/** The soonest moment any app's description changes; `undefined` when nothing counts down. */
	private nextDelayMs(): number | undefined {
		const now = Date.now();
		const warnBeforeMs = this.settings.read().warnBeforeExpiryMs;
		const expiries = this.service
			.getApps()
			.flatMap((app) => [
				this.service.state(app).token?.expiresAt,
				this.tickets.held(app, 'jsapi')?.ticket.expiresAt,
			]);
		const delays = expiries
			.flatMap((expiresAt) => (expiresAt === undefined ? [] : [nextTickDelayMs(expiresAt - now, warnBeforeMs)]))
			.filter((delay): delay is number => delay !== undefined);
		return delays.length === 0 ? undefined : Math.min(...delays);
	}
}
