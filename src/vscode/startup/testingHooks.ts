import type * as vscode from 'vscode';
import type { WechatAccessTokenApi } from '../../api/wechatAccessTokenApi';
import type { ActiveApp } from '../../app/tokens/activeApp';
import type { ExpiryAlert } from '../../app/expiry/expiryAlerts';
import type { ClassicConsent } from '../../app/tokens/classicConsent';
import type { CredentialStore } from '../../app/credentials/credentialStore';
import type { TokenService } from '../../app/tokens/tokenService';
import type { ShownAlert } from '../expiry/expiryAlertNotification';
import type { AppsTreeProvider } from '../tree/appsTreeProvider';
import type { AppsTreeElement } from '../tree/appTreeItems';
import type { TokenHealth } from '../../app/health/tokenHealth';

/*
 * Test builds only. src/extension.ts reaches this module behind esbuild's `__TEST_HOOKS__`, which is false in the
 * `--production` bundle that `npm run package` ships (esbuild then drops the module and every `__testing` word), and
 * hands the hooks out only while VS Code runs the extension's tests (`ExtensionMode.Test`). The integration drivers
 * build with `--production --test-hooks`: the shipped bundle plus this.
 */

/** What the status bar item shows, as plain data: a StatusBarItem cannot say whether it is shown. */
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

const HIDDEN: StatusBarSnapshot = {
	visible: false,
	text: '',
	tooltip: '',
	background: undefined,
	command: undefined,
	commandArguments: [],
};

/**
 * The extension's own objects, for test/integration, which runs inside the real extension host. They let tests store
 * secrets through the very CredentialStore the commands use (no password box to drive) and read what the tree, the
 * status bar and the expiry alerts show. Handing out `secrets` is why none of this is in the shipped bundle.
 */
export interface TestingHooks {
	/** How long `activate()` took, in ms, measured inside it. */
	readonly activationMs: number;
	/** How long building the services took (src/services.ts, run right after activation), in ms. */
	readonly servicesStartMs: number;
	readonly service: TokenService;
	readonly activeApp: ActiveApp;
	readonly credentials: CredentialStore;
	readonly consent: ClassicConsent;
	/** What token checks and quota reads learned (dead tokens, quotas). */
	readonly health: TokenHealth;
	readonly tree: AppsTreeProvider;
	readonly treeView: vscode.TreeView<AppsTreeElement>;
	readonly statusBar: { snapshot(): StatusBarSnapshot };
	/** The expiry alerts shown in this window, oldest first (a notification's text cannot be read back from VS Code). */
	readonly expiry: { history(): readonly ShownAlert[] };
	readonly secrets: vscode.SecretStorage;
	/** `context.environmentVariableCollection`: what new terminals get (WECHAT_ACCESS_TOKEN). */
	readonly terminalEnvironment: vscode.EnvironmentVariableCollection;
}

/** What `activate()` of a test build returns under test: the public API and, beside it, `__testing`. */
export interface ExtensionExports extends WechatAccessTokenApi {
	readonly __testing?: TestingHooks;
}

/** Watches the objects that show things to the user, as they are built, so the hooks can say what was shown. */
export class TestObservation {
	private readonly alerts: ShownAlert[] = [];
	private statusBarItem: vscode.StatusBarItem | undefined;
	private statusBarVisible = false;

	/** The status bar item as it is, except that its `show` and `hide` are noted. */
	watchStatusBarItem(item: vscode.StatusBarItem): vscode.StatusBarItem {
		this.statusBarItem = item;
		const note = (visible: boolean, call: () => void) => () => {
			this.statusBarVisible = visible;
			call();
		};
		const show = note(true, () => item.show());
		const hide = note(false, () => item.hide());
		// Everything else goes to the item itself (bound to it, whatever its implementation keeps private).
		return new Proxy(item, {
			get: (target, property) => {
				if (property === 'show') {
					return show;
				}
				if (property === 'hide') {
					return hide;
				}
				const value: unknown = Reflect.get(target, property, target);
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
			},
			set: (target, property, value) => Reflect.set(target, property, value, target),
		});
	}

	/** `show`, with each alert it shows noted. */
	recordAlerts(show: (alert: ExpiryAlert) => ShownAlert): (alert: ExpiryAlert) => ShownAlert {
		return (alert) => {
			const shown = show(alert);
			this.alerts.push(shown);
			return shown;
		};
	}

	/** The public API with the hooks beside it. */
	exports(api: WechatAccessTokenApi, parts: Omit<TestingHooks, 'statusBar' | 'expiry'>): ExtensionExports {
		return {
			...api,
			__testing: {
				...parts,
				statusBar: { snapshot: () => this.statusBarSnapshot() },
				expiry: { history: () => this.alerts },
			},
		};
	}

	private statusBarSnapshot(): StatusBarSnapshot {
		const item = this.statusBarItem;
		if (item === undefined || !this.statusBarVisible) {
			return HIDDEN;
		}
		// `id` is public at run time; the 1.74 typings just do not declare it.
		const background: { readonly id?: string } | undefined = item.backgroundColor;
		const command = typeof item.command === 'string' ? { command: item.command, arguments: [] } : item.command;
		return {
			visible: true,
			text: item.text,
			tooltip: typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''),
			background: background?.id,
			command: command?.command,
			commandArguments: command?.arguments ?? [],
		};
	}
}
