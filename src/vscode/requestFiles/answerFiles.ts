import * as vscode from 'vscode';

/** The scheme of the answers API calls brought back: read-only, in memory, gone with the window. */
export const ANSWER_SCHEME = 'wechat-access-token-answer';

/** Past this many, the oldest answers are forgotten (an image is up to a few hundred KB). */
const MAX_ANSWERS = 20;

/**
 * The answers of API calls as read-only files held in memory: a JSON answer opens as a document beside its request,
 * an image (a Mini Program code) in VS Code's image preview, any file can be saved where the user picks. Nothing is
 * written to disk unless the user saves it.
 */
export class AnswerFiles implements vscode.FileSystemProvider, vscode.Disposable {
	private readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
	private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
	readonly onDidChangeFile = this.changed.event;
	private readonly registration = vscode.workspace.registerFileSystemProvider(ANSWER_SCHEME, this, {
		isCaseSensitive: true,
		isReadonly: true,
	});
	private counter = 0;

	/** Holds `bytes` as a new answer file named after `name` (a file name: letters, digits, `-`, `_`, `.`). */
	add(name: string, bytes: Uint8Array): vscode.Uri {
		this.counter += 1;
		const uri = vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `/${this.counter}/${name}` });
		this.files.set(uri.path, { bytes, mtime: Date.now() });
		while (this.files.size > MAX_ANSWERS) {
			const oldest = this.files.keys().next().value;
			if (oldest === undefined) {
				break;
			}
			this.files.delete(oldest);
		}
		this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
		return uri;
	}

	/** The bytes of an answer file, for Save As. */
	bytesOf(uri: vscode.Uri): Uint8Array | undefined {
		return uri.scheme === ANSWER_SCHEME ? this.files.get(uri.path)?.bytes : undefined;
	}

	watch(): vscode.Disposable {
		return new vscode.Disposable(() => undefined);
	}

	stat(uri: vscode.Uri): vscode.FileStat {
		const file = this.files.get(uri.path);
		if (file !== undefined) {
			return { type: vscode.FileType.File, ctime: file.mtime, mtime: file.mtime, size: file.bytes.byteLength };
		}
		if ([...this.files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`))) {
			return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
		}
		throw vscode.FileSystemError.FileNotFound(uri);
	}

	readDirectory(): [string, vscode.FileType][] {
		return [];
	}

	readFile(uri: vscode.Uri): Uint8Array {
		const file = this.files.get(uri.path);
		if (file === undefined) {
			throw vscode.FileSystemError.FileNotFound(uri);
		}
		return file.bytes;
	}

	createDirectory(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	writeFile(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	delete(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	rename(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	dispose(): void {
		this.registration.dispose();
		this.changed.dispose();
		this.files.clear();
	}
}
