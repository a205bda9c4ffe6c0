/**
 * `npm run test:desktop`: the same integration suite as `npm run test:integration`, in desktop VS Code through
 * `@vscode/test-electron`, for machines that can download VS Code (the project's own CI machines cannot: there,
 * runInCodeServer.ts runs it in code-server). On Linux without a display, run it under `xvfb-run -a`.
 *
 * VS Code version: `VSCODE_TEST_VERSION` (default `stable`), or an installed one through `VSCODE_TEST_EXECUTABLE`. The
 * host's Node must be able to require() mocha 12, an ES module (Node 20.19 / 22.12 or later), so use a current VS Code;
 * running the suite on the oldest version the manifest allows (1.74) would need an older mocha.
 * The English suites run; the zh-cn one needs a host started in that display language with a language pack, which
 * runInCodeServer.ts provides and this runner does not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startSandbox } from '../sandbox/sandboxServer';
import { buildExtension, buildSuite, REPO_ROOT } from './support/build';
import { exitWhenDone, onCleanup } from '../../scripts/host/cleanup';
import { startupEnv, startupSettings } from './support/env';

/** A quiet, fresh profile: nothing but the extension under test, no welcome page, no update checks. */
const QUIET_SETTINGS = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'security.workspace.trust.enabled': false,
	'chat.disableAIFeatures': true,
};

async function main(): Promise<number> {
	const started = Date.now();
	buildExtension();
	const runner = await buildSuite();
	const sandbox = await startSandbox({ port: 0 });
	onCleanup(() => sandbox.close());

	const profile = mkdtempSync(path.join(os.tmpdir(), 'wat-desktop-'));
	onCleanup(() => rmSync(profile, { recursive: true, force: true }));
	const userDataDir = path.join(profile, 'user-data');
	const workspace = path.join(profile, 'workspace');
	mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	mkdirSync(workspace);
	writeFileSync(
		path.join(userDataDir, 'User', 'settings.json'),
		JSON.stringify({ ...QUIET_SETTINGS, ...startupSettings(sandbox.url) }, null, 2),
	);

	const executable = process.env.VSCODE_TEST_EXECUTABLE;
	const code = await runTests({
		...(executable
			? { vscodeExecutablePath: executable }
			: { version: process.env.VSCODE_TEST_VERSION ?? 'stable' }),
		extensionDevelopmentPath: REPO_ROOT,
		extensionTestsPath: runner,
		extensionTestsEnv: startupEnv(sandbox.url),
		launchArgs: [
			workspace,
			'--user-data-dir',
			userDataDir,
			// Other extensions stay off; the one under development still loads.
			'--disable-extensions',
			'--disable-workspace-trust',
			'--skip-welcome',
			'--skip-release-notes',
			// No keyring daemon on a CI machine: SecretStorage then uses VS Code's own encrypted store.
			'--password-store=basic',
		],
	});
	console.log(`[desktop] exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return code;
}

void exitWhenDone(main());
