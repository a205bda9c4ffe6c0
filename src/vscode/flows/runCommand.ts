import * as vscode from 'vscode';
import type { ErrorAction } from '../../app/errors/errorMessages';
import { actionLabel, IP_WHITELIST_DOCS_URL, presentError } from '../../app/errors/errorMessages';
import { TokenError } from '../../core/errors';
import { isKnownFailure } from '../../app/errors/knownFailure';
import type { CommandHandler, CommandRun, CommandServices } from './commandServices';
import { COMMAND_ID } from '../commandIds';
import { invocationOrigin, UI_INVOCATION } from '../invocationOrigin';
import { showErrorMessage, showInformationMessage } from '../notifications';

/** What VS Code runs for a command id: the arguments as VS Code passes them, the command's result. */
export type RegisteredCommand = (...given: unknown[]) => Promise<unknown>;

/**
 * The one wrapper every command shares: it tells where the command was started from (and takes the extension's own
 * UI mark off the arguments); a cancellation is silent; a known failure becomes a localized message with buttons that
 * act on it; anything else is logged with its stack and shown briefly. Activation (src/extension.ts) registered the
 * ids already and forwards to this.
 */
export function wrapCommand(id: string, handler: CommandHandler, services: CommandServices): RegisteredCommand {
	return async (...given: unknown[]): Promise<unknown> => {
		const { origin, args } = invocationOrigin(given, (value) => services.tree.isOwnElement(value));
		const run: CommandRun = { origin };
		try {
			return await handler(run, ...args);
		} catch (error) {
			reportFailure(id, args, run, error, services);
			// `${command:…}` in a task or launch configuration: undefined makes VS Code cancel the launch.
			return undefined;
		}
	};
}

function reportFailure(
	id: string,
	args: readonly unknown[],
	run: CommandRun,
	error: unknown,
	services: CommandServices,
): void {
	if (!isKnownFailure(error)) {
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
	void showErrorMessage(presentation.message, ...buttons).then(
		(choice) => choice && runAction(choice.action, id, args, run, error, services),
	);
}

async function runAction(
	action: ErrorAction,
	id: string,
	args: readonly unknown[],
	run: CommandRun,
	error: unknown,
	services: CommandServices,
): Promise<unknown> {
	const details = TokenError.is(error) ? error.details : {};
	switch (action) {
		case 'copyIp':
			return copyIp(details.ip);
		case 'explainRid':
			// The user clicked it in the extension's own notification: the run is the user's.
			return vscode.commands.executeCommand(
				COMMAND_ID.explainRid,
				run.app?.name,
				details.requestId,
				UI_INVOCATION,
			);
		case 'setCredentials':
			return vscode.commands.executeCommand(COMMAND_ID.setCredentials, run.app?.name, UI_INVOCATION);
		case 'showLog':
			services.channel.show(true);
			return undefined;
		case 'openIpWhitelistDocs':
			return vscode.env.openExternal(vscode.Uri.parse(IP_WHITELIST_DOCS_URL));
		case 'retry':
			// The app by name (a tree element may be stale by now), and the rest as given: a refresh started from an expiry
			// alert says not to ask the stable force-refresh question, and its retry must not ask it either. The user
			// clicked Retry in the extension's own notification: that run is the user's.
			return vscode.commands.executeCommand(
				id,
				...(run.app ? [run.app.name, ...args.slice(1)] : args),
				UI_INVOCATION,
			);
		case 'openSettings':
			return vscode.commands.executeCommand(COMMAND_ID.openSettings);
		case 'getToken':
			// A normal Get of the same app: never a force, so nothing is invalidated whatever happened before. The user
			// clicked it in the extension's own notification: the run is the user's.
			return vscode.commands.executeCommand(COMMAND_ID.getToken, run.app?.name, UI_INVOCATION);
	}
}

/** Puts the IP WeChat named on the clipboard, for the app's IP whitelist on the WeChat platform. */
export async function copyIp(ip: string | undefined): Promise<void> {
	if (ip === undefined) {
		return;
	}
	await vscode.env.clipboard.writeText(ip);
	void showInformationMessage(
		vscode.l10n.t({
			message: 'Copied {0}. Add it to the app’s API IP whitelist on the WeChat platform.',
			args: [ip],
			comment: ['{0} is an IP address'],
		}),
	);
}
