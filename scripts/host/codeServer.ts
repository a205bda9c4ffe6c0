import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closedPort } from './closedPort';
import type { VscodeHost } from './vscodeHost';

/** A quiet profile: no AI side bar, tips, telemetry or update checks; motion off so screenshots are not mid-fade. */
const QUIET_SETTINGS = {
	'chat.disableAIFeatures': true,
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'workbench.reduceMotion': 'on',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'git.enabled': false,
	'security.workspace.trust.enabled': false,
	// code-server announces every port something on this machine starts listening on ("Your application running on
	// port … is available"), which would put unrelated toasts between the ones a test waits for.
	'remote.autoForwardPorts': false,
	// The extension opens its walkthrough once after install, as VS Code does: a suite's fresh profile would open it
	// over the editors the tests use. The walkthrough's suite and the demo turn it on.
	'wechatAccessToken.showWalkthroughOnInstall': false,
};

export interface ProfileOptions {
	readonly settings?: Record<string, unknown>;
	/** `zh-cn` makes the host report that display language (see scripts/HOST_NOTES.md §5 for why the stub). */
	readonly locale?: 'zh-cn';
	/** Enables the smoke-test driver, needed to run `extensionTestsPath` suites in a released workbench. */
	readonly testDriver?: boolean;
	/** A fixed port (the demo's, easy to forward); the caller checks it is free. Default: any free port. */
	readonly port?: number;
	/**
	 * Files to put in the workspace folder before start, by path relative to it (e.g. `.vscode/tasks.json`): like
	 * settings.json, they are not reliably picked up when written while code-server runs.
	 */
	readonly workspaceFiles?: Readonly<Record<string, string>>;
	/**
	 * `ask`: Workspace Trust as a user has it out of the box. The folder is not trusted yet (trust decisions live in the
	 * browser's storage, fresh for every session), so VS Code asks at startup with a modal the test answers, and opens
	 * it in Restricted Mode when the answer is no. Default `off`: `--disable-workspace-trust`, every folder trusted.
	 */
	readonly workspaceTrust?: 'off' | 'ask';
	/** Added to code-server's environment, which its extension host inherits (e.g. `NODE_EXTRA_CA_CERTS`). */
	readonly env?: Readonly<Record<string, string>>;
}

/** The user settings that turn Workspace Trust on with VS Code's defaults (startup prompt once, banner). */
const TRUST_ON_SETTINGS = { 'security.workspace.trust.enabled': true };

/**
 * One code-server with its own fresh profile folder (user data, extensions, XDG dirs), started in its own process
 * group so that stopping it ends every process it spawned.
 */
export class CodeServer {
	readonly root: string;
	readonly userDataDir: string;
	readonly extensionsDir: string;
	readonly workspaceDir: string;
	private process: ChildProcess | undefined;
	private port = 0;

	constructor(
		private readonly host: VscodeHost,
		private readonly options: ProfileOptions = {},
	) {
		this.root = mkdtempSync(path.join(os.tmpdir(), 'wat-e2e-'));
		this.userDataDir = path.join(this.root, 'ud');
		this.extensionsDir = path.join(this.root, 'ext');
		this.workspaceDir = path.join(this.root, 'workspace');
		for (const dir of [
			this.userDataDir,
			path.join(this.userDataDir, 'User'),
			this.extensionsDir,
			this.workspaceDir,
		]) {
			mkdirSync(dir, { recursive: true });
		}
		this.writeUserSettings(options.settings ?? {});
		for (const [relative, content] of Object.entries(options.workspaceFiles ?? {})) {
			mkdirSync(path.dirname(path.join(this.workspaceDir, relative)), { recursive: true });
			writeFileSync(path.join(this.workspaceDir, relative), content);
		}
		if (options.locale) {
			this.installLocaleStub(options.locale);
		}
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * Replaces the user settings. Write them before `start()`: a running code-server did not notice this file
	 * changing on disk (tested: neither `workbench.statusBar.visible` nor an extension setting took effect).
	 */
	writeUserSettings(settings: Record<string, unknown>): void {
		const trust = this.options.workspaceTrust === 'ask' ? TRUST_ON_SETTINGS : {};
		writeFileSync(
			path.join(this.userDataDir, 'User', 'settings.json'),
			JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...settings }, null, 2),
		);
	}

	/** Installs a .vsix the way a user does. */
	installExtension(vsix: string): void {
		execFileSync(this.host.node24, [this.host.codeServer, ...this.profileArgs(), '--install-extension', vsix], {
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 120_000,
		});
	}

	async start(): Promise<void> {
		// A port nothing listens on right now is free for code-server to take.
		this.port = this.options.port ?? (await closedPort());
		const log = openSync(path.join(this.root, 'server.log'), 'a');
		this.process = spawn(
			this.host.node24,
			[
				this.host.codeServer,
				'--auth',
				'none',
				'--bind-addr',
				`127.0.0.1:${this.port}`,
				'--disable-telemetry',
				'--disable-update-check',
				...(this.options.workspaceTrust === 'ask' ? [] : ['--disable-workspace-trust']),
				...this.profileArgs(),
				...(this.options.locale ? ['--locale', this.options.locale] : []),
				...(this.options.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
				this.workspaceDir,
			],
			{ env: this.env(), detached: true, stdio: ['ignore', log, log] },
		);
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (this.process.exitCode !== null) {
				throw new Error(
					`code-server exited with ${this.process.exitCode}; see ${path.join(this.root, 'server.log')}`,
				);
			}
			try {
				const response = await fetch(`${this.url}/healthz`);
				if (response.ok) {
					return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error('code-server did not become healthy within 60 s');
	}

	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		if (!child?.pid || child.exitCode !== null) {
			return;
		}
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-(child.pid as number), 'SIGKILL');
			} catch {
				// already gone
			}
		}, 5000);
		await exited;
		clearTimeout(timer);
	}

	/** Removes the whole profile; call after the secrets scan. */
	dispose(): void {
		rmSync(this.root, { recursive: true, force: true });
	}

	private profileArgs(): string[] {
		return ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir];
	}

	/** code-server writes config and data under XDG dirs; keep them inside the profile, out of $HOME. */
	private env(): NodeJS.ProcessEnv {
		return {
			...process.env,
			XDG_CONFIG_HOME: path.join(this.root, 'xdg-config'),
			XDG_DATA_HOME: path.join(this.root, 'xdg-data'),
			...this.options.env,
		};
	}

	/**
	 * code-server picks the display language from `<user-data>/languagepacks.json`; with no language pack there (none
	 * can be downloaded here) `--locale zh-cn` falls back to English. A stub entry is enough for the extension host to
	 * report `zh-cn`, which is what makes VS Code load our package.nls.zh-cn.json and l10n bundle. VS Code's own labels
	 * stay English.
	 */
	private installLocaleStub(locale: string): void {
		const translations = path.join(this.root, 'main.i18n.json');
		writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
		writeFileSync(
			path.join(this.userDataDir, 'languagepacks.json'),
			JSON.stringify({
				[locale]: {
					hash: 'e2e-stub',
					extensions: [{ extensionIdentifier: { id: 'e2e.language-stub' }, version: '0.0.1' }],
					translations: { vscode: translations },
					label: locale,
				},
			}),
		);
	}
}
