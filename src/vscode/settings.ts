import * as vscode from 'vscode';
import type { WechatAppConfig } from '../app/appConfig';
import type { NumericSetting } from '../app/numericSettings';
import { readNumericSetting } from '../app/numericSettings';
import { sameAppName } from '../app/validation';

export const SETTINGS_SECTION = 'wechatAccessToken';
const APPS = 'apps';

export interface SettingsSnapshot {
	/** The raw `wechatAccessToken.apps`, parsed by `parseApps`. */
	readonly apps: unknown;
	readonly refreshMarginMinutes: number;
	readonly warnBeforeExpiryMinutes: number;
	readonly requestTimeoutSeconds: number;
}

export interface SettingsChange {
	readonly apps: boolean;
	readonly numbers: boolean;
}

export type SettingsTarget = 'user' | 'workspace';

const NUMERIC: readonly NumericSetting[] = ['refreshMarginMinutes', 'warnBeforeExpiryMinutes', 'requestTimeoutSeconds'];

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
		};
	}

	onDidChange(listener: (change: SettingsChange) => void): vscode.Disposable {
		return vscode.workspace.onDidChangeConfiguration((event) => {
			const apps = event.affectsConfiguration(`${SETTINGS_SECTION}.${APPS}`);
			const numbers = NUMERIC.some((name) => event.affectsConfiguration(`${SETTINGS_SECTION}.${name}`));
			if (apps || numbers) {
				listener({ apps, numbers });
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

	/** Removes every entry of that name from user and workspace settings; other entries, valid or not, stay untouched. */
	async removeApp(name: string): Promise<void> {
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const inspected = config.inspect<unknown>(APPS);
		// The setting is window-scoped: folder settings cannot hold it.
		const scopes = [
			[inspected?.globalValue, vscode.ConfigurationTarget.Global],
			[inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
		] as const;
		for (const [value, target] of scopes) {
			if (!Array.isArray(value)) {
				continue;
			}
			const kept = value.filter((entry: unknown) => !isNamed(entry, name));
			if (kept.length !== value.length) {
				await config.update(APPS, kept, target);
			}
		}
	}
}

function isNamed(entry: unknown, name: string): boolean {
	if (typeof entry !== 'object' || entry === null) {
		return false;
	}
	const value = (entry as { name?: unknown }).name;
	return typeof value === 'string' && sameAppName(value, name);
}

/** Where "Add WeChat App…" may write: the workspace only when one is open and trusted (the setting is restricted otherwise). */
export function workspaceTargetAvailable(): boolean {
	return (vscode.workspace.workspaceFolders?.length ?? 0) > 0 && vscode.workspace.isTrusted;
}
