import * as vscode from 'vscode';
import { resolveApp } from './appPicker';
import type { CommandHandler, CommandServices } from './commandServices';
import { enterCredentials } from './credentialsFlow';

/** "Set WeChat App Credentials…": one password box per secret the app's source uses. */
export function setCredentialsCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, { placeHolder: vscode.l10n.t('Set the credentials of which app?') });
		if (app === undefined) {
			return;
		}
		if (await enterCredentials(services, app)) {
			void vscode.window.showInformationMessage(vscode.l10n.t({ message: 'Saved the credentials of “{0}”.', args: [app.name], comment: ['{0} is the app name'] }));
		}
	};
}
