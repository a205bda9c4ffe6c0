/**
 * The smallest honest stand-in for the `vscode` module, for timing `require` + `activate()` of the bundled extension
 * in plain Node. It is NOT VS Code: every API answers at once from memory, where the real one crosses to the
 * main process, so the time it gives is a lower bound of the real host's. Members the extension touches that are not
 * modelled here are answered by inert stubs and listed, so the report says exactly what was faked blindly.
 */

type Listener = (value: unknown) => unknown;
type AnyFunction = (...args: unknown[]) => unknown;

/** Names of members that were not modelled but were touched. */
export const autoStubbed = new Set<string>();

/** SecretStorage calls made through the stand-in context, by method. */
export const secretCalls = { get: 0, store: 0, delete: 0 };

const disposable = (): { dispose(): void } => ({ dispose: () => undefined });

/** A callable, indexable nothing: touching it records its name; awaiting it does not hang. */
function inertStub(name: string): unknown {
	autoStubbed.add(name);
	const target = (() => undefined) as AnyFunction;
	return new Proxy(target, {
		get: (_target, property) => {
			if (property === 'then' || typeof property === 'symbol') {
				return undefined;
			}
			if (property === 'dispose') {
				return () => undefined;
			}
			return inertStub(`${name}.${property}`);
		},
		apply: () => inertStub(`${name}()`),
		construct: () => inertStub(`new ${name}()`) as object,
	});
}

/** An object whose unmodelled members are inert stubs. */
function modelled<T extends object>(name: string, members: T): T {
	return new Proxy(members, {
		get: (target, property, receiver) => {
			if (typeof property === 'symbol' || property in target) {
				return Reflect.get(target, property, receiver) as unknown;
			}
			// Probes by module interop and by `await`, not API use.
			if (property === 'then' || property === 'toJSON' || property === '__esModule') {
				return undefined;
			}
			return inertStub(`${name}.${property}`);
		},
	});
}

class EventEmitter {
	private readonly listeners = new Set<Listener>();
	readonly event = (listener: Listener): { dispose(): void } => {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	};
	fire(value?: unknown): void {
		this.listeners.forEach((listener) => listener(value));
	}
	dispose(): void {
		this.listeners.clear();
	}
}

class Disposable {
	static from(...items: { dispose(): unknown }[]): Disposable {
		return new Disposable(() => items.forEach((item) => item.dispose()));
	}
	constructor(private readonly onDispose: () => unknown) {}
	dispose(): void {
		this.onDispose();
	}
}

class Uri {
	private constructor(
		readonly scheme: string,
		readonly path: string,
	) {}
	static parse(value: string): Uri {
		const url = new URL(value);
		return new Uri(url.protocol.replace(/:$/, ''), url.pathname);
	}
	static file(path: string): Uri {
		return new Uri('file', path);
	}
	static joinPath(base: Uri, ...segments: string[]): Uri {
		return new Uri(base.scheme, [base.path, ...segments].join('/'));
	}
	get fsPath(): string {
		return this.path;
	}
	with(change: { path?: string }): Uri {
		return new Uri(this.scheme, change.path ?? this.path);
	}
	toString(): string {
		return `${this.scheme}://${this.path}`;
	}
}

class ThemeColor {
	constructor(readonly id: string) {}
}

class ThemeIcon {
	static readonly File = new ThemeIcon('file');
	static readonly Folder = new ThemeIcon('folder');
	constructor(
		readonly id: string,
		readonly color?: ThemeColor,
	) {}
}

class TreeItem {
	constructor(
		readonly label: unknown,
		readonly collapsibleState?: number,
	) {}
}

class MarkdownString {
	isTrusted = false;
	supportThemeIcons = false;
	constructor(public value = '') {}
	appendMarkdown(value: string): this {
		this.value += value;
		return this;
	}
	appendText(value: string): this {
		this.value += value;
		return this;
	}
	appendCodeblock(value: string): this {
		this.value += `\n\`\`\`\n${value}\n\`\`\`\n`;
		return this;
	}
}

/** `l10n.t('Hello {0}', name)` and `l10n.t({ message, args })`: the English text with its placeholders filled. */
function translate(
	first: string | { message: string; args?: unknown[] | Record<string, unknown> },
	...rest: unknown[]
): string {
	const message = typeof first === 'string' ? first : first.message;
	const args: unknown[] | Record<string, unknown> =
		typeof first === 'string' ? (Array.isArray(rest[0]) ? (rest[0] as unknown[]) : rest) : (first.args ?? []);
	return message.replace(/\{(\w+)\}/g, (whole, key: string) => {
		const value: unknown = Array.isArray(args) ? args[Number(key)] : args[key];
		return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
			? String(value)
			: whole;
	});
}

function outputChannel(name: string): object {
	const log = (): void => undefined;
	return modelled('LogOutputChannel', {
		name,
		logLevel: 2,
		onDidChangeLogLevel: new EventEmitter().event,
		append: log,
		appendLine: log,
		replace: log,
		clear: log,
		show: log,
		hide: log,
		dispose: log,
		trace: log,
		debug: log,
		info: log,
		warn: log,
		error: log,
	});
}

function statusBarItem(): object {
	return modelled('StatusBarItem', {
		text: '',
		tooltip: undefined,
		command: undefined,
		show: () => undefined,
		hide: () => undefined,
		dispose: () => undefined,
	});
}

function treeView(): object {
	return modelled('TreeView', {
		visible: false,
		selection: [],
		onDidChangeVisibility: new EventEmitter().event,
		onDidChangeSelection: new EventEmitter().event,
		onDidExpandElement: new EventEmitter().event,
		onDidCollapseElement: new EventEmitter().event,
		reveal: () => Promise.resolve(),
		dispose: () => undefined,
	});
}

/**
 * Settings as a user with one app configured has them (`wechatAccessToken.apps`); everything else at its default.
 * Fake ids in the shapes the extension validates; no secret is stored, and nothing is fetched at activation.
 */
const SETTINGS: Readonly<Record<string, unknown>> = {
	'wechatAccessToken.apps': [
		{
			name: 'Bench app',
			appId: 'wx4fc0121bbdb516e8',
			source: 'authing',
			host: 'https://example.authing.cn',
			authingAppId: '93c36fec1c263cb0c5af2af9',
		},
	],
};

function configuration(section?: string): object {
	return modelled('WorkspaceConfiguration', {
		get: (key: string, defaultValue?: unknown) => SETTINGS[section ? `${section}.${key}` : key] ?? defaultValue,
		has: () => false,
		inspect: () => undefined,
		update: () => Promise.resolve(),
	});
}

const nothing = (): Promise<undefined> => Promise.resolve(undefined);

export function createVscodeStandIn(): object {
	return modelled('vscode', {
		version: '1.74.0',
		EventEmitter,
		Disposable,
		Uri,
		ThemeColor,
		ThemeIcon,
		TreeItem,
		MarkdownString,
		StatusBarAlignment: { Left: 1, Right: 2 },
		ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
		TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
		// Read at activation by the request files' quick fix registration.
		CodeActionKind: { QuickFix: { value: 'quickfix' } },
		ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
		ExtensionMode: { Production: 1, Development: 2, Test: 3 },
		LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
		l10n: modelled('vscode.l10n', { t: translate, bundle: undefined, uri: undefined }),
		env: modelled('vscode.env', {
			language: 'en',
			appName: 'Visual Studio Code',
			uiKind: 1,
			clipboard: { readText: () => Promise.resolve(''), writeText: () => Promise.resolve() },
			openExternal: () => Promise.resolve(true),
		}),
		commands: modelled('vscode.commands', {
			registerCommand: disposable,
			executeCommand: nothing,
		}),
		window: modelled('vscode.window', {
			createOutputChannel: outputChannel,
			createStatusBarItem: statusBarItem,
			createTreeView: treeView,
			registerTreeDataProvider: disposable,
			showInformationMessage: nothing,
			showWarningMessage: nothing,
			showErrorMessage: nothing,
			showQuickPick: nothing,
			showInputBox: nothing,
			withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
				Promise.resolve(
					task(
						{ report: () => undefined },
						{ isCancellationRequested: false, onCancellationRequested: () => disposable() },
					),
				),
			onDidChangeWindowState: new EventEmitter().event,
			state: { focused: true },
		}),
		workspace: modelled('vscode.workspace', {
			getConfiguration: configuration,
			onDidChangeConfiguration: new EventEmitter().event,
			onDidGrantWorkspaceTrust: new EventEmitter().event,
			// Request files (src/vscode/requestFiles/): none open, an in-memory file system for the answers.
			onDidOpenTextDocument: new EventEmitter().event,
			onDidChangeTextDocument: new EventEmitter().event,
			onDidCloseTextDocument: new EventEmitter().event,
			textDocuments: [],
			registerFileSystemProvider: disposable,
			registerTextDocumentContentProvider: disposable,
			workspaceFolders: undefined,
			isTrusted: true,
		}),
		languages: modelled('vscode.languages', {
			createDiagnosticCollection: () =>
				modelled('DiagnosticCollection', { set: nothing, delete: nothing, clear: nothing, dispose: nothing }),
			registerCodeLensProvider: disposable,
			registerFoldingRangeProvider: disposable,
			registerCodeActionsProvider: disposable,
		}),
	});
}

/** An ExtensionContext with in-memory SecretStorage and Mementos; `packageJSON` is the extension's manifest. */
export function createExtensionContext(
	extensionPath: string,
	packageJSON: { publisher?: string; name?: string },
): object {
	const memento = (): object => {
		const values = new Map<string, unknown>();
		return modelled('Memento', {
			get: (key: string, defaultValue?: unknown) => (values.has(key) ? values.get(key) : defaultValue),
			update: (key: string, value: unknown) => {
				values.set(key, value);
				return Promise.resolve();
			},
			keys: () => [...values.keys()],
			setKeysForSync: () => undefined,
		});
	};
	// What new terminals get (src/vscode/terminalEnvironment.ts): a map of variables, not persisted.
	const environmentVariables = (): unknown => {
		const variables = new Map<string, { value: string; type: number }>();
		return modelled('EnvironmentVariableCollection', {
			persistent: true,
			replace: (variable: string, value: string) => void variables.set(variable, { value, type: 1 }),
			append: (variable: string, value: string) => void variables.set(variable, { value, type: 2 }),
			prepend: (variable: string, value: string) => void variables.set(variable, { value, type: 3 }),
			get: (variable: string) => variables.get(variable),
			delete: (variable: string) => void variables.delete(variable),
			clear: () => variables.clear(),
			forEach: (callback: (variable: string, mutator: { value: string; type: number }) => void) =>
				variables.forEach((mutator, variable) => callback(variable, mutator)),
		});
	};
	const secrets = new Map<string, string>();
	const extensionUri = Uri.file(extensionPath);
	return modelled('ExtensionContext', {
		subscriptions: [] as { dispose(): unknown }[],
		secrets: modelled('SecretStorage', {
			get: (key: string) => {
				secretCalls.get++;
				return Promise.resolve(secrets.get(key));
			},
			store: (key: string, value: string) => {
				secretCalls.store++;
				secrets.set(key, value);
				return Promise.resolve();
			},
			delete: (key: string) => {
				secretCalls.delete++;
				secrets.delete(key);
				return Promise.resolve();
			},
			onDidChange: new EventEmitter().event,
		}),
		globalState: memento(),
		workspaceState: memento(),
		environmentVariableCollection: environmentVariables(),
		extensionUri,
		extensionPath,
		globalStorageUri: Uri.joinPath(extensionUri, '.global-storage'),
		storageUri: undefined,
		logUri: Uri.joinPath(extensionUri, '.log'),
		extensionMode: 1,
		extension: modelled('Extension', {
			id: `${packageJSON.publisher ?? 'publisher'}.${packageJSON.name ?? 'name'}`,
			extensionUri,
			extensionPath,
			packageJSON,
			isActive: true,
			extensionKind: 1,
			exports: undefined,
		}),
		asAbsolutePath: (relative: string) => `${extensionPath}/${relative}`,
	});
}
