import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { renderRidDocument } from '../../app/health/ridDocument';
import { findRid, parseTypedRid } from '../../core/diagnostics/rid';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandRun, CommandServices } from '../flows/commandServices';
import { askWechat } from '../flows/wechatCalls';
import { tokenForDiagnostics } from '../flows/diagnosticsToken';
import { selectionOutsideOwnDocuments } from '../flows/editorSelection';
import { showErrorMessage } from '../notifications';

/**
 * "Explain WeChat Error (rid)…": what WeChat recorded of a failed call, by its rid, in a read-only document. The rid:
 * the one given, else one in the editor's selection or on the clipboard (a pasted errmsg will do), else asked for.
 * The app: the one given, else the status bar's, else the user's pick (only the app that made the call can look its
 * rid up).
 */
export function explainRidCommand(services: CommandServices): CommandHandler {
	return async (run, arg, ridArg) => {
		const rid = typeof ridArg === 'string' ? parseTypedRid(ridArg) : await ridAtHand();
		if (rid === undefined) {
			if (typeof ridArg === 'string') {
				void showErrorMessage(
					vscode.l10n.t(
						'This is not a rid: a rid is the id after “rid:” at the end of WeChat’s error message.',
					),
				);
			}
			return;
		}
		const app = await appFor(services, run, arg);
		if (app === undefined) {
			return;
		}
		const token = await tokenForDiagnostics(services, run, app);
		if (token === undefined) {
			return;
		}
		const title = vscode.l10n.t({
			message: 'Asking WeChat about rid {0}…',
			args: [rid],
			comment: ['{0} is the rid, a request id WeChat gives each call'],
		});
		const report = await askWechat(services, app, token, title, (signal) =>
			services.healthCalls.rid({ app, accessToken: token.accessToken, signal }, rid),
		);
		if (report === undefined) {
			return;
		}
		services.log.info(`Explained rid ${rid} for "${app.name}".`);
		// The rid only ever holds letters, digits, "_" and "-" (rid.ts), so it is a safe file name.
		await services.documents.show(
			`rid-${rid}.md`,
			renderRidDocument(report, {
				appName: app.name,
				appId: app.appId,
				l10n: vscode.l10n,
				locale: vscode.env.language,
			}),
		);
	};
}

/**
 * A rid in the active editor's selection, else on the clipboard, else typed by the user. A selection in one of our rid
 * documents does not count: it names the call that document already explains, left there by a user who copied from
 * it, while the rid the user wants explained now is on the clipboard.
 */
async function ridAtHand(): Promise<string | undefined> {
	const selection = selectionOutsideOwnDocuments();
	const selected = selection === undefined ? undefined : findRid(selection);
	const found = selected ?? findRid(await vscode.env.clipboard.readText());
	if (found !== undefined) {
		return found;
	}
	const typed = await vscode.window.showInputBox({
		title: vscode.l10n.t('Explain WeChat Error (rid)'),
		prompt: vscode.l10n.t('The rid at the end of WeChat’s error message, or the whole message'),
		placeHolder: 'rid: 64a3b2c1-0e4a6f2d-1b3c5d7e',
		ignoreFocusOut: true,
		validateInput: (value) =>
			parseTypedRid(value) === undefined
				? vscode.l10n.t('This is not a rid: a rid is the id after “rid:” at the end of WeChat’s error message.')
				: undefined,
	});
	return typed === undefined ? undefined : parseTypedRid(typed);
}

/** The app given, else the one the status bar shows, else the user's pick. */
async function appFor(services: CommandServices, run: CommandRun, arg: unknown): Promise<WechatApp | undefined> {
	if (arg === undefined || arg === null) {
		const active = services.activeApp.state()?.app;
		if (active !== undefined) {
			run.app = active;
			return active;
		}
	}
	return resolveApp(services, run, arg, {
		placeHolder: vscode.l10n.t('Which app made the call? Only it can look the rid up.'),
	});
}
