import * as vscode from 'vscode';
import type { CatalogEntry } from '../../app/wechatApi/apiCatalog';
import { API_CATALOG, catalogDescription, renderCatalogRequest } from '../../app/wechatApi/apiCatalog';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { WECHAT_HTTP_LANGUAGE } from '../requestFiles/requestFileLanguage';

interface CatalogItem extends vscode.QuickPickItem {
	readonly entry: CatalogEntry;
}

/**
 * "New WeChat API Request…": a catalog of common calls for Official Accounts and Mini Programs, searchable by path,
 * name and description; the pick is written into the open `.wechat.http` file (at its end), or a new one, for the app
 * the status bar shows (its `@app` line), ready to send with Ctrl+Alt+Enter.
 */
export function newApiRequestCommand(services: CommandServices): CommandHandler {
	return async () => {
		const l10n = vscode.l10n;
		const items = API_CATALOG.map((entry): CatalogItem => ({
			label: `${entry.method} ${entry.path}`,
			description: entry.id,
			detail: catalogDescription(entry.id, l10n),
			entry,
		}));
		const picked = await vscode.window.showQuickPick(items, {
			title: l10n.t('New WeChat API Request'),
			placeHolder: l10n.t('Which WeChat API? Type a path or a word, such as “code” or “menu”'),
			matchOnDescription: true,
			matchOnDetail: true,
		});
		if (picked === undefined) {
			return;
		}
		const text = renderCatalogRequest(picked.entry, l10n, services.activeApp.state()?.app.name);
		const editor = vscode.window.activeTextEditor;
		if (editor !== undefined && editor.document.languageId === WECHAT_HTTP_LANGUAGE) {
			await appendRequest(editor, text);
			return;
		}
		const document = await vscode.workspace.openTextDocument({ language: WECHAT_HTTP_LANGUAGE, content: text });
		const opened = await vscode.window.showTextDocument(document);
		placeCursorOnRequestLine(opened, 0);
	};
}

/** Appends the request after the file's last line, a blank line between, and puts the cursor on its request line. */
async function appendRequest(editor: vscode.TextEditor, text: string): Promise<void> {
	const { document } = editor;
	const last = document.lineAt(document.lineCount - 1);
	const separator = document.getText().trim() === '' ? '' : last.text === '' ? '\n' : '\n\n';
	const startLine = document.getText().trim() === '' ? 0 : last.lineNumber + separator.length;
	await editor.edit((edit) => edit.insert(last.range.end, `${separator}${text}`));
	placeCursorOnRequestLine(editor, startLine);
}

function placeCursorOnRequestLine(editor: vscode.TextEditor, fromLine: number): void {
	for (let line = fromLine; line < editor.document.lineCount; line++) {
		if (/^(GET|POST)\s/.test(editor.document.lineAt(line).text)) {
			const position = new vscode.Position(line, 0);
			editor.selection = new vscode.Selection(position, position);
			editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
			return;
		}
	}
}
