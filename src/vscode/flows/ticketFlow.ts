import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import type { JsapiTicket, TicketType } from '../../core/jssdk/jsapiTicket';
import type { CommandRun, CommandServices } from './commandServices';
import { tokenForDiagnostics } from './diagnosticsToken';
import { askWechat } from './wechatCalls';

/**
 * The app's JS-SDK ticket the way every JS-SDK command gets it: a fresh one held (in this window or stored by another)
 * is used without a token or a request; otherwise the app's token, obtained as Get obtains it, fetches one under a
 * cancellable progress notification. WeChat's refusals are told as for any call made with a token (a dead token with
 * its fix, nothing minted or forced without a click). `undefined` when the user backed out or WeChat refused.
 */
export async function obtainTicket(
	services: CommandServices,
	run: CommandRun,
	app: WechatApp,
	type: TicketType = 'jsapi',
): Promise<JsapiTicket | undefined> {
	const held = await services.tickets.peek(app, type);
	if (held !== undefined) {
		return held;
	}
	const token = await tokenForDiagnostics(services, run, app);
	if (token === undefined) {
		return undefined;
	}
	const title = vscode.l10n.t({
		message: 'Getting the JS-SDK ticket of “{0}”…',
		args: [app.name],
		comment: ['{0} is the app name'],
	});
	return askWechat(services, app, token, title, (signal) =>
		services.tickets.get(app, type, token.accessToken, signal),
	);
}
