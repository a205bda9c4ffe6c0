import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { configuredApp, configureApps, hooks, resetAll, sandboxEntry, treeOf } from '../support/extension';
import { sandbox } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

const SECTION = 'wechatAccessToken';

async function setUserSetting(name: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration(SECTION).update(name, value, vscode.ConfigurationTarget.Global);
}

describe('settings', () => {
	beforeEach(resetAll);
	after(async () => {
		await setUserSetting('requestTimeoutSeconds', undefined);
		await resetAll();
	});

	it('registers the schema with its defaults', () => {
		const config = vscode.workspace.getConfiguration(SECTION);
		const defaults = Object.fromEntries(
			['apps', 'refreshMarginMinutes', 'warnBeforeExpiryMinutes', 'requestTimeoutSeconds'].map((name) => [
				name,
				config.inspect(name)?.defaultValue,
			]),
		);
		assert.deepEqual(defaults, {
			apps: [],
			refreshMarginMinutes: 5,
			warnBeforeExpiryMinutes: 10,
			requestTimeoutSeconds: 15,
		});
	});

	it('shows valid apps in the tree and counts the invalid ones in the view message', async () => {
		const { treeView, tree } = await hooks();
		await configureApps(
			[
				sandboxEntry('wechat-stable', 'Valid'),
				{ ...sandboxEntry('wechat-stable', 'Broken'), appId: 'not-an-app-id' },
			],
			['Valid'],
		);
		assert.deepEqual(
			tree.getChildren().map((element) => element.appName),
			['Valid'],
		);
		assert.match(treeView.message ?? '', /invalid and not shown: 1\./);
		await configureApps([]);
		await waitFor('the view message to clear', () => treeView.message === undefined);
	});

	it('applies a new request timeout without a reload', async function () {
		this.timeout(40_000);
		const { service } = await hooks();
		const app = await configuredApp('wechat-stable', 'Slow');
		await setUserSetting('requestTimeoutSeconds', 1);
		await sandbox.addFault({ kind: 'slow', delayMs: 4000 });
		await assert.rejects(
			service.get(app),
			(error: unknown) => (error as { reason?: unknown }).reason === 'timeout',
		);
		const { item } = await treeOf('Slow');
		assert.equal(item.description, 'timed out');
	});
});
