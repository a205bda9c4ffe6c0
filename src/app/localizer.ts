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
