import * as vscode from 'vscode';
import type { WechatApp, WechatAppConfig } from '../../app/config/appConfig';
import { configuredNames, DEFAULT_HOSTS, parseApps, toSettingEntry } from '../../app/config/appConfig';
import { sourceDetail, sourceLabel } from '../../app/presentation/sourceLabels';
import {
	validateAccessKeyId,
	validateAppId,
	validateAppName,
	validateAuthingAppId,
	validateHost,
} from '../../app/config/validation';
import { TOKEN_SOURCES } from '../../core/tokenTypes';
import type { SettingsTarget } from '../settings';
import { workspaceTargetAvailable } from '../settings';
import type { CommandServices } from './commandServices';
import { enterCredentials } from './credentialsFlow';
import { askCustomSource } from './customSourceInputs';

export interface AddedApp {
	readonly app: WechatApp;
	readonly credentialsStored: boolean;
}

/**
 * Source, name, AppID, host, the source's Authing id (for a custom token server: its URL, answer shape and auth
 * header instead), and (with a trusted workspace open) where to save: each input validated as typed, nothing written
 * until the last answer. Then the secrets. `undefined` if the user backed out.
 */
export async function addAppFlow(services: CommandServices): Promise<AddedApp | undefined> {
	const l10n = vscode.l10n;
	const title = l10n.t('Add WeChat App');
	const input = (options: vscode.InputBoxOptions): Thenable<string | undefined> =>
		vscode.window.showInputBox({ title, ignoreFocusOut: true, ...options }).then((value) => value?.trim());

	const sourceItem = await vscode.window.showQuickPick(
		TOKEN_SOURCES.map((source) => ({
			label: sourceLabel(source, l10n),
			description: source,
			detail: sourceDetail(source, l10n),
			source,
		})),
		{ title, placeHolder: l10n.t('Where should the token come from?'), ignoreFocusOut: true },
	);
	if (sourceItem === undefined) {
		return undefined;
	}
	const { source } = sourceItem;

	const existing = configuredNames(services.settings.read().apps);
	const name = await input({
		prompt: l10n.t('A name for the app, shown in the sidebar and the status bar.'),
		placeHolder: l10n.t('e.g. Shop Mini Program'),
		validateInput: (value) => validateAppName(value, existing, l10n),
	});
	if (name === undefined) {
		return undefined;
	}

	const appId = await input({
		prompt: l10n.t('The WeChat AppID (WeChat platform → Development → Basic settings).'),
		placeHolder: 'wx1234567890abcdef',
		validateInput: (value) => validateAppId(value, l10n),
	});
	if (appId === undefined) {
		return undefined;
	}

	if (source === 'custom') {
		const custom = await askCustomSource(title, appId);
		return custom === undefined ? undefined : save(services, { name, appId, source, custom });
	}

	const defaultHost = DEFAULT_HOSTS[source];
	const host = await input({
		prompt:
			defaultHost === undefined
				? l10n.t('The address of your Authing application (its App domain in the Authing console).')
				: l10n.t('Where requests go. Keep the default unless you use a regional host or a proxy.'),
		placeHolder: defaultHost ?? 'https://example.authing.cn',
		...(defaultHost === undefined ? {} : { value: defaultHost }),
		validateInput: (value) => validateHost(value, l10n),
	});
	if (host === undefined) {
		return undefined;
	}

	// The one Authing id each Authing source needs; the WeChat sources need none.
	const idField =
		source === 'authing'
			? {
					key: 'authingAppId',
					prompt: l10n.t('The Authing application ID (App ID in the Authing console).'),
					validate: validateAuthingAppId,
				}
			: source === 'authing-management'
				? {
						key: 'accessKeyId',
						prompt: l10n.t(
							'The access key ID of the user pool (Authing console → Settings → Access keys).',
						),
						validate: validateAccessKeyId,
					}
				: undefined;
	let extra: Pick<WechatAppConfig, 'authingAppId' | 'accessKeyId'> = {};
	if (idField !== undefined) {
		const id = await input({ prompt: idField.prompt, validateInput: (value) => idField.validate(value, l10n) });
		if (id === undefined) {
			return undefined;
		}
		extra = { [idField.key]: id };
	}

	return save(services, { name, appId, source, host, ...extra });
}

/** Where to save, then the entry, then the secrets it needs (none for a custom server without an auth header). */
async function save(services: CommandServices, config: WechatAppConfig): Promise<AddedApp | undefined> {
	const target = await pickTarget();
	if (target === undefined) {
		return undefined;
	}
	const entry = toSettingEntry(config);
	const app = parseApps([entry], vscode.l10n).apps[0];
	if (app === undefined) {
		// Every field was validated as typed; reaching this is a bug, not a user error.
		throw new Error(`The new app "${config.name}" did not pass the settings' own checks.`);
	}
	await services.settings.addApp(entry, target);
	services.log.info(`Added "${app.name}" (${app.source}, ${app.host}) to the ${target} settings.`);
	return { app, credentialsStored: await enterCredentials(services, app) };
}

async function pickTarget(): Promise<SettingsTarget | undefined> {
	if (!workspaceTargetAvailable()) {
		return 'user';
	}
	const picked = await vscode.window.showQuickPick(
		[
			{
				label: vscode.l10n.t('User Settings'),
				detail: vscode.l10n.t('Available in every workspace.'),
				target: 'user' as const,
			},
			{
				label: vscode.l10n.t('Workspace Settings'),
				detail: vscode.l10n.t('Only in this workspace; shared with the project if its settings are committed.'),
				target: 'workspace' as const,
			},
		],
		{
			title: vscode.l10n.t('Add WeChat App'),
			placeHolder: vscode.l10n.t('Where should the app be saved? (Secrets always go to your system keyring.)'),
			ignoreFocusOut: true,
		},
	);
	return picked?.target;
}
