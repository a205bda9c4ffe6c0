import * as vscode from 'vscode';
import { customPresets } from '../../app/config/customPresets';
import type { CustomSourceConfig } from '../../app/config/customSourceConfig';
import { validateAuthHeaderName, validateEndpointUrl } from '../../app/config/validation';

/**
 * The inputs "Add WeChat App…" asks for a custom token server, after the AppID: its URL (checked as typed, the AppID
 * filled in), the shape of its answer (a preset that fills the paths, method and success rule), and the header its
 * secret goes in. `undefined` if the user backed out.
 */
export async function askCustomSource(title: string, appId: string): Promise<CustomSourceConfig | undefined> {
	const l10n = vscode.l10n;
	const url = await vscode.window
		.showInputBox({
			title,
			ignoreFocusOut: true,
			prompt: l10n.t(
				'The URL of your team’s token server. ${appId} stands for the AppID; https:// is required except on this computer.',
			),
			placeHolder: 'https://tokens.example.com/wechat/token?appid=${appId}',
			validateInput: (value) => validateEndpointUrl(value.trim(), appId, l10n),
		})
		.then((value) => value?.trim());
	if (url === undefined) {
		return undefined;
	}

	const preset = await vscode.window.showQuickPick(
		customPresets(l10n).map((candidate) => ({
			label: candidate.label,
			description: candidate.shape,
			detail: candidate.detail,
			candidate,
		})),
		{
			title,
			placeHolder: l10n.t(
				'What does the token server answer? (Paths and rule can be changed in the settings later.)',
			),
			ignoreFocusOut: true,
		},
	);
	if (preset === undefined) {
		return undefined;
	}

	const authHeader = await vscode.window
		.showInputBox({
			title,
			ignoreFocusOut: true,
			prompt: l10n.t(
				'The header your token server checks, e.g. Authorization or X-Api-Key. Leave empty if it needs none; its value is asked for next and kept in your system keyring.',
			),
			placeHolder: l10n.t('No auth header'),
			validateInput: (value) => (value.trim() === '' ? undefined : validateAuthHeaderName(value, l10n)),
		})
		.then((value) => value?.trim());
	if (authHeader === undefined) {
		return undefined;
	}
	return { url, ...(authHeader === '' ? {} : { authHeader }), ...preset.candidate.fields };
}
