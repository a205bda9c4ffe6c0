import * as vscode from 'vscode';
import type { WechatApp, WechatAppConfig } from '../../../src/app/appConfig';
import type { TokenSourceKind } from '../../../src/core/tokenTypes';
import type { ExtensionExports, TestingHooks } from '../../../src/vscode/testingHooks';
import type { AppsTreeElement } from '../../../src/vscode/tree/appTreeItems';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import { sandbox, sandboxUrl } from './sandboxControl';
import { waitFor } from './waitFor';

export const EXTENSION_ID = 'wechat-access-token.wechat-access-token';

export function extension(): vscode.Extension<ExtensionExports> {
	const found = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
	if (found === undefined) {
		throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
	}
	return found;
}

/** The extension's own objects (see src/vscode/testingHooks.ts), activating it if the host has not yet. */
export async function hooks(): Promise<TestingHooks> {
	const ext = extension();
	const exports = ext.isActive ? ext.exports : await ext.activate();
	if (exports.__testing === undefined) {
		throw new Error('The extension exports no __testing hooks: WECHAT_ACCESS_TOKEN_TEST_HOOKS=1 must be set on the VS Code process');
	}
	return exports.__testing;
}

/** A settings entry for `source` that the sandbox accepts. */
export function sandboxEntry(source: TokenSourceKind, name: string, overrides: Partial<WechatAppConfig> = {}): WechatAppConfig {
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
export async function configureApps(entries: readonly WechatAppConfig[], valid = entries.map((entry) => entry.name)): Promise<WechatApp[]> {
	const { service } = await hooks();
	await vscode.workspace.getConfiguration('wechatAccessToken').update('apps', entries, vscode.ConfigurationTarget.Global);
	const names = valid.join('\n');
	return waitFor('the extension to apply the apps setting', () => {
		const apps = service.getApps();
		const applied = apps.map((app) => app.name).join('\n') === names && apps.every((app) => service.state(app).credentials !== 'unknown');
		return applied && [...apps];
	});
}

/** One app of `source`, configured, with its secrets stored through the extension's CredentialStore. */
export async function configuredApp(source: TokenSourceKind, name: string, overrides: Partial<WechatAppConfig> = {}): Promise<WechatApp> {
	const { service, consent } = await hooks();
	const [app] = await configureApps([sandboxEntry(source, name, overrides)]);
	if (app === undefined) {
		throw new Error(`"${name}" was not configured`);
	}
	await service.credentials.write(app, sandboxSecrets(source));
	if (source === 'wechat') {
		// What the user's "Allow for This App" in the modal stores.
		await consent.grant(app);
	}
	await waitFor(`the credentials of "${name}" to be present`, () => service.state(app).credentials === 'present');
	return app;
}

/** Between tests: every app removed with its secrets and cached token, settings emptied, the sandbox back to its start. */
export async function resetAll(): Promise<void> {
	const { service, consent } = await hooks();
	for (const app of service.getApps()) {
		await service.remove(app);
		await consent.revoke(app);
	}
	await configureApps([]);
	await sandbox.reset();
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
	return element.kind === 'detail' ? element.detail : 'app';
}

export function iconId(item: vscode.TreeItem): string | undefined {
	return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}
