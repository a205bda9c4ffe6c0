import * as vscode from 'vscode';
import type { WechatAccessTokenApi } from './api/wechatAccessTokenApi';
import type { RunningServices, ServicesBundle } from './services';
import { COMMANDS } from './vscode/commandIds';

/** The services once started (by the next task or the first command); `deactivate` waits for what they store. */
let running: RunningServices | undefined;

/**
 * What VS Code waits for at start-up is kept to what the first frame needs: the commands, so the palette, the
 * keybindings and `${command:}` work at once. The services (settings, SecretStorage, the tree, the status bar, the
 * request files) are loaded and built in the next task, or by the first command if one comes sooner, so VS Code's
 * start-up and the other extensions' activations do not wait for them. Every command waits for them, and so does the
 * promise returned here: other extensions get the API from `activate()` once it works.
 */
export function activate(context: vscode.ExtensionContext): Promise<WechatAccessTokenApi> {
	const startedAt = performance.now();
	let bodyMs = 0;
	const start = (): RunningServices => {
		if (running === undefined) {
			// The services' own bundle, dist/services.js (esbuild.js leaves this require to run time): everything but this
			// file, so the bundle VS Code's start-up waits for stays a few KB.
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- read on first need, not at load
			const { startServices } = require('./services.js') as ServicesBundle;
			running = startServices(context, { startedAt, bodyMs });
		}
		return running;
	};
	for (const { id } of COMMANDS) {
		context.subscriptions.push(
			vscode.commands.registerCommand(id, (...args: unknown[]) => {
				const handler = start().commands.get(id);
				return handler?.(...args);
			}),
		);
	}
	bodyMs = Math.round((performance.now() - startedAt) * 10) / 10;
	return new Promise<WechatAccessTokenApi>((resolve, reject) => {
		// A macrotask, not a microtask: VS Code and the extensions activating beside this one go first.
		const timer = setTimeout(() => {
			try {
				resolve(start().api);
			} catch (error) {
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		}, 0);
		// Deactivated before the timer ran (a window closed at once): nothing to start.
		context.subscriptions.push({ dispose: () => clearTimeout(timer) });
	});
}

/** Everything is disposed through context.subscriptions; VS Code waits for this first, so no fetched token is lost. */
export async function deactivate(): Promise<void> {
	await running?.persisted();
}
