/**
 * Positions in a request file, as an editor counts them: lines and columns from 0, columns in UTF-16 code units, a
 * range's end exclusive. `\r\n`, `\r` and `\n` each end a line. The shapes match VS Code's `Range` and `TextEdit`
 * field for field, so the adapter maps them one to one.
 */
export interface TextRange {
	readonly startLine: number;
	readonly startColumn: number;
	readonly endLine: number;
	readonly endColumn: number;
}

/** Replace `range` with `newText` (an empty `newText` deletes it). */
export interface TextEdit {
	readonly range: TextRange;
	readonly newText: string;
}

/** Lines `startLine` to `endLine`, both included (a request, a folding range). */
export interface LineRange {
	readonly startLine: number;
	readonly endLine: number;
}

export function splitLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

/** Columns `start` to `end` of one line. */
export function lineRange(line: number, start: number, end: number): TextRange {
	return { startLine: line, startColumn: start, endLine: line, endColumn: end };
}
