import * as vscode from 'vscode';
import type { WechatApp, WechatAppConfig } from '../../../src/app/config/appConfig';
import { classicMintKey } from '../../../src/app/credentials/secretKeys';
import type { TokenSourceKind } from '../../../src/core/tokenTypes';
import { CHANGE_DELAY_MS } from '../../../src/app/tokens/tokenService';
import type { ExtensionExports, StatusBarSnapshot, TestingHooks } from '../../../src/vscode/startup/testingHooks';
import type { AppsTreeElement } from '../../../src/vscode/tree/appTreeItems';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../sandbox/fixtures';
import { sandbox, sandboxUrl } from './sandboxControl';
import { sleep, waitFor } from './waitFor';

export const EXTENSION_ID = 'wechat-access-token.wechat-access-token';

export function extension(): vscode.Extension<ExtensionExports> {
	const found = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
	if (found === undefined) {
		throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
	}
	return found;
}

/** The extension's own objects (see src/vscode/startup/testingHooks.ts), activating it if the host has not yet. */
export async function hooks(): Promise<TestingHooks> {
	const ext = extension();
	const exports = ext.isActive ? ext.exports : await ext.activate();
	if (exports.__testing === undefined) {
		throw new Error(
			'The extension exports no __testing hooks: build it with `node esbuild.js --production --test-hooks` and run it as the extension under test',
		);
	}
	return exports.__testing;
}

/**
 * The status bar as the user sees it once the views have heard of every change so far. The token service tells them
 * `CHANGE_DELAY_MS` after a change (so that a command's clipboard write reaches the workbench first), on a timer in
 * this very extension host, where these suites run: a longer timer set afterwards fires after it, so this waits
 * exactly long enough, whatever the machine's load.
 */
export async function statusBarShown(): Promise<StatusBarSnapshot> {
	await sleep(CHANGE_DELAY_MS + 1);
	return (await hooks()).statusBar.snapshot();
}

/** A settings entry for `source` that the sandbox accepts. */
export function sandboxEntry(
	source: TokenSourceKind,
	name: string,
	overrides: Partial<WechatAppConfig> = {},
): WechatAppConfig {
	return {
		name,
		appId: SANDBOX_WECHAT_APP.appId,
		source,
		host: sandboxUrl(),
		...(source === 'authing' ? { authingAppId: SANDBOX_AUTHING.authingAppId } : {}),
		...(source === 'authing-management' ? { accessKeyId: SANDBOX_AUTHING.accessKeyId } : {}),
		...overrides,
	};
}

/** The secrets the sandbox accepts for `source`. */
export function sandboxSecrets(source: TokenSourceKind): { appSecret: string; accessKeySecret?: string } {
	return {
		appSecret: SANDBOX_WECHAT_APP.appSecret,
		...(source === 'authing-management' ? { accessKeySecret: SANDBOX_AUTHING.accessKeySecret } : {}),
	};
}

/**
 * Writes `wechatAccessToken.apps` in the user settings, as a user editing settings.json does, and waits until the
 * extension has read them and what SecretStorage holds for each app. `valid`: the names the extension will accept.
 */
export async function configureApps(
	entries: readonly WechatAppConfig[],
	valid = entries.map((entry) => entry.name),
): Promise<WechatApp[]> {
	const { service } = await hooks();
	await vscode.workspace
		.getConfiguration('wechatAccessToken')
		.update('apps', entries, vscode.ConfigurationTarget.Global);
	const names = valid.join('\n');
	return waitFor('the extension to apply the apps setting', () => {
		const apps = service.getApps();
		const applied =
			apps.map((app) => app.name).join('\n') === names &&
			apps.every((app) => service.state(app).credentials !== 'unknown');
		return applied && [...apps];
	});
}

/** One app of `source`, configured, with its secrets stored through the extension's CredentialStore. */
export async function configuredApp(
	source: TokenSourceKind,
	name: string,
	overrides: Partial<WechatAppConfig> = {},
): Promise<WechatApp> {
	const { service, consent, credentials } = await hooks();
	const [app] = await configureApps([sandboxEntry(source, name, overrides)]);
	if (app === undefined) {
		throw new Error(`"${name}" was not configured`);
	}
	await credentials.write(app, sandboxSecrets(source));
	if (source === 'wechat') {
		// What the user's "Allow for This App" in the modal stores.
		await consent.grant(app);
	}
	await waitFor(`the credentials of "${name}" to be present`, () => service.state(app).credentials === 'present');
	return app;
}

/**
 * Between tests: every app removed with its secrets and cached token, settings emptied, the sandbox back to its start,
 * and no classic request remembered (the next test's first one would otherwise ask for a second confirmation).
 */
export async function resetAll(): Promise<void> {
	const { service, consent } = await hooks();
	for (const app of service.getApps()) {
		await service.remove(app);
		await consent.revoke(app);
	}
	await configureApps([]);
	await forgetClassicRequests();
	await sandbox.reset();
}

/**
 * Forgets when classic requests went out for the sandbox's AppIDs, as 5 minutes passing would: a test that mints
 * twice on purpose calls it in between, so the second is not asked about (a modal no test here can answer).
 */
export async function forgetClassicRequests(): Promise<void> {
	const { secrets } = await hooks();
	for (const appId of [SANDBOX_WECHAT_APP.appId, SANDBOX_WECHAT_APP_2.appId]) {
		await secrets.delete(classicMintKey(appId));
	}
}

/**
 * The element the Apps view's tree holds for an app: what VS Code passes to a command run from the app's menu there,
 * i.e. the user's own click. A command given the app's name instead is taken as run by something else, which asks
 * before a classic token.
 */
export async function fromTree(appName: string): Promise<AppsTreeElement> {
	const { tree } = await hooks();
	const element = tree.getChildren().find((candidate) => candidate.appName === appName);
	if (element === undefined) {
		throw new Error(`The tree has no item "${appName}"`);
	}
	return element;
}

/** What the tree shows for an app: its item, and its rows by detail kind. */
export async function treeOf(appName: string): Promise<{ item: vscode.TreeItem; rows: Map<string, vscode.TreeItem> }> {
	const { tree } = await hooks();
	const element = tree.getChildren().find((candidate) => candidate.appName === appName);
	if (element === undefined) {
		throw new Error(`The tree has no item "${appName}"`);
	}
	const rows = new Map<string, vscode.TreeItem>();
	for (const child of tree.getChildren(element)) {
		rows.set(detailOf(child), tree.getTreeItem(child));
	}
	return { item: tree.getTreeItem(element), rows };
}

function detailOf(element: AppsTreeElement): string {
	return element.kind === 'detail' ? element.detail : element.kind === 'quota' ? `quota:${element.path}` : 'app';
}

export function iconId(item: vscode.TreeItem): string | undefined {
	return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}
