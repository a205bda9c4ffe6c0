import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WechatApp } from '../../../src/app/config/appConfig';
import type { TokenSourceKind } from '../../../src/core/tokenTypes';
import type { ShownAlert } from '../../../src/vscode/expiry/expiryAlertNotification';
import {
	configureApps,
	configuredApp,
	fromTree,
	hooks,
	resetAll,
	sandboxEntry,
	sandboxSecrets,
	statusBarShown,
	treeOf,
} from '../support/extension';
import { localTimeMismatch, normalizeSpaces, possibleLocalTimes } from '../../unit/support/localTimes';
import { sandbox } from '../support/sandboxControl';
import { sleep, waitFor } from '../support/waitFor';

const SECTION = 'wechatAccessToken';
const STABLE_PATH = '/cgi-bin/stable_token';
const CLASSIC_PATH = '/cgi-bin/token';

async function setUserSetting(name: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration(SECTION).update(name, value, vscode.ConfigurationTarget.Global);
}

async function resetEverything(): Promise<void> {
	const { activeApp } = await hooks();
	await activeApp.pin(undefined);
	for (const name of ['warnBeforeExpiryMinutes', 'notifyBeforeExpiry', 'autoRefresh']) {
		await setUserSetting(name, undefined);
	}
	await resetAll();
}

/** Several apps at once, each with the secrets the sandbox accepts. */
async function configuredApps(entries: readonly [TokenSourceKind, string][]): Promise<WechatApp[]> {
	const { service, credentials } = await hooks();
	const apps = await configureApps(entries.map(([source, name]) => sandboxEntry(source, name)));
	for (const app of apps) {
		await credentials.write(app, sandboxSecrets(app.source));
	}
	await waitFor('the credentials to be present', () =>
		apps.every((app) => service.state(app).credentials === 'present'),
	);
	return apps;
}

/** The alerts shown after `since` alerts had been shown. */
async function alertsSince(since: number): Promise<ShownAlert[]> {
	return (await hooks()).expiry.history().slice(since);
}

async function requestsTo(path: string): Promise<number> {
	return (await sandbox.state()).counts[path] ?? 0;
}

describe('which app the status bar follows', () => {
	beforeEach(resetEverything);
	after(resetEverything);

	it('pins the app chosen from the tree, marks it there, and stays on it while other apps are used', async () => {
		await configuredApps([
			['wechat-stable', 'Shop'],
			['authing', 'Blog'],
		]);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Shop');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Blog');
		const following = await statusBarShown();
		assert.equal(following.text, '$(key) Blog 1h 59m', 'not pinned: the most recently used app');
		assert.match(following.tooltip, /The status bar follows the app you used last/);

		// What the tree item's context menu passes.
		await vscode.commands.executeCommand('wechatAccessToken.focusStatusBar', { kind: 'app', appName: 'Shop' });
		const pinned = await statusBarShown();
		assert.equal(pinned.text, '$(key) Shop 1h 59m');
		const tooltip = pinned.tooltip;
		assert.match(tooltip, /You chose this app for the status bar/);
		// Each link passes the app, then the mark that tells the command the user clicked it.
		assert.ok(
			tooltip.includes('(command:wechatAccessToken.copyTokenAs?%5B%22Shop%22%2C%7B%22wechatAccessTokenUi%22'),
			tooltip,
		);
		assert.ok(
			tooltip.includes('(command:wechatAccessToken.focusStatusBar?%5B%7B%22wechatAccessTokenUi%22'),
			tooltip,
		);

		const shop = (await treeOf('Shop')).item;
		const blog = (await treeOf('Blog')).item;
		assert.equal(shop.description, '1h 59m left · in status bar');
		assert.match(String(shop.contextValue), /;focused=true$/);
		assert.equal(blog.description, '1h 59m left');
		assert.match(String(blog.contextValue), /;focused=false$/);

		await vscode.commands.executeCommand('wechatAccessToken.copyToken', 'Blog');
		assert.equal(
			(await statusBarShown()).text,
			'$(key) Shop 1h 59m',
			'using another app does not move a pinned status bar',
		);
	});

	it('shows a pinned app that has no token yet, and a click on it gets one', async () => {
		await configuredApps([
			['authing', 'Blog'],
			['wechat-stable', 'Fresh'],
		]);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Blog');
		await vscode.commands.executeCommand('wechatAccessToken.focusStatusBar', 'Fresh');
		const shown = await statusBarShown();
		assert.deepEqual(
			[shown.visible, shown.text, shown.command, shown.commandArguments[0]],
			[true, '$(key) Fresh — no token yet', 'wechatAccessToken.getToken', 'Fresh'],
		);
		assert.equal(shown.commandArguments.length, 2, 'the app, then the mark that says the user clicked');
		assert.equal((await treeOf('Fresh')).item.description, 'no token yet · in status bar');

		await vscode.commands.executeCommand(shown.command ?? '', ...shown.commandArguments);
		assert.equal((await statusBarShown()).text, '$(key) Fresh 1h 59m');
	});

	it('follows the most recently used app again once the pinned app is removed from the settings', async () => {
		const { statusBar, activeApp } = await hooks();
		await configuredApps([
			['wechat-stable', 'Shop'],
			['authing', 'Blog'],
		]);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Blog');
		await vscode.commands.executeCommand('wechatAccessToken.focusStatusBar', 'Shop');
		assert.equal((await statusBarShown()).text, '$(key) Shop — no token yet');
		await configureApps([sandboxEntry('authing', 'Blog')]);
		await waitFor('the status bar to follow Blog', () => statusBar.snapshot().text === '$(key) Blog 1h 59m');
		assert.equal(activeApp.pinned(), undefined);
	});

	it('an app name that is not configured changes nothing', async () => {
		const { activeApp } = await hooks();
		await configuredApps([['authing', 'Blog']]);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Blog');
		await vscode.commands.executeCommand('wechatAccessToken.focusStatusBar', 'Nowhere');
		assert.equal(activeApp.pinned(), undefined);
		assert.equal((await statusBarShown()).text, '$(key) Blog 1h 59m');
	});
});

describe('expiry alerts', () => {
	beforeEach(resetEverything);
	after(resetEverything);

	it('warns once, with Refresh and Copy, when the active token has less than warnBeforeExpiryMinutes left', async () => {
		const { expiry } = await hooks();
		await setUserSetting('warnBeforeExpiryMinutes', 11);
		await sandbox.configure({ tokenLifetimeSeconds: 8 * 60 });
		await configuredApp('wechat-stable', 'Short');
		const since = expiry.history().length;
		const requestedFrom = Date.now();
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Short');
		const [alert, ...more] = await waitFor('the alert', async () =>
			(await alertsSince(since)).length > 0 ? alertsSince(since) : undefined,
		);
		const shownBy = Date.now();
		assert.deepEqual(more, []);
		assert.equal(alert?.appName, 'Short');
		const [, at = ''] =
			/^The access token of “Short” expires in 7m \(at (.+)\)\.$/.exec(normalizeSpaces(alert?.message ?? '')) ??
			assert.fail(alert?.message);
		// "7m" left when the alert was made: the expiry is 7 to 8 minutes after a moment between the Get and now, and the
		// rule decides whether that is today (a time) or tomorrow (with the date).
		const possible = possibleLocalTimes(
			[requestedFrom + 7 * 60_000, shownBy + 8 * 60_000],
			[requestedFrom, shownBy],
			'en',
		);
		assert.ok(possible.has(at), localTimeMismatch(at, possible));
		assert.deepEqual(alert?.buttons, ['Refresh', 'Copy']);
		assert.equal(alert?.autoRefreshFailed, false);

		await vscode.commands.executeCommand('wechatAccessToken.copyToken', 'Short');
		await sleep(200);
		assert.equal((await alertsSince(since)).length, 1, 'once per token');
	});

	it('the alert’s Refresh refreshes normally: no question about forcing a new stable token', async () => {
		await configuredApp('wechat-stable', 'Stable');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Stable');
		const before = await requestsTo(STABLE_PATH);
		await vscode.env.clipboard.writeText('');
		// A modal question would keep this command from resolving, and the test would time out.
		await vscode.commands.executeCommand('wechatAccessToken.refreshToken', 'Stable', { stableRefresh: 'normal' });
		assert.equal(await requestsTo(STABLE_PATH), before + 1, 'the local cache was ignored');
		const copied = await vscode.env.clipboard.readText();
		assert.equal(
			await sandbox.tokenStatus(copied),
			'valid',
			'WeChat handed out the token in force: nothing was forced',
		);
	});

	it('stays quiet with notifyBeforeExpiry off', async () => {
		const { expiry } = await hooks();
		await setUserSetting('warnBeforeExpiryMinutes', 11);
		await setUserSetting('notifyBeforeExpiry', false);
		await sandbox.configure({ tokenLifetimeSeconds: 8 * 60 });
		await configuredApp('authing', 'Quiet');
		const since = expiry.history().length;
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Quiet');
		await sleep(300);
		assert.deepEqual(await alertsSince(since), []);

		await setUserSetting('notifyBeforeExpiry', true);
		await waitFor('the alert once turned on', async () => (await alertsSince(since)).length === 1);
	});
});

describe('auto-refresh', () => {
	beforeEach(resetEverything);
	after(resetEverything);

	it('renews a short-lived stable token shortly before it expires, with one request and no alert', async () => {
		const { service, expiry } = await hooks();
		await setUserSetting('warnBeforeExpiryMinutes', 11);
		await setUserSetting('autoRefresh', true);
		// 5 min 3 s: inside refreshMarginMinutes (5) 3 seconds after it is fetched.
		await sandbox.configure({ tokenLifetimeSeconds: 303 });
		const app = await configuredApp('wechat-stable', 'Auto');
		const since = expiry.history().length;
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Auto');
		const first = service.state(app).token?.accessToken;
		assert.equal((await statusBarShown()).text, '$(watch) Auto 5m');
		// From now on the sandbox renews tokens in their last 5 minutes, as WeChat does with 2-hour tokens.
		await sandbox.configure({ tokenLifetimeSeconds: 7200 });

		await waitFor('the token to be renewed', () => service.state(app).token?.accessToken !== first, 15_000);
		assert.equal(await requestsTo(STABLE_PATH), 2, 'the Get, and one renewal');
		assert.equal((await statusBarShown()).text, '$(key) Auto 1h 59m');
		assert.equal(await sandbox.tokenStatus(service.state(app).token?.accessToken ?? ''), 'valid');
		assert.deepEqual(await alertsSince(since), [], 'auto-refresh looked after it: no alert');
	});

	it('never renews a classic wechat token: the alert asks the user instead', async () => {
		const { service, expiry } = await hooks();
		await setUserSetting('warnBeforeExpiryMinutes', 11);
		await setUserSetting('autoRefresh', true);
		await sandbox.configure({ tokenLifetimeSeconds: 302 });
		const app = await configuredApp('wechat', 'Classic');
		const since = expiry.history().length;
		await vscode.commands.executeCommand('wechatAccessToken.getToken', await fromTree('Classic'));
		const first = service.state(app).token?.accessToken;
		await waitFor('the alert', async () => (await alertsSince(since)).length === 1);
		assert.deepEqual(
			(await alertsSince(since)).map((alert) => [alert.appName, alert.buttons]),
			[['Classic', ['Refresh', 'Copy']]],
		);
		await sleep(4_000);
		assert.equal(await requestsTo(CLASSIC_PATH), 1, 'only the user’s Get');
		assert.equal(service.state(app).token?.accessToken, first);
	});

	it('says so in the alert when a renewal fails, once', async () => {
		const { service, expiry } = await hooks();
		await setUserSetting('warnBeforeExpiryMinutes', 11);
		await setUserSetting('autoRefresh', true);
		await sandbox.configure({ tokenLifetimeSeconds: 302 });
		const app = await configuredApp('wechat-stable', 'Failing');
		const since = expiry.history().length;
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Failing');
		await sandbox.addFault({ kind: 'wechat-errcode', errcode: 40125, path: STABLE_PATH });

		const [alert] = await waitFor(
			'the alert about the failed renewal',
			async () => ((await alertsSince(since)).length > 0 ? alertsSince(since) : undefined),
			15_000,
		);
		assert.equal(alert?.autoRefreshFailed, true);
		assert.match(
			alert?.message ?? '',
			/^Could not renew the access token of “Failing” automatically \(AppSecret refused\)\. It expires in [45]m \(at .+\)\.$/,
		);
		assert.deepEqual(alert?.buttons, ['Retry', 'Copy']);
		assert.equal(await requestsTo(STABLE_PATH), 2);
		assert.equal(
			(service.state(app).error as { reason?: unknown }).reason,
			'invalid-app-secret',
			'the tree and the tooltip show it too',
		);
		assert.equal((await alertsSince(since)).length, 1);
	});
});
