import * as vscode from 'vscode';
import type { WechatAppConfig } from '../app/appConfig';
import type { AppRemovalPlan } from '../app/appRemoval';
import { planAppRemoval } from '../app/appRemoval';
import type { NumericSetting } from '../app/numericSettings';
import { readNumericSetting } from '../app/numericSettings';

export const SETTINGS_SECTION = 'wechatAccessToken';
const APPS = 'apps';

export interface SettingsSnapshot {
	/** The raw `wechatAccessToken.apps`, parsed by `parseApps`. */
	readonly apps: unknown;
	readonly refreshMarginMinutes: number;
	readonly warnBeforeExpiryMinutes: number;
	readonly requestTimeoutSeconds: number;
	/** Notify when the token the status bar shows nears its expiry. */
	readonly notifyBeforeExpiry: boolean;
	/** Renew team-safe sources' tokens before they expire (never classic `wechat`). */
	readonly autoRefresh: boolean;
	/** `WECHAT_ACCESS_TOKEN` in new integrated terminals. */
	readonly terminalEnvironment: boolean;
	/** Where Copy As… curl commands go for apps that are not of a WeChat source. */
	readonly curlApiHost: string;
}

export interface SettingsChange {
	readonly apps: boolean;
	readonly numbers: boolean;
	/** One of the on/off features, or the curl host, changed. */
	readonly features: boolean;
}

export type SettingsTarget = 'user' | 'workspace';

const NUMERIC: readonly NumericSetting[] = ['refreshMarginMinutes', 'warnBeforeExpiryMinutes', 'requestTimeoutSeconds'];
const FEATURES = ['notifyBeforeExpiry', 'autoRefresh', 'terminalEnvironment', 'curlApiHost'] as const;
export const DEFAULT_CURL_API_HOST = 'https://api.weixin.qq.com';

/** The one place settings are read and written. Numbers are clamped to their bounds; a bad value means the default. */
export class Settings {
	read(): SettingsSnapshot {
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const number = (name: NumericSetting): number => readNumericSetting(name, config.get<unknown>(name));
		return {
			apps: config.get<unknown>(APPS),
			refreshMarginMinutes: number('refreshMarginMinutes'),
			warnBeforeExpiryMinutes: number('warnBeforeExpiryMinutes'),
			requestTimeoutSeconds: number('requestTimeoutSeconds'),
			notifyBeforeExpiry: config.get<unknown>('notifyBeforeExpiry') !== false,
			autoRefresh: config.get<unknown>('autoRefresh') === true,
			terminalEnvironment: config.get<unknown>('terminalEnvironment') === true,
			curlApiHost: stringSetting(config.get<unknown>('curlApiHost'), DEFAULT_CURL_API_HOST),
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
		await config.update(APPS, [...list, entry], target === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
	}

	/**
	 * Removes every entry of that name from user and workspace settings, except an untrusted workspace's (the plan says
	 * whether one still lists it).
	 */
	async removeApp(name: string): Promise<AppRemovalPlan> {
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const inspected = config.inspect<unknown>(APPS);
		// The setting is window-scoped: folder settings cannot hold it.
		const plan = planAppRemoval({ user: inspected?.globalValue, workspace: inspected?.workspaceValue }, name, vscode.workspace.isTrusted);
		for (const { scope, apps } of plan.writes) {
			await config.update(APPS, apps, scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
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
