import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from '../commandIds';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** "Get Started with WeChat Access Token" (the palette, the sidebar's … menu, its welcome): the walkthrough. */
export function openWalkthroughCommand(services: CommandServices): CommandHandler {
	return async () => {
		await openWalkthrough(services.extensionId);
	};
}

export async function openWalkthrough(extensionId: string): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}
