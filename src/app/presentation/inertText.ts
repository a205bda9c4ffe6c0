/**
 * Text from outside the extension (a server's message, an errmsg, a request ID, a name or host from the settings)
 * shown where VS Code gives some characters a meaning. Each place has its own active syntax, and `inertText` takes
 * away exactly that, so the text shows as it came and nothing in it can become a link, an image, an icon or a command.
 */
export type TextPlace =
	/**
	 * A notification's message or progress title (also a modal's). VS Code turns `[label](https://…|command:…|file:…)`
	 * into a link there, and opens `command:` links with commands allowed. A zero-width space between `]` and `(`
	 * breaks that pattern and shows nothing.
	 */
	| 'notification'
	/** A MarkdownString (a tooltip) or a markdown document: every markdown character is escaped (see escapeMarkdown). */
	| 'markdown'
	/** A label that renders `$(icon)` (status bar, quick pick): the icon syntax is escaped as `\$(`. */
	| 'label';

const ZERO_WIDTH_SPACE = '\u200b';

export function inertText(text: string, place: TextPlace): string {
	switch (place) {
		case 'notification':
			return text.replace(/\]\(/g, `]${ZERO_WIDTH_SPACE}(`);
		case 'markdown':
			return escapeMarkdown(text);
		case 'label':
			return text.replace(/\$\(/g, '\\$(');
	}
}

/**
 * Escapes text for markdown, so it shows as typed: every character markdown gives a meaning (GFM's too), `$` (theme
 * icons in a MarkdownString) and `:` (so `https://…` and `command:…` are not turned into links by GFM's autolinks).
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$:&]/g, (char) => `\\${char}`);
}
