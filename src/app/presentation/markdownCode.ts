/* Text from outside, shown in a markdown document as code: never a link, an image or formatting. */

/** A code block whose fence is longer than any run of backticks in the text, so the text cannot end it. */
export function fenced(text: string, language: string): string {
	const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
	return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Text from outside (a name from the settings, the IP WeChat names) for a table cell: a code span, so neither the
 * markdown preview nor a reader takes it for a link, an image or formatting. Its backticks cannot end the span (the
 * fence is longer than any run of them), and what would break the table (a pipe, a line break) is changed: GFM reads
 * `\|` inside a cell's code span as a pipe.
 */
export function codeCell(text: string): string {
	const flat = text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
	const fence = '`'.repeat(longestBacktickRun(flat) + 1);
	// A space on each side when the text starts or ends with a backtick, which would otherwise join the fence.
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The longest run of backticks in `text`: a code block's or span's fence must be longer, so the text cannot end it. */
function longestBacktickRun(text: string): number {
	return Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
}
