import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WechatApp, WechatAppConfig } from '../../../src/app/config/appConfig';
import { secretKey } from '../../../src/app/credentials/secretKeys';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../sandbox/fixtures';
import { TEAM_AUTH_HEADER_VALUES, teamEnvelopeSettings, teamWechatStyleSettings } from '../../sandbox/teamSettings';
import { configureApps, hooks, iconId, resetAll, statusBarShown, treeOf } from '../support/extension';
import { sandbox, sandboxUrl } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

/** A custom app as a user writes it in settings.json, pointing at one of the sandbox's team token servers. */
function teamEntry(name: string, appId: string, custom: WechatAppConfig['custom']): WechatAppConfig {
	return { name, appId, source: 'custom', custom };
}

/** The team server's token for the AppID: the sandbox's current stable token, which the team server holds. */
async function centralToken(appId: string): Promise<string | undefined> {
	return (await sandbox.state()).tokens[appId]?.stable?.value;
}

/** Stores the auth header value through the extension's own CredentialStore, as the password box would. */
async function storeHeaderValue(app: WechatApp, value: string): Promise<void> {
	const { service, credentials } = await hooks();
	await credentials.write(app, { authHeaderValue: value });
	await waitFor(`the credentials of "${app.name}" to be present`, () => service.state(app).credentials === 'present');
}

describe('The custom source: a team’s own token server, configured in the settings', () => {
	beforeEach(resetAll);
	after(resetAll);

	it('both sandbox shapes: "Get WeChat Access Token" copies the central token; the tree names the source and host', async () => {
		const { service, secrets } = await hooks();
		const apps = await configureApps([
			teamEntry('Team Server', SANDBOX_WECHAT_APP.appId, teamWechatStyleSettings(sandboxUrl())),
			teamEntry('Team API', SANDBOX_WECHAT_APP_2.appId, teamEnvelopeSettings(sandboxUrl())),
		]);
		for (const app of apps) {
			assert.equal(
				service.state(app).credentials,
				'missing',
				'the header value is a secret, not in the settings',
			);
		}
		const [wechatStyle, envelope] = apps as [WechatApp, WechatApp];
		await storeHeaderValue(wechatStyle, TEAM_AUTH_HEADER_VALUES.wechatStyle);
		await storeHeaderValue(envelope, TEAM_AUTH_HEADER_VALUES.envelope);
		assert.equal(
			await secrets.get(secretKey('authHeaderValue', wechatStyle.identity)),
			TEAM_AUTH_HEADER_VALUES.wechatStyle,
		);

		for (const [app, appId, path] of [
			[wechatStyle, SANDBOX_WECHAT_APP.appId, '/team/wechat/token'],
			[envelope, SANDBOX_WECHAT_APP_2.appId, '/team/api/token'],
		] as const) {
			await vscode.env.clipboard.writeText('');
			await vscode.commands.executeCommand('wechatAccessToken.getToken', app.name);
			const copied = await vscode.env.clipboard.readText();
			assert.equal(copied, await centralToken(appId), app.name);
			assert.equal(await sandbox.tokenStatus(copied), 'valid');
			assert.equal((await sandbox.state()).counts[path], 1, `one request to ${path}`);

			const { item, rows } = await treeOf(app.name);
			assert.equal(item.description, '1h 59m left');
			assert.equal(iconId(item), 'pass');
			assert.match(String(item.contextValue), /^app;source=custom;/);
			assert.equal(rows.get('source')?.description, 'Custom token server (custom)');
			assert.equal(rows.get('host')?.description, sandboxUrl(), 'the host is the URL’s origin');
			assert.equal(rows.get('token')?.description, `${copied.slice(0, 4)}…${copied.slice(-4)}`);
			const shown = await statusBarShown();
			assert.equal(shown.text, `$(key) ${app.name} 1h 59m`);
			assert.ok(!shown.tooltip.includes(copied), 'the tooltip shows the token masked');
		}
	});

	it('a wrong header value: the refusal is shown, and the next Get with the right one works', async () => {
		const { service } = await hooks();
		const [app] = await configureApps([
			teamEntry('Team API', SANDBOX_WECHAT_APP.appId, teamEnvelopeSettings(sandboxUrl())),
		]);
		assert.ok(app);
		await storeHeaderValue(app, 'Bearer not-the-team-token');
		await vscode.env.clipboard.writeText('unchanged');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', app.name);
		await waitFor(
			'the failure to be recorded',
			() => (service.state(app).error as { reason?: string } | undefined)?.reason === 'unauthorized',
		);
		assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
		assert.equal((await treeOf(app.name)).item.description, 'credentials refused');

		await storeHeaderValue(app, TEAM_AUTH_HEADER_VALUES.envelope);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', app.name);
		assert.equal(await vscode.env.clipboard.readText(), await centralToken(SANDBOX_WECHAT_APP.appId));
	});

	it('the secret is bound to the URL: another URL makes it missing, nothing is sent, and it is only offered', async () => {
		const { service, credentials } = await hooks();
		const settings = teamWechatStyleSettings(sandboxUrl());
		const [original] = await configureApps([teamEntry('Team Server', SANDBOX_WECHAT_APP.appId, settings)]);
		assert.ok(original);
		await storeHeaderValue(original, TEAM_AUTH_HEADER_VALUES.wechatStyle);
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Team Server');
		const requests = await sandbox.requestCount();

		const [moved] = await configureApps([
			teamEntry('Team Server', SANDBOX_WECHAT_APP.appId, { ...settings, url: `${settings.url}&region=hk` }),
		]);
		assert.ok(moved);
		assert.notEqual(moved.identity, original.identity);
		assert.equal(service.state(moved).credentials, 'missing');
		assert.equal((await treeOf('Team Server')).item.description, 'credentials missing');
		await assert.rejects(
			service.get(moved),
			(error: unknown) => (error as { reason?: unknown }).reason === 'credentials-missing',
		);
		assert.equal(await sandbox.requestCount(), requests, 'nothing went to the new URL');
		const offer = await credentials.findReusable(moved);
		assert.equal(offer?.identity, original.identity);
		assert.equal(offer?.destination, `${sandboxUrl()}/team/wechat/token?appid=${SANDBOX_WECHAT_APP.appId}`);
	});

	it('an invalid custom entry is reported, not shown, and sends nothing', async () => {
		const { service } = await hooks();
		const apps = await configureApps(
			[
				teamEntry('Fine', SANDBOX_WECHAT_APP.appId, teamWechatStyleSettings(sandboxUrl())),
				teamEntry('Plain http', SANDBOX_WECHAT_APP_2.appId, {
					url: 'http://tokens.example.com/token?appid=${appId}',
				}),
			],
			['Fine'],
		);
		assert.deepEqual(
			apps.map((app) => app.name),
			['Fine'],
		);
		assert.equal(service.getApps().length, 1);
		assert.equal(await sandbox.requestCount(), 0);
	});
});
