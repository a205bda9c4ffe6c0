import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEEDED_LOOPBACK_APP, SEEDED_REMOTE_APP } from '../support/env';
import { extension, hooks } from '../support/extension';
import { sandbox } from '../support/sandboxControl';
import { waitFor } from '../support/waitFor';

// Runs first (see index.ts): the profile started with two apps in its settings and the demo-secrets variable set.
describe('activation', () => {
	it('activates, fast, and exports the test hooks (a test build, run as the extension under test)', async () => {
		const ext = extension();
		const wasActive = ext.isActive;
		const started = Date.now();
		const testing = await hooks();
		const waited = Date.now() - started;
		assert.ok(ext.isActive);
		// activate() registers the commands; the services are built right after (src/services.ts). Anything slow in
		// either delays every window's start-up.
		console.log(
			`      activate() took ${testing.activationMs} ms inside the host, building the services ${testing.servicesStartMs} ms (already active: ${wasActive}; waited ${waited} ms)`,
		);
		assert.ok(testing.activationMs < 1000, `activate() took ${testing.activationMs} ms`);
		assert.ok(testing.servicesStartMs < 1000, `building the services took ${testing.servicesStartMs} ms`);
		assert.equal((ext.packageJSON as { main: string }).main, './dist/extension.js');
	});

	it('runs where the workspace is (extensionKind workspace): on code-server, the remote extension host', () => {
		// The IP WeChat whitelists is this machine's (README, Troubleshooting → 40164).
		assert.equal(extension().extensionKind, vscode.ExtensionKind.Workspace);
	});

	it('does no network I/O while activating', async () => {
		const { service } = await hooks();
		await waitFor('the startup apps', () => service.getApps().length === 2);
		assert.equal(await sandbox.requestCount(), 0);
	});

	it('stores the demo secrets for the loopback app only, never for one whose host is remote', async () => {
		const { service, credentials } = await hooks();
		const loopback = service.findApp(SEEDED_LOOPBACK_APP);
		const remote = service.findApp(SEEDED_REMOTE_APP);
		assert.ok(loopback && remote);
		await waitFor('the seeded secrets', () => service.state(loopback).credentials === 'present');
		assert.deepEqual(Object.keys(await credentials.read(loopback)).sort(), ['accessKeySecret', 'appSecret']);
		assert.equal(service.state(remote).credentials, 'missing');
		assert.deepEqual(await credentials.read(remote), {});
	});
});
