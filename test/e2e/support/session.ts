import { mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { ProfileOptions } from '../../../scripts/host/codeServer';
import { CodeServer } from '../../../scripts/host/codeServer';
import { e2e } from './rootHooks';
import { REPO_ROOT } from '../../../scripts/host/vscodeHost';
import { launchBrowser, Workbench } from './workbench';

/** Where failing tests leave a screenshot of the window. */
export const FAILURE_DIR = path.join(os.tmpdir(), 'wechat-access-token-e2e-failures');
/**
 * Where the README's screenshots go: a scratch folder, so that a test run leaves the work tree as it found it.
 * `npm run screenshots` points it at media/screenshots (E2E_SCREENSHOT_DIR) to refresh the README's pictures.
 */
export const SCREENSHOT_DIR = path.resolve(
	REPO_ROOT,
	process.env.E2E_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'wechat-access-token-e2e-screenshots'),
);

/** The extension's ids, as the package declares them: the public contract the tests drive. */
export const IDS = {
	statusBar: 'wechatAccessToken.expiry',
	viewContainer: 'wechatAccessToken',
	viewContainerTitle: 'WeChat Access Token',
} as const;

/** A suite's profile, and other extensions to install beside this one (test fixtures, as .vsix files). */
export interface SessionOptions extends ProfileOptions {
	readonly otherExtensions?: readonly string[];
}

/** One suite's VS Code: a fresh profile with the .vsix installed, code-server, Chromium and one window. */
export interface Session {
	readonly server: CodeServer;
	readonly wb: Workbench;
	/** Ends the browser and code-server (idempotent): the profile stays on disk for the secrets scan. */
	shutdown(): Promise<void>;
}

/**
 * Registers the hooks that give the enclosing `describe` its own VS Code: started once before its tests, a clean
 * screen (no quick input, dialog or toast) after each, a screenshot of the window when a test fails, and everything
 * stopped and the profile deleted after the suite. Set E2E_KEEP_PROFILE=1 to keep the profile folder.
 */
export function useSession(options: () => SessionOptions): () => Session {
	let session: Session | undefined;
	let browser: Browser | undefined;
	let server: CodeServer | undefined;
	let stopped = false;

	const shutdown = async (): Promise<void> => {
		if (stopped) {
			return;
		}
		stopped = true;
		await browser?.close().catch(() => undefined);
		await server?.stop();
	};

	before(async function () {
		this.timeout(180_000);
		const { host, vsix } = e2e();
		const started = Date.now();
		const profile = options();
		server = new CodeServer(host, profile);
		server.installExtension(vsix);
		profile.otherExtensions?.forEach((other) => server?.installExtension(other));
		await server.start();
		browser = await launchBrowser(host);
		const wb = await Workbench.open(browser, server.url, server.workspaceDir);
		// The activity bar entry comes from the manifest: the extension is installed and the window is usable.
		await wb.page
			.locator(`.activitybar .action-item .action-label[aria-label^="${IDS.viewContainerTitle}"]`)
			.first()
			.waitFor({ timeout: 90_000 });
		session = { server, wb, shutdown };
		console.log(
			`      [e2e] VS Code up in ${((Date.now() - started) / 1000).toFixed(1)} s (profile ${server.root})`,
		);
	});

	afterEach(async function () {
		if (session === undefined || stopped) {
			return;
		}
		const test = this.currentTest;
		if (test?.state === 'failed') {
			mkdirSync(FAILURE_DIR, { recursive: true });
			const file = path.join(
				FAILURE_DIR,
				`${Date.now()}-${test
					.fullTitle()
					.replace(/[^\w.-]+/g, '_')
					.slice(0, 120)}.png`,
			);
			await session.wb.screenshot(file).then(
				() => console.log(`      [e2e] failure screenshot: ${file}`),
				(error: unknown) => console.log(`      [e2e] could not take a failure screenshot: ${String(error)}`),
			);
			const toasts = await session.wb.toastHistory(Date.now() - 90_000).catch(() => []);
			const focus = await session.wb.focusHistory(60_000).catch(() => []);
			console.log(`      [e2e] focus and quick input, last 60 s:\n        ${focus.join('\n        ')}`);
			const all = await session.wb.notificationCenterTexts().catch(() => []);
			console.log(
				`      [e2e] toasts shown in the last 90 s: ${JSON.stringify(toasts.map((toast) => `${new Date(toast.at).toISOString()} ${toast.text}`))}\n` +
					`      [e2e] notification centre: ${JSON.stringify(all)}`,
			);
		}
		await session.wb
			.dismissAll()
			.catch((error: unknown) => console.log(`      [e2e] could not clear the screen: ${String(error)}`));
	});

	after(async function () {
		this.timeout(60_000);
		await shutdown();
		if (server !== undefined && process.env.E2E_KEEP_PROFILE === undefined) {
			server.dispose();
		} else if (server !== undefined) {
			console.log(`      [e2e] profile kept: ${server.root}`);
		}
	});

	return () => {
		if (session === undefined) {
			throw new Error('The VS Code session did not start (see the before hook).');
		}
		return session;
	};
}
