/** Escapes text from settings (app names, hosts) for a markdown tooltip, so it shows as typed. */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`);
}
