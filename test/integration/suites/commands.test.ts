import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, hooks } from '../support/extension';
import { waitFor } from '../support/waitFor';

interface ContributedCommand {
	readonly command: string;
}

describe('commands and views', () => {
	before(async () => {
		await hooks();
	});

	it('registers every contributed command, and contributes every command it registers', async () => {
		const contributed = (
			extension().packageJSON as { contributes: { commands: ContributedCommand[] } }
		).contributes.commands
			.map((c) => c.command)
			.sort();
		const registered = (await vscode.commands.getCommands(true)).filter((id) =>
			id.startsWith('wechatAccessToken.'),
		);
		// VS Code adds focus/reset commands for the contributed view; they are the workbench's, not ours.
		const ours = registered.filter((id) => !id.startsWith('wechatAccessToken.apps.')).sort();
		assert.ok(contributed.length >= 10);
		assert.deepEqual(ours, contributed);
	});

	it('shows the apps view when asked', async () => {
		const { treeView } = await hooks();
		await vscode.commands.executeCommand('wechatAccessToken.apps.focus');
		await waitFor('the apps view to be visible', () => treeView.visible);
	});
});
