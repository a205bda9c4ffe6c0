import { escapeMarkdown } from './inertText';

/**
 * A markdown link that runs `command` with `args` when clicked, for tooltips whose MarkdownString trusts that command.
 * The arguments travel as URI-encoded JSON, as VS Code expects for `command:` links.
 */
export function commandLink(label: string, command: string, args: readonly unknown[] = []): string {
	const query = args.length === 0 ? '' : `?${encodeCommandArgs(args)}`;
	return `[${escapeMarkdown(label)}](command:${command}${query})`;
}

/** encodeURIComponent leaves `(`, `)`, `!`, `'` and `*` alone: a `)` in an app name would end the markdown link early. */
function encodeCommandArgs(args: readonly unknown[]): string {
	return encodeURIComponent(JSON.stringify(args)).replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}
