import * as vscode from 'vscode';
import { cgiPathProblem } from '../../core/diagnostics/cgiPath';
import type { CgiPathProblem } from '../../core/diagnostics/cgiPath';

/** The APIs whose quota developers ask about most, with what each is for. */
function commonPaths(): readonly { readonly path: string; readonly purpose: string }[] {
	const l10n = vscode.l10n;
	return [
		{ path: '/cgi-bin/token', purpose: l10n.t('Classic access token') },
		{ path: '/cgi-bin/stable_token', purpose: l10n.t('Stable access token') },
		{ path: '/cgi-bin/message/custom/send', purpose: l10n.t('Customer service message') },
		{ path: '/wxa/getwxacodeunlimit', purpose: l10n.t('Mini Program code, unlimited') },
		{ path: '/cgi-bin/message/template/send', purpose: l10n.t('Template message') },
		{ path: '/wxa/msg_sec_check', purpose: l10n.t('Text security check') },
	];
}

/** Why a typed path cannot be asked about, in the user's language. */
export function cgiPathProblemText(problem: CgiPathProblem): string {
	const l10n = vscode.l10n;
	switch (problem) {
		case 'empty':
			return l10n.t('Enter an API path, such as /cgi-bin/message/custom/send.');
		case 'has-host':
			return l10n.t(
				'Enter the path only, without the host: /cgi-bin/message/custom/send, not https://api.weixin.qq.com/cgi-bin/message/custom/send.',
			);
		case 'no-leading-slash':
			return l10n.t('The path starts with “/”, such as /cgi-bin/message/custom/send.');
		case 'has-query':
			return l10n.t('Enter the path without “?” or “#” and what follows: no access_token or other parameters.');
		case 'bad-characters':
			return l10n.t('An API path has segments of letters, digits, “_”, “-” and “.”, separated by single “/”.');
		case 'too-long':
			return l10n.t('This is longer than any WeChat API path.');
	}
}

/**
 * The API path to ask about: picked from the common ones and the app's recent ones, or typed ("Other path…",
 * checked as typed). `undefined` when the user backed out.
 */
export async function pickQuotaPath(recent: readonly string[]): Promise<string | undefined> {
	const l10n = vscode.l10n;
	const other = l10n.t('Other path…');
	type Item = vscode.QuickPickItem & { readonly path?: string };
	const common = commonPaths();
	const items: Item[] = [
		...(recent.length > 0 ? [{ label: l10n.t('Recent'), kind: vscode.QuickPickItemKind.Separator }] : []),
		...recent.map((path) => ({
			label: path,
			description: common.find((entry) => entry.path === path)?.purpose ?? '',
			path,
		})),
		{ label: l10n.t('Common APIs'), kind: vscode.QuickPickItemKind.Separator },
		...common
			.filter((entry) => !recent.includes(entry.path))
			.map((entry) => ({ label: entry.path, description: entry.purpose, path: entry.path })),
		{ label: '', kind: vscode.QuickPickItemKind.Separator },
		{ label: `$(edit) ${other}`, alwaysShow: true },
	];
	const picked = await vscode.window.showQuickPick(items, {
		placeHolder: l10n.t('Show the quota of which API?'),
		matchOnDescription: true,
	});
	if (picked === undefined) {
		return undefined;
	}
	if (picked.path !== undefined) {
		return picked.path;
	}
	const typed = await vscode.window.showInputBox({
		title: l10n.t('Show WeChat API Quota'),
		prompt: l10n.t('The API path, as in WeChat’s documentation, without the host'),
		placeHolder: '/cgi-bin/message/custom/send',
		ignoreFocusOut: true,
		validateInput: (value) => {
			const problem = cgiPathProblem(value);
			return problem === undefined ? undefined : cgiPathProblemText(problem);
		},
	});
	return typed?.trim();
}
