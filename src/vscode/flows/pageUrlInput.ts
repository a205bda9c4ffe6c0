import * as vscode from 'vscode';
import { pageUrlProblemText } from '../../app/jssdk/jsSdkTexts';
import { preparePageUrl } from '../../core/jssdk/pageUrl';
import type { PageUrl } from '../../core/jssdk/pageUrl';

/** A page URL from the command's argument, else the editor's selection when it holds one, else typed by the user. */
export async function pageUrlAtHand(
	arg: unknown,
	title: string,
	options: { readonly allowSelection: boolean },
): Promise<{ readonly typed: string; readonly page: Extract<PageUrl, { ok: true }> } | undefined> {
	const given = typeof arg === 'string' ? arg : options.allowSelection ? selectedText() : undefined;
	if (given !== undefined) {
		const page = preparePageUrl(given);
		if (page.ok) {
			return { typed: given.trim(), page };
		}
	}
	const typed = await vscode.window.showInputBox({
		title,
		prompt: vscode.l10n.t('The page’s URL, as the page shows it in location.href'),
		placeHolder: 'https://example.com/path?query',
		ignoreFocusOut: true,
		...(given === undefined ? {} : { value: given.trim() }),
		validateInput: (value) => {
			const page = preparePageUrl(value);
			return page.ok ? undefined : pageUrlProblemText(page.problem, vscode.l10n);
		},
	});
	if (typed === undefined) {
		return undefined;
	}
	const page = preparePageUrl(typed);
	return page.ok ? { typed: typed.trim(), page } : undefined;
}

/** The active editor's selection, when there is one on a single line (a URL never spans lines). */
function selectedText(): string | undefined {
	const editor = vscode.window.activeTextEditor;
	if (editor === undefined || editor.selection.isEmpty || !editor.selection.isSingleLine) {
		return undefined;
	}
	return editor.document.getText(editor.selection);
}
