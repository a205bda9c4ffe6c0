import * as vscode from 'vscode';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { showInformationMessage, showWarningMessage } from '../notifications';

/** "Remove WeChat App…": after a confirmation, its settings entry, secrets, cached token and classic opt-in. */
export function removeAppCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, { placeHolder: vscode.l10n.t('Remove which app?') });
		if (app === undefined) {
			return;
		}
		const remove = vscode.l10n.t('Remove');
		const choice = await showWarningMessage(
			vscode.l10n.t({ message: 'Remove “{0}”?', args: [app.name], comment: ['{0} is the app name'] }),
			{
				modal: true,
				detail: vscode.l10n.t(
					'Its entry in the settings, its secrets in your system keyring and its cached token are deleted.',
				),
			},
			remove,
		);
		if (choice !== remove) {
			return;
		}
		const { keptInUntrustedWorkspace } = await services.settings.removeApp(app.name);
		await services.service.remove(app);
		await services.tickets.remove(app);
		services.health.forget(app.identity);
		await services.consent.revoke(app);
		services.tree.hideToken(app.name);
		void showInformationMessage(
			keptInUntrustedWorkspace
				? vscode.l10n.t({
						message:
							'Removed “{0}” from your user settings. This workspace’s settings list it too and were left unchanged, because the workspace is not trusted.',
						args: [app.name],
						comment: ['{0} is the app name'],
					})
				: vscode.l10n.t({ message: 'Removed “{0}”.', args: [app.name], comment: ['{0} is the app name'] }),
		);
	};
}
