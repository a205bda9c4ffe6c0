import * as vscode from 'vscode';
import { inertText } from '../app/presentation/inertText';

/**
 * The only doors to VS Code's notifications and modal dialogs (lint keeps `vscode.window.show…Message` out of every
 * other file). Messages hold text from outside (a server's words, an errmsg, a request ID, names and hosts from the
 * settings), and VS Code turns `[label](command:…)` in a message into a link that runs the command: every message,
 * and a modal's detail, is made inert here, so no call site can forget it. The extension's own messages hold no links.
 */
type MessageArguments = [message: string, ...rest: unknown[]];

function inertArguments([message, ...rest]: MessageArguments): MessageArguments {
	const [first, ...items] = rest;
	const isOptions = typeof first === 'object' && first !== null && !('title' in first);
	if (isOptions) {
		const options = first as vscode.MessageOptions;
		const detail = options.detail === undefined ? {} : { detail: inertText(options.detail, 'notification') };
		return [inertText(message, 'notification'), { ...options, ...detail }, ...items];
	}
	return [inertText(message, 'notification'), ...rest];
}

export const showInformationMessage = ((...args: MessageArguments) =>
	vscode.window.showInformationMessage(
		...(inertArguments(args) as Parameters<typeof vscode.window.showInformationMessage>),
	)) as typeof vscode.window.showInformationMessage;

export const showWarningMessage = ((...args: MessageArguments) =>
	vscode.window.showWarningMessage(
		...(inertArguments(args) as Parameters<typeof vscode.window.showWarningMessage>),
	)) as typeof vscode.window.showWarningMessage;

export const showErrorMessage = ((...args: MessageArguments) =>
	vscode.window.showErrorMessage(
		...(inertArguments(args) as Parameters<typeof vscode.window.showErrorMessage>),
	)) as typeof vscode.window.showErrorMessage;

/** A progress notification: its title is a notification message too. */
export function withNotificationProgress<R>(
	options: { readonly title: string; readonly cancellable: boolean },
	task: (
		progress: vscode.Progress<{ message?: string; increment?: number }>,
		token: vscode.CancellationToken,
	) => Thenable<R>,
): Thenable<R> {
	return vscode.window.withProgress(
		{
			location: vscode.ProgressLocation.Notification,
			title: inertText(options.title, 'notification'),
			cancellable: options.cancellable,
		},
		task,
	);
}
