import * as vscode from 'vscode';
import { ClassicConsent } from './app/classicConsent';
import { createConfiguredClient } from './app/clientFactory';
import { scopedLog } from './app/log';
import { TokenService } from './app/tokenService';
import { APPS_VIEW_ID } from './vscode/commands/commandIds';
import { registerCommands } from './vscode/commands/registerCommands';
import { seedDemoSecrets } from './vscode/demoSecrets';
import { ExpiryAutomation } from './vscode/expiry/expiryAutomation';
import { createLogChannel } from './vscode/log';
import { createPublicApi } from './vscode/publicApi';
import { Settings } from './vscode/settings';
import { SettingsSync } from './vscode/settingsSync';
import { ExpiryStatusBar } from './vscode/statusBar/expiryStatusBar';
import { TerminalEnvironment } from './vscode/terminalEnvironment';
import type { ExtensionExports } from './vscode/testingHooks';
import { testingExports } from './vscode/testingHooks';
import { AppsTreeProvider } from './vscode/tree/appsTreeProvider';

/**
 * The composition root: builds the services in dependency order and hands every disposable to VS Code at once.
 * Activation reads settings and SecretStorage only; nothing goes over the network until a command asks for a token.
 */
export function activate(context: vscode.ExtensionContext): ExtensionExports {
	const started = performance.now();
	const channel = createLogChannel();
	context.subscriptions.push(channel);
	const log = scopedLog(channel, 'extension');

	const settings = new Settings();
	const service = new TokenService({
		secrets: context.secrets,
		client: createConfiguredClient(settings.read().requestTimeoutSeconds, vscode.env.language, log),
		log: scopedLog(channel, 'tokens'),
		// The app pinned to the status bar is a per-project choice, and not a secret.
		focusStore: context.workspaceState,
	});
	context.subscriptions.push(service);

	const tree = new AppsTreeProvider(service, settings);
	const treeView = vscode.window.createTreeView(APPS_VIEW_ID, { treeDataProvider: tree });
	const statusBar = new ExpiryStatusBar(service, settings);
	context.subscriptions.push(tree, treeView, statusBar);
	const expiry = new ExpiryAutomation(service, settings, scopedLog(channel, 'expiry'));
	context.subscriptions.push(expiry);

	const consent = new ClassicConsent(context.globalState);
	context.subscriptions.push(
		...registerCommands({
			service,
			settings,
			consent,
			tree,
			log: scopedLog(channel, 'commands'),
			channel,
			extensionId: context.extension.id,
		}),
		new SettingsSync(settings, { service, tree, treeView, statusBar, log: scopedLog(channel, 'settings') }),
	);
	context.subscriptions.push(new TerminalEnvironment(context.environmentVariableCollection, service, settings, scopedLog(channel, 'terminal')));
	// Only when the demo set its variable, and only for loopback hosts (see src/app/demoSecrets.ts).
	void seedDemoSecrets(service, settings, scopedLog(channel, 'demo'));
	const activationMs = Math.round((performance.now() - started) * 10) / 10;
	log.info(`Activated in ${activationMs} ms (VS Code ${vscode.version}, ${vscode.env.language}).`);
	return {
		...createPublicApi(service, consent, settings, scopedLog(channel, 'api')),
		...testingExports(() => ({ activationMs, service, consent, tree, treeView, statusBar, expiry, secrets: context.secrets, terminalEnvironment: context.environmentVariableCollection })),
	};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
