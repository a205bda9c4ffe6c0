import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WechatApp } from '../../../src/app/config/appConfig';
import { SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import {
	configureApps,
	configuredApp,
	extension,
	hooks,
	resetAll,
	sandboxEntry,
	statusBarShown,
	treeOf,
} from '../support/extension';
import { sandbox, sandboxUrl } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

const QUOTA_PATH = '/cgi-bin/stable_token';

/** What the user sees of an app afterwards: the status bar's text and the tree item's description. */
async function shown(app: WechatApp): Promise<{ statusBar: string; tree: string }> {
	const { item } = await treeOf(app.name);
	return { statusBar: (await statusBarShown()).text, tree: String(item.description ?? '') };
}

/** A forced stable refresh made by another server of the team: the token every server held dies at once. */
async function killStableTokenElsewhere(): Promise<void> {
	const response = await fetch(`${sandboxUrl()}/cgi-bin/stable_token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			grant_type: 'client_credential',
			appid: SANDBOX_WECHAT_APP.appId,
			secret: SANDBOX_WECHAT_APP.appSecret,
			force_refresh: true,
		}),
	});
	assert.equal(response.status, 200);
}

/**
 * Issue 20: every door (the commands, the API) runs the same use case, so the same scenario leaves the same recorded
 * state whichever door it came through. Before, a dead token found by a quota read through the API was not recorded.
 */
describe('the commands and the API leave the same state', () => {
	beforeEach(resetAll);
	after(resetAll);

	/** Shop (wechat-stable) with a token that someone then killed elsewhere. */
	async function shopWithKilledToken(): Promise<{ app: WechatApp; token: string }> {
		const app = await configuredApp('wechat-stable', 'Shop');
		const token = await vscode.commands.executeCommand<string>('wechatAccessToken.token');
		assert.ok(token);
		await killStableTokenElsewhere();
		return { app, token };
	}

	it('a token killed elsewhere, found by a quota read: marked refused alike through the command and the API', async () => {
		const { health } = await hooks();
		const throughCommand = await shopWithKilledToken();
		// Not awaited: the command waits for the user's answer to the dead-token message, which nobody gives here.
		void vscode.commands.executeCommand('wechatAccessToken.showQuota', 'Shop', QUOTA_PATH);
		await waitFor('the command to record the dead token', () =>
			health.isDead(throughCommand.app.identity, throughCommand.token),
		);
		const afterCommand = await shown(throughCommand.app);
		await vscode.commands.executeCommand('notifications.clearAll');

		await resetAll();
		const throughApi = await shopWithKilledToken();
		await assert.rejects(extension().exports.getQuota('Shop', QUOTA_PATH), (error: { code?: string }) => {
			assert.equal(error.code, 'wechat-refused');
			return true;
		});
		assert.equal(health.isDead(throughApi.app.identity, throughApi.token), true, 'the API recorded it too');
		assert.deepEqual(await shown(throughApi.app), afterCommand);
		assert.match(afterCommand.tree, /refused by WeChat/);
	});

	it('missing secrets: neither door sends anything or stores anything', async () => {
		const { service, credentials } = await hooks();
		const [app] = await configureApps([sandboxEntry('wechat-stable', 'Shop')]);
		assert.ok(app);
		await waitFor('the app without credentials', () => service.state(app).credentials === 'missing');
		// `${command:wechatAccessToken.token}`, as a task asks: it opens the password box, which the user closes.
		const asked = vscode.commands.executeCommand('wechatAccessToken.token');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
		assert.equal(await asked, undefined);
		const afterCommand = {
			requests: await sandbox.requestCount(),
			secrets: await credentials.read(app),
			...(await shown(app)),
		};
		await vscode.commands.executeCommand('notifications.clearAll');
		await assert.rejects(extension().exports.getAccessToken('Shop'), (error: { code?: string }) => {
			assert.equal(error.code, 'credentials-missing');
			return true;
		});
		const afterApi = {
			requests: await sandbox.requestCount(),
			secrets: await credentials.read(app),
			...(await shown(app)),
		};
		assert.deepEqual(afterApi, afterCommand);
		assert.equal(afterApi.requests, 0);
	});
});
