import * as vscode from 'vscode';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** Opens the Settings editor filtered to this extension's settings. */
export function openSettingsCommand(services: CommandServices): CommandHandler {
	return async () => {
		await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${services.extensionId}`);
	};
}
