import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
	configureApps,
	configuredApp,
	hooks,
	resetAll,
	sandboxEntry,
	statusBarShown,
	treeOf,
} from '../support/extension';
import { sandbox } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

// Runs only in a host started with the zh-cn display language (see index.ts).
describe('status bar focus and expiry alerts (zh-cn)', () => {
	const reset = async (): Promise<void> => {
		const { activeApp } = await hooks();
		await activeApp.pin(undefined);
		await vscode.workspace
			.getConfiguration('wechatAccessToken')
			.update('warnBeforeExpiryMinutes', undefined, vscode.ConfigurationTarget.Global);
		await resetAll();
	};
	beforeEach(reset);
	after(reset);

	it('shows the pinned app and its mark in Chinese', async () => {
		await configureApps([sandboxEntry('wechat-stable', '商城'), sandboxEntry('authing', '博客')]);
		await vscode.commands.executeCommand('wechatAccessToken.focusStatusBar', '商城');
		const shown = await statusBarShown();
		assert.equal(shown.text, '$(key) 商城 — 尚无令牌');
		assert.match(shown.tooltip, /你选择了在状态栏显示此应用/);
		assert.match(
			shown.tooltip,
			/\[显示其他应用…\]\(command:wechatAccessToken\.focusStatusBar\?%5B%7B%22wechatAccessTokenUi%22/,
		);
		assert.equal((await treeOf('商城')).item.description, '缺少凭据 · 显示在状态栏');
		assert.equal((await treeOf('博客')).item.description, '缺少凭据');
	});

	it('warns in Chinese, with Chinese buttons', async () => {
		const { expiry } = await hooks();
		await vscode.workspace
			.getConfiguration('wechatAccessToken')
			.update('warnBeforeExpiryMinutes', 11, vscode.ConfigurationTarget.Global);
		await sandbox.configure({ tokenLifetimeSeconds: 8 * 60 });
		await configuredApp('wechat-stable', '短令牌');
		const since = expiry.history().length;
		await vscode.commands.executeCommand('wechatAccessToken.getToken', '短令牌');
		const [alert] = await waitFor('the alert', () =>
			expiry.history().length > since ? expiry.history().slice(since) : undefined,
		);
		assert.match(alert?.message ?? '', /^“短令牌”的 Access Token 将在7m后过期（.+）。$/);
		assert.deepEqual(alert?.buttons, ['刷新', '复制']);
	});
});
