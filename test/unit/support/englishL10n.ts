import type { L10nArg, Localizer } from '../../../src/app/localizer';

/** What `vscode.l10n` does in English: fill `{0}`, `{1}`… with the arguments. */
export const englishL10n: Localizer = {
	t(first: string | { message: string; args?: L10nArg[]; comment: string | string[] }, ...rest: L10nArg[]): string {
		const message = typeof first === 'string' ? first : first.message;
		const args = typeof first === 'string' ? rest : (first.args ?? []);
		return message.replace(/\{(\d+)\}/g, (match, index: string) => {
			const value = args[Number(index)];
			return value === undefined ? match : String(value);
		});
	},
};
