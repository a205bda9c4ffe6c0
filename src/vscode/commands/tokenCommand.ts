import * as vscode from 'vscode';
import { obtainToken } from '../flows/acquireToken';
import { commandVariableApp } from '../flows/commandVariableApp';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/**
 * `${command:wechatAccessToken.token}` in tasks.json and launch.json: returns a valid token (obtained as Get does,
 * asking what Get asks, and, before a new classic token, whether a task may have one: it is never the user's own
 * click, as the palette does not list this command). The app: see `commandVariableApp`. Backing out resolves to
 * `undefined`, which makes VS Code cancel the task or launch.
 */
export function tokenCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await commandVariableApp(services, run, arg, vscode.l10n.t('Use the access token of which app?'));
		if (app === undefined) {
			return undefined;
		}
		const token = await obtainToken(services, app, false, { caller: 'task' });
		if (token === undefined) {
			return undefined;
		}
		services.log.info(`Gave the token of "${app.name}" to \${command:wechatAccessToken.token}.`);
		return token.accessToken;
	};
}
