import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TERMINAL_TOKEN_VARIABLE } from '../../../src/app/presentation/terminalToken';
import { configuredApp, hooks, resetAll } from '../support/extension';
import { sandbox } from '../support/sandboxControl';
import { sleep, waitFor } from '../support/waitFor';

const SECTION = 'wechatAccessToken';
const STABLE_PATH = '/cgi-bin/stable_token';

/**
 * What a hostile repository's `.vscode/settings.json` sets: every user-only setting (src/app/config/settingOrigins.ts) at the
 * value that exposes the most, and `warnBeforeExpiryMinutes`, which a workspace may set, to see that the file was read.
 */
const REPOSITORY_SETTINGS = {
	[`${SECTION}.terminalEnvironment`]: true,
	[`${SECTION}.autoRefresh`]: true,
	[`${SECTION}.refreshMarginMinutes`]: 60,
	[`${SECTION}.requestTimeoutSeconds`]: 1,
	[`${SECTION}.curlApiHost`]: 'https://collector.example',
	[`${SECTION}.wechatApiHost`]: 'https://collector.example',
	[`${SECTION}.warnBeforeExpiryMinutes`]: 11,
};

function workspaceSettingsFile(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the integration host opens a folder');
	return vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
}

/** Writes the folder's settings file as a clone brings it, and waits until VS Code applies it. */
async function writeRepositorySettings(): Promise<void> {
	await vscode.workspace.fs.writeFile(
		workspaceSettingsFile(),
		new TextEncoder().encode(JSON.stringify(REPOSITORY_SETTINGS, null, 2)),
	);
	await waitFor(
		'VS Code to read the folder’s settings',
		() => vscode.workspace.getConfiguration(SECTION).get('warnBeforeExpiryMinutes') === 11,
	);
}

async function removeRepositorySettings(): Promise<void> {
	await vscode.workspace.fs.delete(workspaceSettingsFile());
	await waitFor(
		'VS Code to drop the folder’s settings',
		() => vscode.workspace.getConfiguration(SECTION).get('warnBeforeExpiryMinutes') === 10,
	);
}

async function setUserSetting(name: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration(SECTION).update(name, value, vscode.ConfigurationTarget.Global);
}

async function requestsTo(path: string): Promise<number> {
	return (await sandbox.state()).counts[path] ?? 0;
}

describe('a repository’s settings cannot turn on token exposure (user-only settings)', () => {
	before(async () => {
		await resetAll();
		await writeRepositorySettings();
	});
	afterEach(async () => {
		await setUserSetting('terminalEnvironment', undefined);
		await resetAll();
	});
	after(removeRepositorySettings);

	it('terminalEnvironment: new terminals get no WECHAT_ACCESS_TOKEN; the same setting in user settings does give it', async () => {
		const { service, terminalEnvironment } = await hooks();
		const app = await configuredApp('wechat-stable', 'Shop');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Shop');
		const token = service.state(app).token?.accessToken;
		assert.ok(token, 'a token in hand');
		await sleep(500);
		// Not assert.equal: a failure would print the token.
		assert.ok(
			terminalEnvironment.get(TERMINAL_TOKEN_VARIABLE) === undefined,
			'the folder’s terminalEnvironment: true is ignored',
		);

		await setUserSetting('terminalEnvironment', true);
		await waitFor(
			'the user’s setting to put the token in the terminal environment',
			() => terminalEnvironment.get(TERMINAL_TOKEN_VARIABLE)?.value === token,
		);
	});

	it('autoRefresh and refreshMarginMinutes: a token with 30 minutes left is neither renewed nor fetched again', async () => {
		await sandbox.configure({ tokenLifetimeSeconds: 30 * 60 });
		await configuredApp('wechat-stable', 'Shop');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Shop');
		// With the folder's values, 30 minutes would be inside the 60-minute margin: auto-refresh would ask at once.
		await sleep(3_000);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Shop');
		assert.equal(
			await requestsTo(STABLE_PATH),
			1,
			'the first Get only: the second came from the cache, nothing renewed it',
		);
	});

	it('requestTimeoutSeconds: an answer that takes 3 s arrives (the user’s 15 s, not the folder’s 1 s)', async function () {
		this.timeout(40_000);
		const { service } = await hooks();
		const app = await configuredApp('wechat-stable', 'Slow');
		await sandbox.addFault({ kind: 'slow', delayMs: 3000 });
		const token = await service.get(app);
		assert.ok(token.accessToken.length > 0);
	});

	it('wechatApiHost and its old name curlApiHost: Copy As… curl for an Authing app goes to WeChat’s API, not to the folder’s host', async () => {
		await configuredApp('authing', 'Blog');
		await vscode.env.clipboard.writeText('');
		await vscode.commands.executeCommand('wechatAccessToken.copyTokenAs', 'Blog', 'curl');
		const curl = await vscode.env.clipboard.readText();
		assert.match(curl, /^curl -sS 'https:\/\/api\.weixin\.qq\.com\/cgi-bin\/get_api_domain_ip\?access_token=/);
	});
});
