import * as vscode from 'vscode';
import { CredentialError } from '../../app/appErrors';
import type { ErrorAction } from '../../app/errorMessages';
import { actionLabel, IP_WHITELIST_DOCS_URL, presentError } from '../../app/errorMessages';
import { TokenError } from '../../core/errors';
import type { CommandHandler, CommandRun, CommandServices } from './commandServices';
import { COMMAND_ID } from './commandIds';

/**
 * Registers a command behind the one wrapper every command shares: a cancellation is silent; a known failure
 * becomes a localized message with buttons that act on it; anything else is logged with its stack and shown briefly.
 */
export function registerCommand(id: string, handler: CommandHandler, services: CommandServices): vscode.Disposable {
	return vscode.commands.registerCommand(id, async (...args: unknown[]): Promise<unknown> => {
		const run: CommandRun = {};
		try {
			return await handler(run, ...args);
		} catch (error) {
			reportFailure(id, args, run, error, services);
			// `${command:…}` in a task or launch configuration: undefined makes VS Code cancel the launch.
			return undefined;
		}
	});
}

function reportFailure(id: string, args: readonly unknown[], run: CommandRun, error: unknown, services: CommandServices): void {
	const known = TokenError.is(error) || CredentialError.is(error);
	if (!known) {
		services.log.error(error instanceof Error ? error : new Error(`${id} failed: ${String(error)}`));
	}
	const presentation = presentError(
		error,
		{
			...(run.app ? { appName: run.app.name, host: run.app.host, source: run.app.source } : {}),
			timeoutSeconds: services.settings.read().requestTimeoutSeconds,
		},
		vscode.l10n,
	);
	if (presentation === undefined) {
		return;
	}
	const buttons = presentation.actions.map((action) => ({ title: actionLabel(action, vscode.l10n), action }));
	// Not awaited: the command is over; the buttons act whenever the user clicks one.
	void vscode.window.showErrorMessage(presentation.message, ...buttons).then((choice) => choice && runAction(choice.action, id, args, run, services));
}

async function runAction(action: ErrorAction, id: string, args: readonly unknown[], run: CommandRun, services: CommandServices): Promise<unknown> {
	switch (action) {
		case 'setCredentials':
			return vscode.commands.executeCommand(COMMAND_ID.setCredentials, run.app?.name);
		case 'showLog':
			services.channel.show(true);
			return undefined;
		case 'openIpWhitelistDocs':
			return vscode.env.openExternal(vscode.Uri.parse(IP_WHITELIST_DOCS_URL));
		case 'retry':
			// The app by name (a tree element may be stale by now), and the rest as given: a refresh started from an expiry
			// alert says not to ask the stable force-refresh question, and its retry must not ask it either.
			return vscode.commands.executeCommand(id, ...(run.app ? [run.app.name, ...args.slice(1)] : args));
		case 'openSettings':
			return vscode.commands.executeCommand(COMMAND_ID.openSettings);
	}
}
