import * as vscode from 'vscode';
import { COMMAND_ID } from '../commandIds';
import { addAppFlow } from '../flows/addAppFlow';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { UI_INVOCATION } from '../invocationOrigin';
import { showInformationMessage } from '../notifications';

/** "Add WeChat App…": the guided inputs, then the secrets. */
export function addAppCommand(services: CommandServices): CommandHandler {
	return async (run) => {
		const added = await addAppFlow(services);
		if (added === undefined) {
			return;
		}
		run.app = added.app;
		const getToken = vscode.l10n.t('Get Token');
		const openSettings = vscode.l10n.t('Open Settings');
		const custom = added.app.source === 'custom';
		const message = !added.credentialsStored
			? vscode.l10n.t({
					message: 'Added “{0}”. Its credentials are not set yet.',
					args: [added.app.name],
					comment: ['{0} is the app name'],
				})
			: custom
				? vscode.l10n.t({
						message:
							'Added “{0}”. If your token server answers differently, change its token path, expiry path and success rule in the settings.',
						args: [added.app.name],
						comment: ['{0} is the app name'],
					})
				: vscode.l10n.t({ message: 'Added “{0}”.', args: [added.app.name], comment: ['{0} is the app name'] });
		void showInformationMessage(message, getToken, ...(custom ? [openSettings] : [])).then((choice) =>
			choice === getToken
				? vscode.commands.executeCommand(COMMAND_ID.getToken, added.app.name, UI_INVOCATION)
				: choice === openSettings
					? vscode.commands.executeCommand(COMMAND_ID.openSettings)
					: undefined,
		);
	};
}
