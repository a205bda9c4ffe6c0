import * as vscode from 'vscode';
import { commandVariableApp } from '../flows/commandVariableApp';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { obtainTicket } from '../flows/ticketFlow';

/**
 * `${command:wechatAccessToken.jsapiTicket}` in tasks.json: returns the app's fresh `jsapi_ticket` (obtained as "Get
 * JS-SDK Ticket" does, asking what it asks). The app: see `commandVariableApp`. Backing out resolves to `undefined`,
 * which cancels the task.
 */
export function jsapiTicketCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await commandVariableApp(services, run, arg, vscode.l10n.t('Use the JS-SDK ticket of which app?'));
		if (app === undefined) {
			return undefined;
		}
		const ticket = await obtainTicket(services, run, app);
		if (ticket === undefined) {
			return undefined;
		}
		services.log.info(`Gave the jsapi ticket of "${app.name}" to \${command:wechatAccessToken.jsapiTicket}.`);
		return ticket.ticket;
	};
}
