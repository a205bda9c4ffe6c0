import * as vscode from 'vscode';
import { signingNotes } from '../../app/jssdk/jsSdkTexts';
import { signPage, wxConfigSnippet } from '../../app/jssdk/pageSigning';
import type { SignedPage } from '../../app/jssdk/pageSigning';
import { renderSignedPageDocument } from '../../app/jssdk/signedPageDocument';
import { joinSentences } from '../../app/presentation/sentences';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { pageUrlAtHand } from '../flows/pageUrlInput';
import { obtainTicket } from '../flows/ticketFlow';
import { showInformationMessage, showWarningMessage } from '../notifications';

/** Languages whose files hold a page's script: where "Insert at Cursor" is offered. */
const SCRIPT_LANGUAGES = new Set([
	'javascript',
	'javascriptreact',
	'typescript',
	'typescriptreact',
	'html',
	'vue',
	'svelte',
	'php',
]);

/**
 * "Sign JS-SDK Page…": a ready-to-paste `wx.config({...})` for a page URL (the argument, the selection or typed),
 * signed with the app's ticket in force (PROTOCOLS.md §7): the `#` part removed (and said), a fresh nonce, the time in
 * seconds. The call is copied; the message offers to insert it at the cursor and to show what was signed.
 */
export function signJsSdkPageCommand(services: CommandServices): CommandHandler {
	return async (run, arg, urlArg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Sign a JS-SDK page for which app?'),
		});
		if (app === undefined) {
			return;
		}
		// The editor's selection is taken only when the user started the command there (no URL given).
		const target = vscode.window.activeTextEditor;
		const url = await pageUrlAtHand(urlArg, vscode.l10n.t('Sign JS-SDK Page'), { allowSelection: true });
		if (url === undefined) {
			return;
		}
		const ticket = await obtainTicket(services, run, app);
		if (ticket === undefined) {
			return;
		}
		const signed = signPage(app, ticket, url.page, Date.now());
		await vscode.env.clipboard.writeText(wxConfigSnippet(signed));
		services.log.info(`Signed a JS-SDK page of "${app.name}": ${signed.url}.`);
		await offerSignedPage(services, app.name, signed, target);
	};
}

async function offerSignedPage(
	services: CommandServices,
	appName: string,
	signed: SignedPage,
	target: vscode.TextEditor | undefined,
): Promise<void> {
	const l10n = vscode.l10n;
	const insert = l10n.t('Insert at Cursor');
	const show = l10n.t('Show Signed String');
	const canInsert = target !== undefined && SCRIPT_LANGUAGES.has(target.document.languageId);
	const message = joinSentences(
		l10n.t({
			message: 'Signed {0} for “{1}” and copied its wx.config.',
			args: [signed.url, appName],
			comment: ['{0} is a URL, {1} the app name'],
		}),
		...signingNotes(signed, l10n),
	);
	const buttons = canInsert ? [insert, show] : [show];
	const choice = await (signed.looksEncoded ? showWarningMessage : showInformationMessage)(message, ...buttons);
	if (choice === insert && target !== undefined) {
		await insertAtCursor(target, signed);
	} else if (choice === show) {
		await services.documents.show(
			`jssdk-signature-${signed.appId.replace(/[^A-Za-z0-9_-]/g, '_')}.md`,
			renderSignedPageDocument(signed, { appName, l10n, locale: vscode.env.language }),
		);
	}
}

/** The `wx.config` call at the editor's cursor, indented like the cursor's line. */
async function insertAtCursor(editor: vscode.TextEditor, signed: SignedPage): Promise<void> {
	const position = editor.selection.active;
	const indent = /^\s*/.exec(editor.document.lineAt(position.line).text)?.[0] ?? '';
	await editor.edit((edit) => edit.replace(editor.selection, wxConfigSnippet(signed, indent)));
}
