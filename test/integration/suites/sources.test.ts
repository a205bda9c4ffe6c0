import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenSourceKind } from '../../../src/core/tokenTypes';
import { SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import { configuredApp, fromTree, hooks, iconId, resetAll, statusBarShown, treeOf } from '../support/extension';
import { sandbox, sandboxUrl } from '../support/sandboxControl';

const SOURCES: readonly TokenSourceKind[] = ['authing', 'authing-management', 'wechat-stable', 'wechat'];

/** The token the sandbox issued last for the fixture app: the classic lineage for `wechat`, the stable one otherwise. */
async function sandboxToken(source: TokenSourceKind): Promise<string | undefined> {
	const tokens = (await sandbox.state()).tokens[SANDBOX_WECHAT_APP.appId];
	return source === 'wechat' ? tokens?.classic?.value : tokens?.stable?.value;
}

describe('"Get WeChat Access Token" for each source, against the sandbox', () => {
	beforeEach(resetAll);
	after(resetAll);

	for (const source of SOURCES) {
		it(`${source}: copies the sandbox's token, shows it in the tree and counts down in the status bar`, async () => {
			const { service } = await hooks();
			const name = `Demo ${source}`;
			const app = await configuredApp(source, name);
			const before = await treeOf(name);
			assert.equal(before.item.description, 'no token yet');
			assert.equal(iconId(before.item), 'circle-outline');
			assert.equal((await statusBarShown()).visible, false);

			// From the app's menu in the tree, as the user does: by name, a classic request would ask first (classicMints.e2e.ts).
			await vscode.commands.executeCommand('wechatAccessToken.getToken', await fromTree(name));
			const copied = await vscode.env.clipboard.readText();
			assert.equal(copied, await sandboxToken(source));
			assert.equal(await sandbox.tokenStatus(copied), 'valid');
			assert.equal(service.state(app).token?.accessToken, copied);

			const { item, rows } = await treeOf(name);
			assert.equal(item.description, '1h 59m left');
			assert.equal(iconId(item), 'pass');
			assert.match(String(item.contextValue), /^app;.*token=valid;/);
			assert.deepEqual([...rows.keys()], ['token', 'expiry', 'source', 'host']);
			const masked = `${copied.slice(0, 4)}…${copied.slice(-4)}`;
			assert.equal(rows.get('token')?.description, masked);
			assert.match(String(rows.get('source')?.description), new RegExp(`\\(${source}\\)$`));
			assert.equal(rows.get('host')?.description, sandboxUrl());

			const shown = await statusBarShown();
			assert.equal(shown.visible, true);
			assert.equal(shown.text, `$(key) ${name} 1h 59m`);
			assert.equal(shown.background, undefined);
			assert.equal(shown.command, 'wechatAccessToken.copyToken');
			assert.equal(shown.commandArguments[0], name, 'the app, then the mark that says the user clicked');
			assert.equal(shown.commandArguments.length, 2);
			assert.ok(
				shown.tooltip.includes(masked) && !shown.tooltip.includes(copied),
				'the tooltip must show the token masked',
			);

			// Again, and by clicking the status bar: the cached token, no request.
			const requests = await sandbox.requestCount();
			await vscode.env.clipboard.writeText('');
			await vscode.commands.executeCommand('wechatAccessToken.getToken', name);
			assert.equal(
				await vscode.env.clipboard.readText(),
				copied,
				'a cached token goes to anyone who names the app, without a question',
			);
			await vscode.env.clipboard.writeText('');
			await vscode.commands.executeCommand(shown.command, ...shown.commandArguments);
			assert.equal(await vscode.env.clipboard.readText(), copied);
			assert.equal(await sandbox.requestCount(), requests);
		});
	}
});
