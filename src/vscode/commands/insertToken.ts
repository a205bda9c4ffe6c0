import * as vscode from 'vscode';
import { addAppWithCredentials, obtainToken } from '../flows/acquireToken';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { commandCaller } from '../invocationOrigin';
import { showInformationMessage, showWarningMessage } from '../notifications';

/**
 * "Insert WeChat Access Token": a valid token (obtained as Get does) in place of every selection of the active editor,
 * in one edit, so one Undo takes it out again. The editor is the one active when the command started: the app picker
 * and a fetch take focus and time.
 */
export function insertTokenCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const editor = vscode.window.activeTextEditor;
		if (editor === undefined) {
			void showInformationMessage(
				vscode.l10n.t(
					'Open a file and place the cursor where the access token should go, then run “Insert WeChat Access Token” again.',
				),
			);
			return;
		}
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Insert the access token of which app?'),
			addApp: () => addAppWithCredentials(services),
		});
		if (app === undefined) {
			return;
		}
		const token = await obtainToken(services, app, false, { caller: commandCaller(run.origin) });
		if (token === undefined) {
			return;
		}
		const selections = editor.selections;
		// A closed editor rejects instead of answering false: either way nothing was inserted.
		const inserted = await editor
			.edit((edit) => selections.forEach((selection) => edit.replace(selection, token.accessToken)))
			.then(
				(applied) => applied,
				() => false,
			);
		if (!inserted) {
			void showWarningMessage(
				vscode.l10n.t({
					message: 'The access token of “{0}” could not be inserted: the editor was closed or is read-only.',
					args: [app.name],
					comment: ['{0} is the app name'],
				}),
			);
			return;
		}
		services.log.info(
			`Inserted the token of "${app.name}" at ${selections.length} cursor${selections.length === 1 ? '' : 's'}.`,
		);
	};
}
