import * as vscode from 'vscode';
import { secretFieldsOf } from '../../app/config/secretFields';
import { resolveApp } from '../flows/appPicker';
import { COMMAND_ID } from '../commandIds';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { enterCredentials } from '../flows/credentialsFlow';
import { showInformationMessage } from '../notifications';

/** "Set WeChat App Credentials…": one password box per secret the app's source uses. */
export function setCredentialsCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Set the credentials of which app?'),
		});
		if (app === undefined) {
			return;
		}
		if (secretFieldsOf(app).length === 0) {
			// Only a custom token server without an auth header needs no secret; say where one would be named.
			const openSettings = vscode.l10n.t('Open Settings');
			void showInformationMessage(
				vscode.l10n.t({
					message:
						'“{0}” needs no secrets: its token server is asked without an auth header. If the server wants one, name it in “custom.authHeader” in the settings.',
					args: [app.name],
					comment: ['{0} is the app name'],
				}),
				openSettings,
			).then((choice) =>
				choice === openSettings ? vscode.commands.executeCommand(COMMAND_ID.openSettings) : undefined,
			);
			return;
		}
		if (await enterCredentials(services, app)) {
			void showInformationMessage(
				vscode.l10n.t({
					message: 'Saved the credentials of “{0}”.',
					args: [app.name],
					comment: ['{0} is the app name'],
				}),
			);
		}
	};
}
