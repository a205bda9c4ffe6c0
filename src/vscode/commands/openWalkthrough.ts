import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from '../commandIds';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/**
 * "WeChat: Open Walkthrough" (the palette, the sidebar's … menu, its welcome): "Get started with WeChat Access Token".
 * The title leaves out "Get … WeChat Access Token": the palette ranked it above Get WeChat Access Token for those words.
 */
export function openWalkthroughCommand(services: CommandServices): CommandHandler {
	return async () => {
		await openWalkthrough(services.extensionId);
	};
}

export async function openWalkthrough(extensionId: string): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}
