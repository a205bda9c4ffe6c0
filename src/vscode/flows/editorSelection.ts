import * as vscode from 'vscode';
import { READ_ONLY_DOCUMENT_SCHEME } from '../readOnlyDocuments';

/**
 * The text selected in the active editor, for a command that takes its input from there. A selection in one of the
 * extension's own read-only documents does not count: it is what that document already shows (a rid it explains,
 * the values a diagnosis found), left there by a user who copied from it, while what they want now is elsewhere.
 */
export function selectionOutsideOwnDocuments(): string | undefined {
	const editor = vscode.window.activeTextEditor;
	return editor === undefined || editor.selection.isEmpty || editor.document.uri.scheme === READ_ONLY_DOCUMENT_SCHEME
		? undefined
		: editor.document.getText(editor.selection);
}
