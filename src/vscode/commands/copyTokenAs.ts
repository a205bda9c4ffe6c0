import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { formatRemaining } from '../../app/presentation/timeFormats';
import type { TokenFormatContext, TokenFormatId } from '../../app/presentation/tokenFormats';
import {
	formatToken,
	isTokenFormatId,
	previewToken,
	TOKEN_FORMAT_IDS,
	tokenFormatLabel,
	tokenFormatPurpose,
} from '../../app/presentation/tokenFormats';
import { addAppWithCredentials, obtainToken } from '../flows/acquireToken';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { commandCaller } from '../invocationOrigin';
import { showInformationMessage } from '../notifications';

/**
 * "Copy WeChat Access Token As…" (palette, tree, status-bar tooltip): the app (argument or pick), the format (second
 * argument, a `TokenFormatId`, or pick), then a valid token obtained as Get does, formatted onto the clipboard. The
 * picker and the message show the token masked at most.
 */
export function copyTokenAsCommand(services: CommandServices): CommandHandler {
	return async (run, arg, formatArg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Copy the access token of which app?'),
			addApp: () => addAppWithCredentials(services),
		});
		if (app === undefined) {
			return;
		}
		const format = isTokenFormatId(formatArg) ? formatArg : await pickFormat(services, app);
		if (format === undefined) {
			return;
		}
		const token = await obtainToken(services, app, false, { caller: commandCaller(run.origin) });
		if (token === undefined) {
			return;
		}
		await vscode.env.clipboard.writeText(formatToken(format, token, formatContext(services, app)));
		services.log.info(`Copied the token of "${app.name}" as ${format}.`);
		void showInformationMessage(
			vscode.l10n.t({
				message: 'Copied the access token of “{0}” as {1}. It expires in {2}.',
				args: [
					app.name,
					tokenFormatLabel(format, vscode.l10n),
					formatRemaining(token.expiresAt - Date.now(), vscode.l10n),
				],
				comment: [
					'{0} is the app name, {1} a format such as “curl command” or “JSON”, {2} a duration such as 1h 59m',
				],
			}),
		);
	};
}

/** The four formats, each previewed with the app's known token masked (dots while there is no valid one). */
async function pickFormat(services: CommandServices, app: WechatApp): Promise<TokenFormatId | undefined> {
	const context = formatContext(services, app);
	const token = services.service.state(app).token;
	const known = token !== undefined && token.expiresAt > context.now ? token : undefined;
	const picked = await vscode.window.showQuickPick(
		TOKEN_FORMAT_IDS.map((id) => ({
			label: tokenFormatLabel(id, vscode.l10n),
			description: tokenFormatPurpose(id, vscode.l10n),
			detail: previewToken(id, known, context),
			id,
		})),
		{
			placeHolder: vscode.l10n.t({
				message: 'Copy the access token of “{0}” as…',
				args: [app.name],
				comment: ['{0} is the app name'],
			}),
			matchOnDescription: true,
		},
	);
	return picked?.id;
}

function formatContext(services: CommandServices, app: WechatApp): TokenFormatContext {
	return { app, now: Date.now(), wechatApiHost: services.settings.read().wechatApiHost };
}
