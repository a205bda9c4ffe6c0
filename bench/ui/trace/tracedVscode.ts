/**
 * What `import * as vscode from 'vscode'` gives the extension's source in a trace build (`traceBuild.ts`): the real
 * API, with the calls a Get or Refresh makes timestamped on their way to the workbench and back. Only names are
 * recorded (the kind of a SecretStorage key, a command id, which message), never a value.
 */
import * as real from 'vscode';
import { forward } from './forward';
import { beginCommand, endCommand, mark, markPromise } from './traceRecorder';

type AnyFunction = (...args: unknown[]) => unknown;

function tracedStatusBarItem(item: real.StatusBarItem): real.StatusBarItem {
	return new Proxy(item, {
		set(target, property, value: unknown) {
			if (property === 'text' && target.text !== value) {
				mark('status bar: text set');
			}
			return Reflect.set(target, property, value);
		},
		get(target, property) {
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function' ? (value as AnyFunction).bind(target) : value;
		},
	});
}

function tracedTreeProvider<T>(provider: real.TreeDataProvider<T>): real.TreeDataProvider<T> {
	return new Proxy(provider, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property);
			if (typeof value !== 'function') {
				return value;
			}
			const bound = (value as AnyFunction).bind(target);
			return property === 'getChildren' || property === 'getTreeItem'
				? (...args: unknown[]) => {
						mark(`tree: ${String(property)}`);
						return bound(...args);
					}
				: bound;
		},
	});
}

/** `real.window[name]`, called as is, its result timestamped as `step` (call, then settle). */
const timed =
	(step: string, call: AnyFunction) =>
	(...args: unknown[]): PromiseLike<unknown> =>
		markPromise(step, call(...args) as PromiseLike<unknown>);

const window = forward(real.window, {
	showQuickPick: timed('quick pick', real.window.showQuickPick as AnyFunction),
	showInformationMessage: timed('message: information', real.window.showInformationMessage as AnyFunction),
	showWarningMessage: timed('message: warning', real.window.showWarningMessage as AnyFunction),
	showErrorMessage: timed('message: error', real.window.showErrorMessage as AnyFunction),
	withProgress: <R>(
		options: real.ProgressOptions,
		task: (
			progress: real.Progress<{ message?: string; increment?: number }>,
			token: real.CancellationToken,
		) => Thenable<R>,
	) =>
		markPromise(
			'progress',
			real.window.withProgress(options, (progress, token) => {
				mark('progress: task started');
				return task(progress, token);
			}),
		),
	createStatusBarItem: (...args: unknown[]) =>
		tracedStatusBarItem((real.window.createStatusBarItem as AnyFunction)(...args) as real.StatusBarItem),
	createTreeView: <T>(id: string, options: real.TreeViewOptions<T>) =>
		real.window.createTreeView(id, { ...options, treeDataProvider: tracedTreeProvider(options.treeDataProvider) }),
});

const clipboard: real.Clipboard = {
	readText: () => real.env.clipboard.readText(),
	writeText: (value) => markPromise('clipboard.writeText', real.env.clipboard.writeText(value)),
};

const env = forward(real.env, { clipboard });

const commands = forward(real.commands, {
	registerCommand: (id: string, handler: AnyFunction, thisArg?: unknown) =>
		real.commands.registerCommand(id, async (...args: unknown[]) => {
			beginCommand(id.replace(/^wechatAccessToken\./, ''));
			try {
				return await handler.apply(thisArg, args);
			} finally {
				endCommand();
			}
		}),
	executeCommand: (id: string, ...args: unknown[]) =>
		markPromise(`executeCommand ${id}`, real.commands.executeCommand(id, ...args)),
});

export = forward(real, { window, env, commands });
