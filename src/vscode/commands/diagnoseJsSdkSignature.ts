import * as vscode from 'vscode';
import { renderDiagnosisDocument } from '../../app/jssdk/diagnosisDocument';
import { pastedConfigProblemText } from '../../app/jssdk/jsSdkTexts';
import { parsePastedConfig } from '../../core/jssdk/pastedConfig';
import type { PastedConfig } from '../../core/jssdk/pastedConfig';
import { diagnoseSignature } from '../../core/jssdk/signatureDiagnosis';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { pageUrlAtHand } from '../flows/pageUrlInput';
import { obtainTicket } from '../flows/ticketFlow';
import { selectionOutsideOwnDocuments } from '../flows/editorSelection';

/** How many diagnoses this window opened: each gets its own document, so two can be compared side by side. */
let diagnosesOpened = 0;

/**
 * "Diagnose JS-SDK Signature…": what a page passed to `wx.config` (the argument, the selection, the clipboard or a
 * paste), and its URL, checked against the app's ticket in force, its previous ticket and the other apps' tickets
 * held here. The answer is a read-only document: it matches, or the first known cause that explains the mismatch
 * with the values that would have matched, or what was tried (PROTOCOLS.md §7).
 */
export function diagnoseJsSdkSignatureCommand(services: CommandServices): CommandHandler {
	return async (run, arg, configArg, urlArg) => {
		const app = await resolveApp(services, run, arg, {
			placeHolder: vscode.l10n.t('Diagnose a JS-SDK signature of which app?'),
		});
		if (app === undefined) {
			return;
		}
		const config = await pastedConfigAtHand(configArg);
		if (config === undefined) {
			return;
		}
		const url = await pageUrlAtHand(urlArg, vscode.l10n.t('Diagnose JS-SDK Signature: the page’s URL'), {
			allowSelection: false,
		});
		if (url === undefined) {
			return;
		}
		const ticket = await obtainTicket(services, run, app);
		if (ticket === undefined) {
			return;
		}
		const previous = await services.tickets.previous(app, 'jsapi');
		const otherApps = services.service
			.getApps()
			.filter((other) => other.identity !== app.identity)
			.map((other) => {
				const held = services.tickets.held(other, 'jsapi');
				return { name: other.name, appId: other.appId, ...(held ? { ticket: held.ticket.ticket } : {}) };
			});
		const diagnosis = diagnoseSignature({
			pasted: config,
			pageUrl: url.typed,
			appId: app.appId,
			tickets: { current: ticket.ticket, ...(previous ? { previous: previous.ticket } : {}) },
			otherApps,
		});
		services.log.info(
			`Diagnosed a JS-SDK signature of "${app.name}": ${diagnosis.verdict}${diagnosis.verdict === 'explained' ? ` (${diagnosis.cause.kind})` : ''}.`,
		);
		diagnosesOpened += 1;
		await services.documents.show(
			`jssdk-diagnosis-${diagnosesOpened}.md`,
			renderDiagnosisDocument(diagnosis, {
				appName: app.name,
				appId: app.appId,
				pageUrl: url.typed,
				ticket: ticket.ticket,
				previousTicket: previous?.ticket,
				l10n: vscode.l10n,
			}),
		);
	};
}

/**
 * The page's `wx.config` values: the argument, else the editor's selection, else the clipboard, when either holds
 * them; else pasted into an input box that says what is missing. A selection in one of our own documents does not
 * count (it is the expected values a diagnosis showed).
 */
async function pastedConfigAtHand(arg: unknown): Promise<PastedConfig | undefined> {
	const selection = selectionOutsideOwnDocuments();
	for (const text of [typeof arg === 'string' ? arg : undefined, selection, await vscode.env.clipboard.readText()]) {
		if (text !== undefined) {
			const parsed = parsePastedConfig(text);
			if (parsed.ok) {
				return parsed.config;
			}
		}
	}
	const typed = await vscode.window.showInputBox({
		title: vscode.l10n.t('Diagnose JS-SDK Signature'),
		prompt: vscode.l10n.t(
			'Paste the page’s wx.config({...}) call, or its appId, timestamp, nonceStr and signature',
		),
		ignoreFocusOut: true,
		validateInput: (value) => {
			const parsed = parsePastedConfig(value);
			return parsed.ok ? undefined : pastedConfigProblemText(parsed, vscode.l10n);
		},
	});
	if (typed === undefined) {
		return undefined;
	}
	const parsed = parsePastedConfig(typed);
	return parsed.ok ? parsed.config : undefined;
}
