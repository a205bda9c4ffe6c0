/** What `vscode.l10n.t` accepts as arguments to fill `{0}`, `{1}`… */
export type L10nArg = string | number | boolean;

/**
 * Localization for code that runs in plain Node. `vscode.l10n` satisfies it directly; tests pass an English one.
 * Callers write `l10n.t('…')` with a literal, so the strings can be found by `@vscode/l10n-dev` and by the manifest test.
 */
export interface Localizer {
	t(message: string, ...args: L10nArg[]): string;
	t(options: { message: string; args?: L10nArg[]; comment: string | string[] }): string;
}

/**
 * What `vscode.l10n` does in English: fill `{0}`, `{1}`… with the arguments. For code that runs outside VS Code (the
 * demo client, tests); the extension itself always passes `vscode.l10n`.
 */
export const englishLocalizer: Localizer = {
	t(first: string | { message: string; args?: L10nArg[]; comment: string | string[] }, ...rest: L10nArg[]): string {
		const message = typeof first === 'string' ? first : first.message;
		const args = typeof first === 'string' ? rest : (first.args ?? []);
		return message.replace(/\{(\d+)\}/g, (match, index: string) => {
			const value = args[Number(index)];
			return value === undefined ? match : String(value);
		});
	},
};
