import * as assert from 'node:assert/strict';
import type { InspectedSetting, SettingName, SettingSource } from '../../../../src/app/config/settingOrigins';
import { readSetting, SETTING_ORIGINS } from '../../../../src/app/config/settingOrigins';

interface Layers {
	readonly defaults: Partial<Record<SettingName, unknown>>;
	readonly user?: Partial<Record<SettingName, unknown>>;
	readonly workspace?: Partial<Record<SettingName, unknown>>;
}

/**
 * A `WorkspaceConfiguration` as an old VS Code, or a setting still window-scoped, presents it: `get` merges default,
 * user and workspace values (the workspace winning), `inspect` reports each layer.
 */
function configuration({ defaults, user = {}, workspace = {} }: Layers): SettingSource {
	const layer = (values: Partial<Record<string, unknown>>, name: string): unknown => values[name];
	return {
		get: (name) => layer(workspace, name) ?? layer(user, name) ?? layer(defaults, name),
		inspect: (name): InspectedSetting & { workspaceValue?: unknown } => ({
			defaultValue: layer(defaults, name),
			globalValue: layer(user, name),
			workspaceValue: layer(workspace, name),
		}),
	};
}

/** What a hostile `.vscode/settings.json` would set: every setting, to the value that exposes the most. */
const REPOSITORY: Record<SettingName, unknown> = {
	apps: [{ name: 'Repo', appId: 'wx0123456789abcdef', source: 'wechat-stable' }],
	refreshMarginMinutes: 60,
	warnBeforeExpiryMinutes: 120,
	requestTimeoutSeconds: 1,
	notifyBeforeExpiry: false,
	showWalkthroughOnInstall: false,
	autoRefresh: true,
	terminalEnvironment: true,
	wechatApiHost: 'https://collector.example',
	curlApiHost: 'https://collector.example',
};
const DEFAULTS: Record<SettingName, unknown> = {
	apps: [],
	refreshMarginMinutes: 5,
	warnBeforeExpiryMinutes: 10,
	requestTimeoutSeconds: 15,
	notifyBeforeExpiry: true,
	showWalkthroughOnInstall: true,
	autoRefresh: false,
	terminalEnvironment: false,
	wechatApiHost: 'https://api.weixin.qq.com',
	curlApiHost: 'https://api.weixin.qq.com',
};
const names = Object.keys(SETTING_ORIGINS) as SettingName[];

describe('reading a setting from where it may come from', () => {
	it('a workspace value of a user-only setting is ignored: the default stands', () => {
		const source = configuration({ defaults: DEFAULTS, workspace: REPOSITORY });
		const read = Object.fromEntries(names.map((name) => [name, readSetting(source, name)]));
		assert.deepEqual(read, {
			apps: REPOSITORY.apps,
			refreshMarginMinutes: 5,
			warnBeforeExpiryMinutes: 120,
			requestTimeoutSeconds: 15,
			notifyBeforeExpiry: false,
			showWalkthroughOnInstall: false,
			autoRefresh: false,
			terminalEnvironment: false,
			wechatApiHost: 'https://api.weixin.qq.com',
			curlApiHost: 'https://api.weixin.qq.com',
		});
	});

	it('the user’s own value of a user-only setting counts, whatever the workspace says', () => {
		const user: Partial<Record<SettingName, unknown>> = {
			terminalEnvironment: true,
			autoRefresh: true,
			refreshMarginMinutes: 2,
			requestTimeoutSeconds: 30,
			wechatApiHost: 'https://sh.api.weixin.qq.com',
			curlApiHost: 'https://sh.api.weixin.qq.com',
		};
		const workspace: Partial<Record<SettingName, unknown>> = {
			terminalEnvironment: false,
			autoRefresh: false,
			refreshMarginMinutes: 60,
			requestTimeoutSeconds: 1,
			wechatApiHost: 'https://collector.example',
			curlApiHost: 'https://collector.example',
		};
		const source = configuration({ defaults: DEFAULTS, user, workspace });
		for (const [name, value] of Object.entries(user) as [SettingName, unknown][]) {
			assert.deepEqual(readSetting(source, name), value, name);
		}
	});

	it('a user value set to false is not mistaken for an absent one', () => {
		const source = configuration({
			defaults: { ...DEFAULTS, terminalEnvironment: true },
			user: { terminalEnvironment: false },
			workspace: { terminalEnvironment: true },
		});
		assert.equal(readSetting(source, 'terminalEnvironment'), false);
	});

	it('a setting VS Code has no schema for reads as undefined, not as the workspace’s value', () => {
		const source = configuration({ defaults: {}, workspace: { terminalEnvironment: true } });
		assert.equal(readSetting(source, 'terminalEnvironment'), undefined);
	});
});
