import * as vscode from 'vscode';
import { ActiveApp } from './app/tokens/activeApp';
import type { WechatAccessTokenApi } from './api/wechatAccessTokenApi';
import { ClassicConsent } from './app/tokens/classicConsent';
import { createConfiguredClient, createConfiguredDiagnostics } from './app/tokens/clientFactory';
import { CredentialStore } from './app/credentials/credentialStore';
import { HealthCalls } from './app/health/healthCalls';
import { TokenUseCase } from './app/tokens/tokenUseCase';
import { TicketService } from './app/jssdk/ticketService';
import { TokenHealth } from './app/health/tokenHealth';
import { scopedLog } from './app/ports/log';
import { TokenService } from './app/tokens/tokenService';
import { askClassicMint } from './vscode/classicMintPrompt';
import { APPS_VIEW_ID } from './vscode/commandIds';
import { commandHandlers } from './vscode/commands/commandHandlers';
import type { RegisteredCommand } from './vscode/flows/runCommand';
import { seedDemoSecrets } from './vscode/demoSecrets';
import { showExpiryAlert } from './vscode/expiry/expiryAlertNotification';
import { ExpiryAutomation } from './vscode/expiry/expiryAutomation';
import { ReadOnlyDocuments } from './vscode/readOnlyDocuments';
import { AnswerFiles } from './vscode/requestFiles/answerFiles';
import { RequestFileLanguage } from './vscode/requestFiles/requestFileLanguage';
import { createLogChannel } from './vscode/log';
import { createPublicApi } from './vscode/publicApi';
import { Settings } from './vscode/settings';
import { SettingsSync } from './vscode/startup/settingsSync';
import { openWalkthroughOnFirstRun } from './vscode/startup/firstRun';
import { createExpiryStatusBarItem, ExpiryStatusBar } from './vscode/statusBar/expiryStatusBar';
import { TerminalEnvironment } from './vscode/terminalEnvironment';
import { TestObservation } from './vscode/startup/testingHooks';
import { AppsTreeProvider } from './vscode/tree/appsTreeProvider';

/**
 * Set by esbuild's `define` (esbuild.js): true in development and test builds, false in the `--production` bundle that
 * `npm run package` ships, where esbuild then drops the code it guards (and src/vscode/startup/testingHooks.ts with it).
 */
declare const __TEST_HOOKS__: boolean;

/** What activation (src/extension.ts) gets back once the services run. */
export interface RunningServices {
	/** The handlers of the commands activation registered, by id. */
	readonly commands: ReadonlyMap<string, RegisteredCommand>;
	/** What `activate()` resolves to: the public API (with the test hooks in a test build under test). */
	readonly api: WechatAccessTokenApi;
	/** Resolves once the tokens and tickets handed out so far are stored (`deactivate` waits for it). */
	persisted(): Promise<void>;
}

/** What `require('./services.js')` gives activation. */
export interface ServicesBundle {
	readonly startServices: (context: vscode.ExtensionContext, activation: ActivationTiming) => RunningServices;
}

/** When activation ran, for the log line that says what start-up cost. */
export interface ActivationTiming {
	/** `performance.now()` when `activate()` was entered. */
	readonly startedAt: number;
	/** How long `activate()` itself took, ms. */
	readonly bodyMs: number;
}

/**
 * The composition root, run right after activation (or by the first command, whichever comes first): builds the
 * services in dependency order and hands every disposable to VS Code at once. It reads settings and SecretStorage
 * only; nothing goes over the network until a command asks for a token.
 */
export function startServices(context: vscode.ExtensionContext, activation: ActivationTiming): RunningServices {
	const started = performance.now();
	const testing = observeForTests(context);
	const channel = createLogChannel();
	context.subscriptions.push(channel);
	const log = scopedLog(channel, 'extension');

	const settings = new Settings();
	// Built once with the numbers in force now: SettingsSync applies only later changes, so start-up makes one client.
	const initial = settings.read();
	const credentials = new CredentialStore(context.secrets);
	const service = new TokenService({
		secrets: context.secrets,
		credentials,
		client: createConfiguredClient(initial.requestTimeoutSeconds, vscode.env.language, log),
		marginMs: initial.refreshMarginMs,
		log: scopedLog(channel, 'tokens'),
		classicMintPrompt: askClassicMint,
	});
	context.subscriptions.push(service);
	// The app pinned to the status bar is a per-project choice, and not a secret.
	const activeApp = new ActiveApp({
		tokens: service,
		store: context.workspaceState,
		log: scopedLog(channel, 'tokens'),
	});
	context.subscriptions.push(activeApp);
	// What token checks and quota reads learned, for this window only.
	const health = new TokenHealth();
	context.subscriptions.push(
		health,
		service.onDidChange(() => health.retainOnly(service.getApps().map((app) => app.identity))),
	);

	// The calls made with a token, shared by the commands and the API: one place records what they learn.
	const healthCalls = new HealthCalls({
		health,
		credentials,
		diagnostics: () => createConfiguredDiagnostics(settings.read().requestTimeoutSeconds),
		wechatApiHost: () => settings.read().wechatApiHost,
	});
	const consent = new ClassicConsent(context.globalState);
	// JS-SDK tickets, fetched with the apps' tokens and cached like them (shared by every window).
	const tickets = new TicketService({
		secrets: context.secrets,
		calls: healthCalls,
		log: scopedLog(channel, 'tickets'),
	});
	context.subscriptions.push(tickets);
	// Get and Refresh for every door: the commands, `${command:}` and the API.
	const tokens = new TokenUseCase({ service, credentials, consent, log: scopedLog(channel, 'tokens') });
	const tree = new AppsTreeProvider(service, activeApp, settings, health, tickets);
	const treeView = vscode.window.createTreeView(APPS_VIEW_ID, { treeDataProvider: tree });
	const statusBarItem = createExpiryStatusBarItem();
	const statusBar = new ExpiryStatusBar(service, activeApp, settings, health, testing.statusBarItem(statusBarItem));
	context.subscriptions.push(tree, treeView, statusBar);
	const expiry = new ExpiryAutomation(
		service,
		activeApp,
		settings,
		scopedLog(channel, 'expiry'),
		testing.expiryAlerts(showExpiryAlert),
	);
	context.subscriptions.push(expiry);

	const documents = new ReadOnlyDocuments();
	// `*.wechat.http` request files: lenses, folding, problems; and the answers their requests bring back.
	const requestFiles = new RequestFileLanguage();
	const answers = new AnswerFiles();
	context.subscriptions.push(documents, requestFiles, answers);
	const commands = commandHandlers({
		service,
		tokens,
		tickets,
		activeApp,
		credentials,
		settings,
		consent,
		tree,
		health,
		healthCalls,
		documents,
		requestFiles,
		answers,
		log: scopedLog(channel, 'commands'),
		channel,
		extensionId: context.extension.id,
	});
	context.subscriptions.push(
		new SettingsSync(settings, {
			service,
			tickets,
			tree,
			treeView,
			statusBar,
			log: scopedLog(channel, 'settings'),
		}),
	);
	context.subscriptions.push(
		new TerminalEnvironment(
			context.environmentVariableCollection,
			activeApp,
			settings,
			scopedLog(channel, 'terminal'),
		),
	);
	// Only when the demo set its variable, and only for loopback hosts (see src/app/demo/demoSecrets.ts).
	void seedDemoSecrets(credentials, settings, scopedLog(channel, 'demo'));
	openWalkthroughOnFirstRun(context);
	const startMs = Math.round((performance.now() - started) * 10) / 10;
	const afterMs = Math.round(started - activation.startedAt - activation.bodyMs);
	log.info(
		`Activated in ${activation.bodyMs} ms; services started ${afterMs} ms later, in ${startMs} ms (VS Code ${vscode.version}, ${vscode.env.language}).`,
	);
	const api = createPublicApi({
		service,
		tokens,
		activeApp,
		healthCalls,
		tickets,
		settings,
		log: scopedLog(channel, 'api'),
	});
	const exported = testing.exports(api, {
		activationMs: activation.bodyMs,
		servicesStartMs: startMs,
		service,
		activeApp,
		credentials,
		consent,
		health,
		tree,
		treeView,
		secrets: context.secrets,
		terminalEnvironment: context.environmentVariableCollection,
	});
	return {
		commands,
		api: exported,
		persisted: async () => {
			await Promise.all([service.persisted(), tickets.persisted()]);
		},
	};
}

/**
 * The integration suites' view of what the user is shown: in a test build (`__TEST_HOOKS__`, false in the shipped
 * `--production` bundle, where esbuild drops every guarded use and the hooks module with it) while VS Code runs the
 * extension's tests; everywhere else each hook hands back what it was given.
 */
function observeForTests(context: vscode.ExtensionContext): {
	statusBarItem(item: vscode.StatusBarItem): vscode.StatusBarItem;
	expiryAlerts(show: typeof showExpiryAlert): typeof showExpiryAlert;
	exports(api: WechatAccessTokenApi, parts: Parameters<TestObservation['exports']>[1]): WechatAccessTokenApi;
} {
	const testing =
		__TEST_HOOKS__ && context.extensionMode === vscode.ExtensionMode.Test ? new TestObservation() : undefined;
	return {
		statusBarItem: (item) => (__TEST_HOOKS__ && testing ? testing.watchStatusBarItem(item) : item),
		expiryAlerts: (show) => (__TEST_HOOKS__ && testing ? testing.recordAlerts(show) : show),
		exports: (api, parts) => (__TEST_HOOKS__ && testing ? testing.exports(api, parts) : api),
	};
}
