import * as vscode from 'vscode';
import { expiresInAndAt } from '../../app/presentation/timeFormats';
import { maskToken } from '../../app/tokens/maskToken';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { obtainTicket } from '../flows/ticketFlow';
import { showInformationMessage } from '../notifications';

/**
 * "Get JS-SDK Ticket": the app's `jsapi_ticket` on the clipboard, with how long it is valid. A fresh ticket held by
 * any window is reused; otherwise one is fetched with the app's token (PROTOCOLS.md §7).
 */
export function getJsapiTicketCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Get the JS-SDK ticket of which app?'),
		});
		if (app === undefined) {
			return;
		}
		const ticket = await obtainTicket(services, run, app);
		if (ticket === undefined) {
			return;
		}
		await vscode.env.clipboard.writeText(ticket.ticket);
		services.log.info(`Copied the jsapi ticket of "${app.name}" (${maskToken(ticket.ticket)}).`);
		void showInformationMessage(
			vscode.l10n.t({
				message: 'Copied the JS-SDK ticket of “{0}”. It expires in {1}, at {2}.',
				args: [app.name, ...expiresInAndAt(ticket.expiresAt, Date.now(), vscode.l10n, vscode.env.language)],
				comment: ['{0} is the app name, {1} a duration such as 1h 59m, {2} a time of day'],
			}),
		);
	};
}
