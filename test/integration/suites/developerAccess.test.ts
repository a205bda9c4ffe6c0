import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccessTokenError } from '../../../src/api/wechatAccessTokenApi';
import type { WechatApp } from '../../../src/app/config/appConfig';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../sandbox/fixtures';
import {
	configureApps,
	configuredApp,
	extension,
	forgetClassicRequests,
	fromTree,
	hooks,
	resetAll,
	sandboxEntry,
	sandboxSecrets,
} from '../support/extension';
import { sandbox, sandboxUrl } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

const VARIABLE = 'WECHAT_ACCESS_TOKEN';

/** The token the sandbox issued last for an AppID: the classic lineage for `wechat`, the stable one otherwise. */
async function sandboxToken(appId: string, lineage: 'stable' | 'classic' = 'stable'): Promise<string | undefined> {
	return (await sandbox.state()).tokens[appId]?.[lineage]?.value;
}

/** "Shop" (wechat-stable) and "Blog" (authing, another AppID), both with their secrets stored. */
async function twoApps(): Promise<[WechatApp, WechatApp]> {
	const { service, credentials } = await hooks();
	const [shop, blog] = await configureApps([
		sandboxEntry('wechat-stable', 'Shop'),
		sandboxEntry('authing', 'Blog', { appId: SANDBOX_WECHAT_APP_2.appId }),
	]);
	assert.ok(shop && blog);
	await credentials.write(shop, sandboxSecrets('wechat-stable'));
	await credentials.write(blog, { appSecret: SANDBOX_WECHAT_APP_2.appSecret });
	await waitFor(
		'both apps’ credentials',
		() => service.state(shop).credentials === 'present' && service.state(blog).credentials === 'present',
	);
	return [shop, blog];
}

async function setting(key: 'terminalEnvironment' | 'curlApiHost' | 'wechatApiHost', value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('wechatAccessToken').update(key, value, vscode.ConfigurationTarget.Global);
}

async function rejection(promise: Promise<unknown>): Promise<AccessTokenError> {
	return promise.then(
		() => assert.fail('resolved, expected a rejection'),
		(error: unknown) => error as AccessTokenError,
	);
}

describe('tokens where developers use them: ${command:…}, the API, Insert, Copy As…, terminals and tasks', () => {
	beforeEach(resetAll);
	after(async () => {
		await setting('terminalEnvironment', undefined);
		await setting('curlApiHost', undefined);
		await setting('wechatApiHost', undefined);
		await resetAll();
	});

	describe('${command:wechatAccessToken.token}', () => {
		it('returns the only app’s token, fetched if needed, and then the cached one', async () => {
			await configuredApp('wechat-stable', 'Shop');
			const token = await vscode.commands.executeCommand<unknown>('wechatAccessToken.token');
			assert.equal(token, await sandboxToken(SANDBOX_WECHAT_APP.appId));
			const requests = await sandbox.requestCount();
			assert.equal(await vscode.commands.executeCommand('wechatAccessToken.token'), token);
			assert.equal(await sandbox.requestCount(), requests);
		});

		it('takes the app named by an `inputs` argument, else the app the status bar shows', async () => {
			await twoApps();
			const blog = await vscode.commands.executeCommand<unknown>('wechatAccessToken.token', 'Blog');
			assert.equal(blog, await sandboxToken(SANDBOX_WECHAT_APP_2.appId));
			const shop = await vscode.commands.executeCommand<unknown>('wechatAccessToken.token', 'Shop');
			assert.equal(shop, await sandboxToken(SANDBOX_WECHAT_APP.appId));
			// No name: Shop was used last. VS Code hands a bare ${command:…} the launch configuration: no name either.
			assert.equal(await vscode.commands.executeCommand('wechatAccessToken.token'), shop);
			assert.equal(
				await vscode.commands.executeCommand('wechatAccessToken.token', {
					type: 'node',
					request: 'launch',
					name: 'Debug',
				}),
				shop,
			);
		});

		it('resolves to undefined (VS Code then cancels the task or launch) for an app that does not exist', async () => {
			await configuredApp('wechat-stable', 'Shop');
			assert.equal(await vscode.commands.executeCommand('wechatAccessToken.token', 'Nope'), undefined);
			assert.equal(await sandbox.requestCount(), 0);
		});
	});

	describe('the API in the extension’s exports', () => {
		it('exports the API beside the test hooks, and nothing else', async () => {
			await hooks();
			assert.deepEqual(Object.keys(extension().exports).sort(), [
				'__testing',
				'apiVersion',
				'checkToken',
				'explainRid',
				'getAccessToken',
				'getAccessTokenInfo',
				'getJsapiTicket',
				'getQuota',
				'signJsSdkPage',
			]);
			assert.equal(extension().exports.apiVersion, 1);
		});

		it('getAccessToken by name and by AppID; getAccessTokenInfo says whose and until when', async () => {
			await twoApps();
			const api = extension().exports;
			const shop = await api.getAccessToken('Shop');
			assert.equal(shop, await sandboxToken(SANDBOX_WECHAT_APP.appId));
			const info = await api.getAccessTokenInfo(SANDBOX_WECHAT_APP_2.appId);
			assert.equal(info.accessToken, await sandboxToken(SANDBOX_WECHAT_APP_2.appId));
			assert.deepEqual([info.appName, info.appId, info.source], ['Blog', SANDBOX_WECHAT_APP_2.appId, 'authing']);
			assert.ok(info.expiresAt > Date.now() + 7_000_000);
			assert.equal(await api.getAccessToken(), info.accessToken, 'no app: the one used last');
		});

		it('checkToken and getQuota: plain data from WeChat (the sandbox), the sidebar shows the quota read', async () => {
			await twoApps();
			const api = extension().exports;
			const check = await api.checkToken('Shop');
			assert.deepEqual([check.appName, check.works], ['Shop', true]);
			const quota = await api.getQuota('Shop', '/cgi-bin/stable_token');
			assert.deepEqual([quota.appName, quota.path, quota.used], ['Shop', '/cgi-bin/stable_token', 1]);
			assert.equal(quota.remain, quota.dailyLimit - 1);
			await assert.rejects(
				api.getQuota('Shop', 'https://api.weixin.qq.com/cgi-bin/token'),
				(error: AccessTokenError) => error.code === 'invalid-path',
			);
		});

		it('rejects with stable codes and a message, never asking the user', async () => {
			const api = extension().exports;
			assert.equal((await rejection(api.getAccessToken())).code, 'no-app');
			const { credentials } = await hooks();
			const [classic, bare] = await configureApps([
				sandboxEntry('wechat', 'Classic'),
				sandboxEntry('authing-management', 'Bare'),
			]);
			assert.ok(classic && bare);
			await credentials.write(classic, sandboxSecrets('wechat'));
			assert.equal((await rejection(api.getAccessToken())).code, 'ambiguous-app');
			assert.equal((await rejection(api.getAccessToken('Nope'))).code, 'unknown-app');
			const missing = await rejection(api.getAccessToken('Bare'));
			assert.equal(missing.code, 'credentials-missing');
			assert.match(missing.message, /^“Bare”: No credentials are stored/);
			const classicRefused = await rejection(api.getAccessToken('Classic'));
			assert.equal(classicRefused.code, 'classic-not-allowed');
			assert.equal(await sandbox.requestCount(), 0);
		});
	});

	describe('Insert WeChat Access Token', () => {
		afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

		it('replaces every selection with the token in one edit; one Undo takes it out again', async () => {
			await configuredApp('wechat-stable', 'Shop');
			const document = await vscode.workspace.openTextDocument({ content: 'first: \nsecond: REPLACE ME\n' });
			const editor = await vscode.window.showTextDocument(document);
			editor.selections = [new vscode.Selection(0, 7, 0, 7), new vscode.Selection(1, 8, 1, 18)];
			await vscode.commands.executeCommand('wechatAccessToken.insertToken');
			const token = await sandboxToken(SANDBOX_WECHAT_APP.appId);
			assert.ok(token);
			assert.equal(document.getText(), `first: ${token}\nsecond: ${token}\n`);
			await vscode.commands.executeCommand('undo');
			assert.equal(document.getText(), 'first: \nsecond: REPLACE ME\n');
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		});

		it('without an editor: says so and fetches nothing', async () => {
			await configuredApp('wechat-stable', 'Shop');
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await waitFor('no active editor', () => vscode.window.activeTextEditor === undefined);
			await vscode.commands.executeCommand('wechatAccessToken.insertToken', 'Shop');
			assert.equal(await sandbox.requestCount(), 0);
		});
	});

	describe('Copy WeChat Access Token As…', () => {
		it('each format, given by id: raw, query parameter, a curl that works, WeChat-shaped JSON', async () => {
			await configuredApp('wechat-stable', 'Shop');
			const copyAs = async (format: string): Promise<string> => {
				await vscode.env.clipboard.writeText('');
				await vscode.commands.executeCommand('wechatAccessToken.copyTokenAs', 'Shop', format);
				return vscode.env.clipboard.readText();
			};
			const token = await copyAs('raw');
			assert.equal(token, await sandboxToken(SANDBOX_WECHAT_APP.appId));
			assert.equal(await copyAs('query'), `access_token=${token}`);
			const json = JSON.parse(await copyAs('json')) as { access_token: string; expires_in: number };
			assert.equal(json.access_token, token);
			assert.ok(json.expires_in > 7000 && json.expires_in <= 7200, String(json.expires_in));

			const curl = await copyAs('curl');
			assert.equal(curl, `curl -sS '${sandboxUrl()}/cgi-bin/get_api_domain_ip?access_token=${token}'`);
			assert.deepEqual(await fetchCurlUrl(curl), { status: 200, hasIpList: true });
		});

		it('curl for an Authing app goes to the wechatApiHost setting, which wins over the deprecated curlApiHost', async () => {
			await configuredApp('authing', 'Blog');
			await setting('wechatApiHost', sandboxUrl());
			await setting('curlApiHost', 'https://collector.example');
			try {
				await copiedCurlWorksAt('Blog', sandboxUrl());
			} finally {
				await setting('wechatApiHost', undefined);
				await setting('curlApiHost', undefined);
			}
		});

		it('curl for an Authing app goes to the deprecated curlApiHost setting while wechatApiHost is not set', async () => {
			await configuredApp('authing', 'Blog');
			await setting('curlApiHost', sandboxUrl());
			await copiedCurlWorksAt('Blog', sandboxUrl());
		});
	});

	describe('WECHAT_ACCESS_TOKEN in new terminals', () => {
		afterEach(() => setting('terminalEnvironment', undefined));

		it('never persisted; follows the setting, the token’s refresh and the app’s removal', async () => {
			const { terminalEnvironment: collection, service, consent } = await hooks();
			assert.equal(
				collection.persistent,
				false,
				'a persistent collection would be written to the workspace storage',
			);
			const app = await configuredApp('wechat', 'Classic');
			await vscode.commands.executeCommand('wechatAccessToken.getToken', await fromTree('Classic'));
			const first = await sandboxToken(SANDBOX_WECHAT_APP.appId, 'classic');
			assert.equal(collection.get(VARIABLE), undefined, 'off by default');

			await setting('terminalEnvironment', true);
			await waitFor('the variable after turning the setting on', () => collection.get(VARIABLE)?.value === first);
			assert.equal(collection.get(VARIABLE)?.type, vscode.EnvironmentVariableMutatorType.Replace);

			// Every classic refresh mints a new token: the variable follows. (A second one within 5 minutes would ask.)
			await forgetClassicRequests();
			await vscode.commands.executeCommand('wechatAccessToken.refreshToken', await fromTree('Classic'));
			const second = await sandboxToken(SANDBOX_WECHAT_APP.appId, 'classic');
			assert.notEqual(second, first);
			await waitFor('the refreshed token', () => collection.get(VARIABLE)?.value === second);

			await setting('terminalEnvironment', false);
			await waitFor('no variable once the setting is off', () => collection.get(VARIABLE) === undefined);
			await setting('terminalEnvironment', true);
			await waitFor('the variable again', () => collection.get(VARIABLE)?.value === second);

			// What "Remove WeChat App…" does after its confirmation.
			await service.remove(app);
			await consent.revoke(app);
			await configureApps([]);
			await waitFor('no variable once the app is removed', () => collection.get(VARIABLE) === undefined);
		});

		it('is removed when the token expires', async () => {
			const { terminalEnvironment: collection } = await hooks();
			await setting('terminalEnvironment', true);
			await sandbox.configure({ tokenLifetimeSeconds: 3 });
			await configuredApp('wechat-stable', 'Brief');
			await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Brief');
			const token = await sandboxToken(SANDBOX_WECHAT_APP.appId);
			await waitFor('the short-lived token', () => collection.get(VARIABLE)?.value === token);
			await waitFor('no variable after the expiry', () => collection.get(VARIABLE) === undefined, 8_000);
		});

		it('reaches the process of a terminal opened after it was set', async () => {
			await setting('terminalEnvironment', true);
			await configuredApp('wechat-stable', 'Shop');
			await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Shop');
			const { terminalEnvironment: collection } = await hooks();
			const token = await sandboxToken(SANDBOX_WECHAT_APP.appId);
			await waitFor('the variable', () => collection.get(VARIABLE)?.value === token);
			const out = path.join(os.tmpdir(), `wat-terminal-${process.pid}-${Date.now()}`);
			const terminal = vscode.window.createTerminal({
				name: 'WECHAT_ACCESS_TOKEN check',
				shellPath: '/bin/sh',
				shellArgs: ['-c', `printf %s "$${VARIABLE}" > '${out}'`],
			});
			try {
				await waitFor(
					'the terminal’s shell to write the variable',
					() => existsSync(out) && readFileSync(out, 'utf8') !== '' && readFileSync(out, 'utf8'),
					15_000,
				);
				assert.equal(readFileSync(out, 'utf8'), token);
			} finally {
				terminal.dispose();
				rmSync(out, { force: true });
			}
		});
	});

	describe('a task with ${command:wechatAccessToken.token}', () => {
		const outputs: string[] = [];
		afterEach(async () => {
			const folder = vscode.workspace.workspaceFolders?.[0];
			const tasks = vscode.workspace.getConfiguration('tasks', folder?.uri);
			await tasks.update('tasks', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
			await tasks.update('inputs', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
			outputs.splice(0).forEach((file) => rmSync(file, { force: true }));
		});

		it('gets the token in its environment, from a bare ${command:…} and from an `inputs` entry naming the app', async () => {
			const folder = vscode.workspace.workspaceFolders?.[0];
			assert.ok(folder, 'the test workspace has a folder');
			await twoApps();
			const bareOut = path.join(os.tmpdir(), `wat-task-bare-${process.pid}-${Date.now()}`);
			const namedOut = `${bareOut}-named`;
			outputs.push(bareOut, namedOut);
			const shellTask = (label: string, variable: string, out: string) => ({
				label,
				type: 'shell',
				// The token travels in the environment, so the command line the terminal echoes does not hold it.
				command: `printf %s "$TOKEN" > '${out}'`,
				options: { env: { TOKEN: variable } },
				presentation: { reveal: 'never', echo: false },
				problemMatcher: [],
			});
			const tasks = vscode.workspace.getConfiguration('tasks', folder.uri);
			await tasks.update('version', '2.0.0', vscode.ConfigurationTarget.WorkspaceFolder);
			await tasks.update(
				'inputs',
				[{ id: 'blogToken', type: 'command', command: 'wechatAccessToken.token', args: 'Blog' }],
				vscode.ConfigurationTarget.WorkspaceFolder,
			);
			await tasks.update(
				'tasks',
				[
					shellTask('wat: bare', '${command:wechatAccessToken.token}', bareOut),
					shellTask('wat: named', '${input:blogToken}', namedOut),
				],
				vscode.ConfigurationTarget.WorkspaceFolder,
			);

			// Blog is used last: the bare variable takes it too, the named one takes Blog by name.
			await extension().exports.getAccessToken('Shop');
			await extension().exports.getAccessToken('Blog');
			const blog = await sandboxToken(SANDBOX_WECHAT_APP_2.appId);
			assert.equal(await runTask('wat: bare', bareOut), blog);
			await extension().exports.getAccessToken('Shop');
			assert.equal(await runTask('wat: named', namedOut), blog);
		});
	});
});

/** "Copy WeChat Access Token As…" curl for `app`: a call of get_api_domain_ip on `host`, which answers with its IPs. */
async function copiedCurlWorksAt(app: string, host: string): Promise<void> {
	await vscode.commands.executeCommand('wechatAccessToken.copyTokenAs', app, 'curl');
	const curl = await vscode.env.clipboard.readText();
	const expected = `curl -sS '${host}/cgi-bin/get_api_domain_ip?access_token=`;
	assert.ok(curl.startsWith(expected), `${curl.slice(0, expected.length)}… does not start with ${expected}`);
	assert.deepEqual(await fetchCurlUrl(curl), { status: 200, hasIpList: true });
}

/** Runs the curl's URL with Node (the test host has no guarantee of a curl binary) and says what the sandbox answered. */
async function fetchCurlUrl(curl: string): Promise<{ status: number; hasIpList: boolean }> {
	const url = /^curl -sS '([^']+)'$/.exec(curl)?.[1];
	assert.ok(url, `not a curl command: ${curl.slice(0, 40)}…`);
	const response = await fetch(url);
	const body = (await response.json()) as { ip_list?: unknown };
	return { status: response.status, hasIpList: Array.isArray(body.ip_list) && body.ip_list.length > 0 };
}

/** Runs the task of tasks.json with this label (once VS Code has read the file) and returns what it wrote. */
async function runTask(label: string, out: string): Promise<string> {
	const task = await waitFor(`the task "${label}"`, async () =>
		(await vscode.tasks.fetchTasks()).find((candidate) => candidate.name === label),
	);
	const ended = new Promise<number | undefined>((resolve) => {
		const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
			if (event.execution.task.name === label) {
				subscription.dispose();
				resolve(event.exitCode);
			}
		});
	});
	await vscode.tasks.executeTask(task);
	assert.equal(
		await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('timed out'), 20_000))]),
		0,
		`the task "${label}" exit code`,
	);
	return readFileSync(out, 'utf8');
}
