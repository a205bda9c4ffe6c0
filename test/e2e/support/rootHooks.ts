import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from '../../sandbox/sandboxServer';
import { startSandbox } from '../../sandbox/sandboxServer';
import { retrySummary, setCurrentTest } from './harnessRetries';
import type { VscodeHost } from '../../../scripts/host/vscodeHost';
import { ensureVscodeHost, REPO_ROOT } from '../../../scripts/host/vscodeHost';

/** What every e2e suite shares: the host (code-server, Chromium), the packaged extension and the sandbox. */
export interface E2eEnvironment {
	readonly host: VscodeHost;
	/** The .vsix `npm run package` built for this run. */
	readonly vsix: string;
	/** Fake Authing + WeChat, in this process, so tests can arm faults and read what it issued. */
	readonly sandbox: Sandbox;
}

let environment: E2eEnvironment | undefined;

export function e2e(): E2eEnvironment {
	if (environment === undefined) {
		throw new Error('The e2e root hooks did not run: start the suite with `npm run test:e2e`.');
	}
	return environment;
}

/** `npm run package` in the work tree, as a release is built; the .vsix's path. Also used by `npm run bench:ui`. */
export function packageVsix(): string {
	const manifest = JSON.parse(
		execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: REPO_ROOT, encoding: 'utf8' }),
	) as {
		name: string;
		version: string;
	};
	const vsix = path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
	const started = Date.now();
	try {
		execFileSync('npm', ['run', 'package'], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			encoding: 'utf8',
			timeout: 5 * 60_000,
		});
	} catch (error) {
		const { stdout, stderr } = error as { stdout?: string; stderr?: string };
		throw new Error(`npm run package failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
	}
	if (!existsSync(vsix)) {
		throw new Error(`npm run package did not produce ${vsix}`);
	}
	// The bundles `vscode:prepublish` just wrote for the .vsix: test hooks in them would hand out SecretStorage.
	for (const bundle of ['dist/extension.js', 'dist/services.js']) {
		if (readFileSync(path.join(REPO_ROOT, bundle), 'utf8').includes('__testing')) {
			throw new Error(
				`The packaged ${bundle} holds the test hooks (__testing): see src/vscode/startup/testingHooks.ts`,
			);
		}
	}
	console.log(`  [e2e] packaged ${path.basename(vsix)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return vsix;
}

/** Mocha root hooks (loaded through .mocharc.json `require`): once per run, before and after every suite. */
export const mochaHooks = {
	async beforeAll(this: Mocha.Context): Promise<void> {
		// The cold host install (Node 24, code-server, Debian packages) takes ~2 minutes once per machine.
		this.timeout(20 * 60_000);
		const started = Date.now();
		const host = ensureVscodeHost();
		console.log(
			`  [e2e] VS Code host ${host.vscodeVersion}, Chromium ${host.chromiumVersion}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		const vsix = packageVsix();
		const sandbox = await startSandbox({ port: 0 });
		environment = { host, vsix, sandbox };
	},
	beforeEach(this: Mocha.Context): void {
		setCurrentTest(this.currentTest?.fullTitle() ?? '(unknown test)');
	},
	async afterAll(): Promise<void> {
		console.log(retrySummary());
		await environment?.sandbox.close();
		environment = undefined;
	},
};
