import type * as vscode from 'vscode';
import type { WechatAccessTokenApi } from '../api/wechatAccessTokenApi';
import type { ClassicConsent } from '../app/classicConsent';
import type { TokenService } from '../app/tokenService';
import type { ExpiryAutomation } from './expiry/expiryAutomation';
import type { ExpiryStatusBar } from './statusBar/expiryStatusBar';
import type { AppsTreeProvider } from './tree/appsTreeProvider';
import type { AppsTreeElement } from './tree/appTreeItems';

/** Set to `1` on the VS Code process (the integration test drivers do) to get `__testing` in the exports. */
export const TEST_HOOKS_ENV = 'WECHAT_ACCESS_TOKEN_TEST_HOOKS';

/**
 * The extension's own objects, for test/integration, which runs inside the real extension host. They let tests store
 * secrets through the very CredentialStore the commands use (no password box to drive) and read what the tree and
 * the status bar show. Handing out `secrets` is why it exists only behind the variable.
 */
export interface TestingHooks {
	/** How long `activate()` took, in ms, measured inside it. */
	readonly activationMs: number;
	readonly service: TokenService;
	readonly consent: ClassicConsent;
	readonly tree: AppsTreeProvider;
	readonly treeView: vscode.TreeView<AppsTreeElement>;
	readonly statusBar: ExpiryStatusBar;
	/** Auto-refresh and the expiry alerts, with the alerts shown so far. */
	readonly expiry: ExpiryAutomation;
	readonly secrets: vscode.SecretStorage;
	/** `context.environmentVariableCollection`: what new terminals get (WECHAT_ACCESS_TOKEN). */
	readonly terminalEnvironment: vscode.EnvironmentVariableCollection;
}

/**
 * What `activate()` returns: the public API for other extensions (src/api/wechatAccessTokenApi.ts) and, beside it,
 * `__testing`, which stays absent unless TEST_HOOKS_ENV is `1`.
 */
export interface ExtensionExports extends WechatAccessTokenApi {
	readonly __testing?: TestingHooks;
}

export function testingExports(hooks: () => TestingHooks): Pick<ExtensionExports, '__testing'> {
	return process.env[TEST_HOOKS_ENV] === '1' ? { __testing: hooks() } : {};
}
