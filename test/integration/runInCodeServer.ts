/**
 * `npm run test:integration`: runs test/integration's mocha suite inside code-server's extension host, i.e. real
 * VS Code with the real `vscode` API (scripts/HOST_NOTES.md, "Extension tests inside the real extension host").
 *
 * Builds the extension (production bundle) and the suite, starts the sandbox here on loopback, then for each display
 * language (en, and zh-cn through the language-pack stub) a fresh code-server with the smoke-test driver enabled.
 * Chromium opens the workbench with the extension under development (the repository itself, not installed) and the
 * suite as `extensionTestsPath`; the workbench reports mocha's output through `codeAutomationLog` and the outcome
 * through `codeAutomationExit`. Exits with 0 only if every run passed. Always stops what it started.
 */
import { format } from 'node:util';
import { CodeServer } from '../../scripts/host/codeServer';
import type { VscodeHost } from '../../scripts/host/vscodeHost';
import { ensureVscodeHost } from '../../scripts/host/vscodeHost';
import { startSandbox } from '../sandbox/sandboxServer';
import { launchChromium } from './support/browser';
import { buildExtension, buildSuite, REPO_ROOT } from './support/build';
import { exitWhenDone, onCleanup } from '../../scripts/host/cleanup';
import { startupEnv, startupSettings } from './support/env';

/** A run that hangs (a modal waiting for a click, say) fails instead of blocking CI. */
const RUN_TIMEOUT_MS = 5 * 60_000;
/** Set to 1 to keep each profile folder (settings, logs under ud/logs) for a look after a failure. */
const KEEP_ENV = 'WECHAT_ACCESS_TOKEN_IT_KEEP';

/**
 * The workbench's own chatter (connection set-up, and complaints on a machine without internet: gallery, telemetry,
 * the GitHub sign-in it never gets), which comes through the same log hook as the suite's output.
 */
const NOISE = [
	/ENOTFOUND|open-vsx\.org|marketplace|gallery|Failed to fetch|net::ERR_/i,
	/^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin extensions cache)/,
	/^\[(reconnection-grace-time|Service Worker|AgentHost:remote|AccountPolicyGate)\]/,
	/authentication provider 'github'|Creation of workbench contribution/,
];

interface HostRun {
	readonly label: string;
	readonly locale?: 'zh-cn';
}

/** Set to a comma-separated subset of the labels (`en`, `zh-cn`) to run only those hosts. */
const ONLY_ENV = 'WECHAT_ACCESS_TOKEN_IT_ONLY';

const RUNS: readonly HostRun[] = [{ label: 'en' }, { label: 'zh-cn' as const, locale: 'zh-cn' as const }].filter(
	(run) => !process.env[ONLY_ENV] || process.env[ONLY_ENV].split(',').includes(run.label),
);

async function main(): Promise<number> {
	const started = Date.now();
	const host = ensureVscodeHost();
	buildExtension();
	const runner = await buildSuite();
	const sandbox = await startSandbox({ port: 0 });
	onCleanup(() => sandbox.close());
	// code-server passes its environment on to the extension host, where the suite reads these.
	Object.assign(process.env, startupEnv(sandbox.url));

	let failed = 0;
	for (const run of RUNS) {
		const runStarted = Date.now();
		const code = await runInHost(host, run, runner, sandbox.url);
		console.log(`\n[integration:${run.label}] exit code ${code} after ${seconds(Date.now() - runStarted)}`);
		failed += code === 0 ? 0 : 1;
	}
	console.log(
		`[integration] ${failed === 0 ? 'passed' : `${failed} of ${RUNS.length} runs failed`} in ${seconds(Date.now() - started)} in all`,
	);
	return failed === 0 ? 0 : 1;
}

async function runInHost(host: VscodeHost, run: HostRun, runner: string, sandboxUrl: string): Promise<number> {
	const server = new CodeServer(host, {
		testDriver: true,
		settings: startupSettings(sandboxUrl),
		...(run.locale ? { locale: run.locale } : {}),
	});
	const stopServer = onCleanup(async () => {
		await server.stop();
		if (process.env[KEEP_ENV] === '1') {
			console.log(`[integration:${run.label}] profile kept at ${server.root}`);
		} else {
			server.dispose();
		}
	});
	try {
		await server.start();
		const browser = await launchChromium(host);
		const closeBrowser = onCleanup(() => browser.close());
		try {
			const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
			const page = await context.newPage();
			let finish: (code: number) => void = () => undefined;
			const exited = new Promise<number>((resolve) => (finish = resolve));
			await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
			await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) =>
				printHostLog(run.label, type, args),
			);
			const payload = [
				['extensionDevelopmentPath', `vscode-remote://remote${REPO_ROOT}`],
				['extensionTestsPath', `vscode-remote://remote${runner}`],
				['skipWelcome', 'true'],
			];
			await page.goto(
				`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
			);
			return await Promise.race([exited, timeout(RUN_TIMEOUT_MS)]);
		} finally {
			await closeBrowser();
		}
	} finally {
		await stopServer();
	}
}

function printHostLog(label: string, type: string, args: unknown[]): void {
	const text = format(...args);
	if (NOISE.some((pattern) => pattern.test(text))) {
		return;
	}
	const prefix = type === 'log' || type === 'info' ? '' : `[${label} ${type}] `;
	console.log(prefix + text);
}

async function timeout(ms: number): Promise<number> {
	await new Promise((resolve) => setTimeout(resolve, ms).unref());
	console.error(`The suite did not finish within ${seconds(ms)}.`);
	return 1;
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

void exitWhenDone(main());
