import * as vscode from 'vscode';

/** The scheme of the read-only documents the extension opens (a rid explained, a JS-SDK signature diagnosed). */
export const READ_ONLY_DOCUMENT_SCHEME = 'wechat-access-token-rid';

/**
 * Read-only markdown documents held in memory for this window: never written to disk, gone with the window, and
 * nothing to save when closed. One per name; showing a name again replaces its text.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly texts = new Map<string, string>();
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;
	private readonly registration = vscode.workspace.registerTextDocumentContentProvider(
		READ_ONLY_DOCUMENT_SCHEME,
		this,
	);

	provideTextDocumentContent(uri: vscode.Uri): string {
		return this.texts.get(uri.path) ?? '';
	}

	/**
	 * Shows `text` as the document `name` (its tab's title: the callers build it from letters, digits, `_`, `-` and
	 * `.` only), in the active editor group, kept open.
	 */
	async show(name: string, text: string): Promise<void> {
		const uri = vscode.Uri.from({ scheme: READ_ONLY_DOCUMENT_SCHEME, path: `/${name}` });
		this.texts.set(uri.path, text);
		this.changed.fire(uri);
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document, { preview: false });
	}

	dispose(): void {
		this.registration.dispose();
		this.changed.dispose();
		this.texts.clear();
	}
}
