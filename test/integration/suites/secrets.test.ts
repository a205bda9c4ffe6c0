import * as assert from 'node:assert/strict';
import { DEFAULT_LEASE_SETTLE_MS, settleDelayMs } from '../../../src/app/tokens/fetchLease';
import { leaseKey, secretKey, tokenKey } from '../../../src/app/credentials/secretKeys';
import { parseStoredToken } from '../../../src/app/tokens/secretTokenStore';
import { SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import {
	configureApps,
	configuredApp,
	hooks,
	iconId,
	resetAll,
	sandboxEntry,
	statusBarShown,
	treeOf,
} from '../support/extension';
import { sandbox, sandboxUrl } from '../support/sandboxControl';
import { sleep, waitFor } from '../support/waitFor';
import * as vscode from 'vscode';

describe('SecretStorage', () => {
	beforeEach(resetAll);
	after(resetAll);

	it('round-trips the secrets through the real SecretStorage, keyed by the app identity', async () => {
		const { secrets, credentials } = await hooks();
		const app = await configuredApp('wechat-stable', 'Round trip');
		assert.equal(await secrets.get(secretKey('appSecret', app.identity)), SANDBOX_WECHAT_APP.appSecret);
		assert.deepEqual(await credentials.read(app), { appSecret: SANDBOX_WECHAT_APP.appSecret });
		const { item } = await treeOf('Round trip');
		assert.equal(item.description, 'no token yet');
	});

	it('follows changes another window makes to SecretStorage', async () => {
		const { service, secrets } = await hooks();
		const app = await configuredApp('wechat-stable', 'Other window');
		await secrets.delete(secretKey('appSecret', app.identity));
		await waitFor('credentials missing', () => service.state(app).credentials === 'missing');
		const { item } = await treeOf('Other window');
		assert.equal(item.description, 'credentials missing');
		assert.equal(iconId(item), 'lock');
		await secrets.store(secretKey('appSecret', app.identity), SANDBOX_WECHAT_APP.appSecret);
		await waitFor('credentials present again', () => service.state(app).credentials === 'present');
	});

	it('caches the token in SecretStorage, not only in memory', async () => {
		const { service, secrets } = await hooks();
		const app = await configuredApp('wechat-stable', 'Cached');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Cached');
		const copied = await vscode.env.clipboard.readText();
		const stored = parseStoredToken((await secrets.get(tokenKey(app.identity))) ?? '');
		assert.equal(stored?.accessToken, copied);
		assert.equal(service.state(app).token?.accessToken, copied);
	});

	it('binds secrets to the origin: an app whose host changes does not get them, and nothing is sent', async () => {
		const { service, credentials } = await hooks();
		const original = await configuredApp('wechat-stable', 'Moved');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Moved');
		const token = service.state(original).token;
		assert.ok(token);
		const requests = await sandbox.requestCount();

		// Same sandbox, another origin: to the extension a different server that was never given the AppSecret.
		const movedHost = sandboxUrl().replace('127.0.0.1', 'localhost');
		const [moved] = await configureApps([sandboxEntry('wechat-stable', 'Moved', { host: movedHost })]);
		assert.ok(moved);
		assert.notEqual(moved.identity, original.identity);
		assert.equal(service.state(moved).credentials, 'missing');
		assert.equal(service.state(moved).token, undefined);
		assert.equal((await treeOf('Moved')).item.description, 'credentials missing');
		assert.deepEqual(await credentials.read(moved), {});
		await assert.rejects(
			service.get(moved),
			(error: unknown) => (error as { reason?: unknown }).reason === 'credentials-missing',
		);
		assert.equal(await sandbox.requestCount(), requests, 'a request reached the new host');
		// The old secrets are only offered, behind the confirmation in "Set WeChat App Credentials…".
		assert.equal((await credentials.findReusable(moved))?.host, original.host);

		// Pointed back, the app finds its secrets and its cached token again, still without a request.
		const [back] = await configureApps([sandboxEntry('wechat-stable', 'Moved')]);
		assert.ok(back);
		await waitFor(
			'the cached token to be restored',
			() => service.state(back).token?.accessToken === token.accessToken,
		);
		assert.equal(service.state(back).credentials, 'present');
		assert.equal(await sandbox.requestCount(), requests);
	});

	it('forgets the secrets and the cached token of a removed app', async () => {
		const { service, secrets } = await hooks();
		const app = await configuredApp('authing-management', 'Removed');
		await vscode.commands.executeCommand('wechatAccessToken.getToken', 'Removed');
		assert.ok(await secrets.get(tokenKey(app.identity)));
		await service.remove(app);
		for (const key of [
			secretKey('appSecret', app.identity),
			secretKey('accessKeySecret', app.identity),
			tokenKey(app.identity),
		]) {
			assert.equal(await secrets.get(key), undefined, key);
		}
	});

	it('the classic fetch lease waits longer than this host’s SecretStorage takes to read, then write, the lease', async () => {
		const { secrets } = await hooks();
		const key = leaseKey('wechat|https://lease-timing.invalid|wx0000000000000000');
		const spans: number[] = [];
		try {
			for (let i = 0; i < 20; i++) {
				const started = performance.now();
				await secrets.get(key);
				await secrets.store(
					key,
					JSON.stringify({ owner: 'timing', nonce: String(i), expiresAt: Date.now() + 1_000 }),
				);
				spans.push(performance.now() - started);
			}
		} finally {
			await secrets.delete(key);
		}
		spans.sort((a, b) => a - b);
		const median = spans[10] ?? 0;
		const slowest = spans[spans.length - 1] ?? 0;
		console.log(
			`      SecretStorage read-then-write: median ${median.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms; the lease waits ${settleDelayMs(slowest, DEFAULT_LEASE_SETTLE_MS).toFixed(0)} ms after it`,
		);
		assert.ok(spans.every((span) => settleDelayMs(span, DEFAULT_LEASE_SETTLE_MS) > span));
	});

	it('removing an app while its token is on the way aborts the request: no token lands in SecretStorage, the tree or the status bar', async () => {
		const { service, secrets } = await hooks();
		const app = await configuredApp('wechat-stable', 'Removed mid-fetch');
		const slowMs = 3_000;
		await sandbox.addFault({ kind: 'slow', delayMs: slowMs, times: 1, path: '/cgi-bin/stable_token' });
		const command = vscode.commands.executeCommand('wechatAccessToken.getToken', 'Removed mid-fetch');
		await waitFor(
			'the request to be under way',
			async () => (await sandbox.state()).counts['/cgi-bin/stable_token'] === 1,
		);
		const started = Date.now();
		await service.remove(app);
		await command;
		assert.ok(Date.now() - started < slowMs / 2, 'the request was aborted, not waited out');
		await sleep(slowMs + 500);
		assert.equal(await secrets.get(tokenKey(app.identity)), undefined);
		assert.equal(service.state(app).token, undefined);
		assert.equal((await statusBarShown()).visible, false);
		assert.equal(
			(await sandbox.state()).tokens[SANDBOX_WECHAT_APP.appId]?.stable,
			undefined,
			'the sandbox never answered it',
		);
	});
});
