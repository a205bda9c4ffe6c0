import * as vscode from 'vscode';

/** The scheme of the read-only documents "Explain WeChat Error (rid)" opens. */
export const RID_DOCUMENT_SCHEME = 'wechat-access-token-rid';

/**
 * Read-only markdown documents held in memory for this window: never written to disk, gone with the window, and
 * nothing to save when closed. One per rid; explaining a rid again replaces its text.
 */
export class RidDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly texts = new Map<string, string>();
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;
	private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RID_DOCUMENT_SCHEME, this);

	provideTextDocumentContent(uri: vscode.Uri): string {
		return this.texts.get(uri.path) ?? '';
	}

	/** Shows `text` as the document of `rid`, beside nothing else: in the active editor group, kept open. */
	async show(rid: string, text: string): Promise<void> {
		// The rid only ever holds letters, digits, "_" and "-" (rid.ts), so it is a safe file name.
		const uri = vscode.Uri.from({ scheme: RID_DOCUMENT_SCHEME, path: `/rid-${rid}.md` });
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
