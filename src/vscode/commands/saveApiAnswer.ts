import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { showErrorMessage, showInformationMessage } from '../notifications';
import { ANSWER_SCHEME } from '../requestFiles/answerFiles';

/**
 * "Save WeChat API Answer As…" (the answer's Save As button, and the editor title of an answer): writes the answer's
 * bytes (a Mini Program code, a file) where the user picks, by default in the workspace folder under the answer's name.
 */
export function saveApiAnswerCommand(services: CommandServices): CommandHandler {
	return async (_run, uriArg) => {
		const uri = uriArg instanceof vscode.Uri ? uriArg : activeAnswerUri();
		const bytes = uri === undefined ? undefined : services.answers.bytesOf(uri);
		if (uri === undefined || bytes === undefined) {
			void showErrorMessage(vscode.l10n.t('This answer is no longer held: send the request again.'));
			return;
		}
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
		const name = path.posix.basename(uri.path);
		const target = await vscode.window.showSaveDialog({
			...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, name) }),
			saveLabel: vscode.l10n.t('Save'),
			title: vscode.l10n.t('Save WeChat API Answer As'),
		});
		if (target === undefined) {
			return;
		}
		await vscode.workspace.fs.writeFile(target, bytes);
		services.log.info(`Saved an API answer (${bytes.byteLength} bytes).`);
		void showInformationMessage(
			vscode.l10n.t({
				message: 'Saved {0}.',
				args: [vscode.workspace.asRelativePath(target)],
				comment: ['{0} is a file path'],
			}),
		);
	};
}

/** The answer shown in the active tab: a text document or VS Code's image preview. */
function activeAnswerUri(): vscode.Uri | undefined {
	const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
	const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
	return uri?.scheme === ANSWER_SCHEME ? uri : undefined;
}
