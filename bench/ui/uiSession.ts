import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer } from '../../scripts/host/codeServer';
import type { VscodeHost } from '../../scripts/host/vscodeHost';
import { REPO_ROOT } from '../../scripts/host/vscodeHost';
import { launchBrowser, Workbench } from '../../test/e2e/support/workbench';

const MINIMAL_EXTENSION_DIR = path.join(REPO_ROOT, 'test/e2e/fixtures/minimal-extension');

/**
 * The minimal extension fixture as a .vsix (in a temp folder), so it is installed the way ours is: a folder copied
 * next to an installed extension is not picked up (code-server lists installed extensions in extensions.json).
 */
export function packageMinimalExtension(): string {
	const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'wat-bench-minimal-')), 'minimal-wechat-token.vsix');
	execFileSync(
		path.join(REPO_ROOT, 'node_modules/.bin/vsce'),
		['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
		{
			cwd: MINIMAL_EXTENSION_DIR,
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 120_000,
		},
	);
	return out;
}

export interface UiSessionOptions {
	/** .vsix files installed the way a user does. */
	readonly vsix: readonly string[];
	readonly settings: Record<string, unknown>;
	readonly initScripts?: readonly string[];
	/** Runs after the install, before code-server starts (the trace swaps in its bundle). */
	readonly beforeStart?: (server: CodeServer) => void;
}

/** One code-server with a fresh profile, Chromium and one window; `stop` ends them and deletes the profile. */
export interface UiSession {
	readonly server: CodeServer;
	readonly wb: Workbench;
	stop(): Promise<void>;
}

export async function openUiSession(host: VscodeHost, options: UiSessionOptions): Promise<UiSession> {
	const server = new CodeServer(host, { settings: options.settings });
	let browser: Browser | undefined;
	const stop = async (): Promise<void> => {
		await browser?.close().catch(() => undefined);
		await server.stop();
		if (process.env.E2E_KEEP_PROFILE === undefined) {
			server.dispose();
		} else {
			console.error(`[bench:ui] profile kept: ${server.root}`);
		}
	};
	try {
		for (const vsix of options.vsix) {
			server.installExtension(vsix);
		}
		options.beforeStart?.(server);
		await server.start();
		browser = await launchBrowser(host);
		const wb = await Workbench.open(browser, server.url, server.workspaceDir, options.initScripts);
		return { server, wb, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
