import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { secretKey, tokenKey } from '../../../src/app/credentials/secretKeys';
import { configuredApp, hooks, iconId, resetAll, statusBarShown, treeOf } from '../support/extension';
import { sandbox } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

const WARNING = 'statusBarItem.warningBackground';
const ERROR = 'statusBarItem.errorBackground';

describe('countdown states and failures', () => {
	beforeEach(resetAll);
	after(resetAll);

	it('warns once less than warnBeforeExpiryMinutes is left', async () => {
		await sandbox.configure({ tokenLifetimeSeconds: 8 * 60 });
		await configuredApp('wechat-stable', 'Short');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Short');
		const shown = await statusBarShown();
		assert.equal(shown.text, '$(watch) Short 7m');
		assert.equal(shown.background, WARNING);
		const { item } = await treeOf('Short');
		assert.equal(item.description, '7m left');
		assert.equal(iconId(item), 'watch');
	});

	it('turns to expired when the token runs out, and a click then gets a new one', async () => {
		const { statusBar } = await hooks();
		await sandbox.configure({ tokenLifetimeSeconds: 3 });
		await configuredApp('wechat-stable', 'Brief');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Brief');
		assert.match((await statusBarShown()).text, /^\$\(watch\) Brief [1-3]s$/);
		const expired = await waitFor(
			'the status bar to show the token expired',
			() => statusBar.snapshot().background === ERROR && statusBar.snapshot(),
			8_000,
		);
		assert.equal(expired.text, '$(warning) Brief expired');
		assert.equal(expired.command, 'wechatAccessToken.getToken');
		const { item } = await treeOf('Brief');
		assert.equal(item.description, 'expired');
		assert.equal(iconId(item), 'history');
		const old = await vscode.env.clipboard.readText();

		await sandbox.configure({ tokenLifetimeSeconds: 7200 });
		await vscode.commands.executeCommand(expired.command, ...expired.commandArguments);
		const renewed = await vscode.env.clipboard.readText();
		assert.notEqual(renewed, old);
		assert.equal(await sandbox.tokenStatus(renewed), 'valid');
		assert.equal((await statusBarShown()).text, '$(key) Brief 1h 59m');
	});

	it('keeps the stored secrets and the still-valid cached token when a refresh fails', async () => {
		const { service, secrets } = await hooks();
		const app = await configuredApp('authing', 'Failing');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Failing');
		const token = service.state(app).token;
		assert.ok(token);
		const storedToken = await secrets.get(tokenKey(app.identity));
		const storedSecret = await secrets.get(secretKey('appSecret', app.identity));

		await sandbox.addFault({ kind: 'wechat-errcode', errcode: 40125 });
		// The command reports the failure in a notification and resolves.
		await vscode.commands.executeCommand('wechatAccessToken.refreshToken', 'Failing');
		const state = service.state(app);
		assert.equal((state.error as { reason?: unknown }).reason, 'invalid-app-secret');
		assert.equal(state.token?.accessToken, token.accessToken);
		assert.equal(await secrets.get(tokenKey(app.identity)), storedToken);
		assert.equal(await secrets.get(secretKey('appSecret', app.identity)), storedSecret);
		const { item, rows } = await treeOf('Failing');
		assert.match(String(item.description), /^1h 59m left · /);
		assert.ok(rows.has('error'));
		const shown = await statusBarShown();
		assert.equal(shown.text, '$(key) Failing 1h 59m');
		assert.match(shown.tooltip, /Last attempt/);
		assert.equal(await sandbox.tokenStatus(token.accessToken), 'valid');
	});
});
