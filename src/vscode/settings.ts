import * as vscode from 'vscode';
import type { WechatAppConfig } from '../app/config/appConfig';
import type { AppRemovalPlan } from '../app/config/appRemoval';
import { planAppRemoval } from '../app/config/appRemoval';
import type { NumericSetting } from '../app/config/numericSettings';
import { minutesToMs, readNumericSetting } from '../app/config/numericSettings';
import type { SettingName } from '../app/config/settingOrigins';
import { readSetting, readUserValue } from '../app/config/settingOrigins';

export const SETTINGS_SECTION = 'wechatAccessToken';
const APPS = 'apps' satisfies SettingName;

export interface SettingsSnapshot {
	/** The raw `wechatAccessToken.apps`, parsed by `parseApps`. */
	readonly apps: unknown;
	/** `refreshMarginMinutes`, in ms: the cache's margin, where auto-refresh starts. */
	readonly refreshMarginMs: number;
	/** `warnBeforeExpiryMinutes`, in ms: where a token turns `expiring` (see src/app/expiry/expiryState.ts). */
	readonly warnBeforeExpiryMs: number;
	readonly requestTimeoutSeconds: number;
	/** Notify when the token the status bar shows nears its expiry. */
	readonly notifyBeforeExpiry: boolean;
	/** Renew team-safe sources' tokens before they expire (never classic `wechat`). */
	readonly autoRefresh: boolean;
	/** `WECHAT_ACCESS_TOKEN` in new integrated terminals. */
	readonly terminalEnvironment: boolean;
	/**
	 * WeChat's API host for calls made with a token (token diagnostics, Copy As… curl) by apps that are not of a WeChat
	 * source: `wechatApiHost`, else the deprecated `curlApiHost`, else WeChat's.
	 */
	readonly wechatApiHost: string;
}

export interface SettingsChange {
	readonly apps: boolean;
	readonly numbers: boolean;
	/** One of the on/off features, or WeChat's API host, changed. */
	readonly features: boolean;
}

export type SettingsTarget = 'user' | 'workspace';

const NUMERIC: readonly NumericSetting[] = ['refreshMarginMinutes', 'warnBeforeExpiryMinutes', 'requestTimeoutSeconds'];
const FEATURES = ['notifyBeforeExpiry', 'autoRefresh', 'terminalEnvironment', 'wechatApiHost', 'curlApiHost'] as const;
export const DEFAULT_WECHAT_API_HOST = 'https://api.weixin.qq.com';

/**
 * The one place settings are read and written. Numbers are clamped to their bounds; a bad value means the default.
 * Settings that could expose a token are taken from the user's settings only (src/app/config/settingOrigins.ts says which).
 */
export class Settings {
	read(): SettingsSnapshot {
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const value = (name: SettingName): unknown => readSetting(config, name);
		const number = (name: NumericSetting): number => readNumericSetting(name, value(name));
		return {
			apps: value(APPS),
			refreshMarginMs: minutesToMs(number('refreshMarginMinutes')),
			warnBeforeExpiryMs: minutesToMs(number('warnBeforeExpiryMinutes')),
			requestTimeoutSeconds: number('requestTimeoutSeconds'),
			notifyBeforeExpiry: value('notifyBeforeExpiry') !== false,
			autoRefresh: value('autoRefresh') === true,
			terminalEnvironment: value('terminalEnvironment') === true,
			// The deprecated `curlApiHost` counts only while the user has not set its successor.
			wechatApiHost: stringSetting(
				readUserValue(config, 'wechatApiHost') ?? readUserValue(config, 'curlApiHost'),
				DEFAULT_WECHAT_API_HOST,
			),
		};
	}

	onDidChange(listener: (change: SettingsChange) => void): vscode.Disposable {
		return vscode.workspace.onDidChangeConfiguration((event) => {
			const apps = event.affectsConfiguration(`${SETTINGS_SECTION}.${APPS}`);
			const numbers = NUMERIC.some((name) => event.affectsConfiguration(`${SETTINGS_SECTION}.${name}`));
			const features = FEATURES.some((name) => event.affectsConfiguration(`${SETTINGS_SECTION}.${name}`));
			if (apps || numbers || features) {
				listener({ apps, numbers, features });
			}
		});
	}

	/** Appends the app to the chosen settings file's own list (not the merged one, which would copy entries across). */
	async addApp(entry: WechatAppConfig, target: SettingsTarget): Promise<void> {
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const inspected = config.inspect<unknown>(APPS);
		const current = target === 'user' ? inspected?.globalValue : inspected?.workspaceValue;
		const list: readonly unknown[] = Array.isArray(current) ? current : [];
		await config.update(
			APPS,
			[...list, entry],
			target === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
		);
	}

	/**
	 * Removes every entry of that name from user and workspace settings, except an untrusted workspace's (the plan says
	 * whether one still lists it).
	 */
	async removeApp(name: string): Promise<AppRemovalPlan> {
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const inspected = config.inspect<unknown>(APPS);
		// The setting is window-scoped: folder settings cannot hold it.
		const plan = planAppRemoval(
			{ user: inspected?.globalValue, workspace: inspected?.workspaceValue },
			name,
			vscode.workspace.isTrusted,
		);
		for (const { scope, apps } of plan.writes) {
			await config.update(
				APPS,
				apps,
				scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
			);
		}
		return plan;
	}
}

function stringSetting(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** Where "Add WeChat App…" may write: the workspace only when one is open and trusted (the setting is restricted otherwise). */
export function workspaceTargetAvailable(): boolean {
	return (vscode.workspace.workspaceFolders?.length ?? 0) > 0 && vscode.workspace.isTrusted;
}
