import { parseRequestFile } from './requestFile';
import type { TextEdit } from './textRange';

/**
 * The edits that remove every token written into a request file (the "remove all" quick fix): the `access_token`
 * parameters of each request line, and the token-like values in headers and bodies. Sorted from the start of the file,
 * none overlapping, so an editor can apply them at once.
 */
export function removeAccessTokenEdits(text: string): TextEdit[] {
	const edits = new Map<string, TextEdit>();
	for (const request of parseRequestFile(text).requests) {
		for (const problem of request.problems) {
			if (problem.code === 'access-token-in-file' && problem.fix !== undefined) {
				const { range } = problem.fix;
				// Every token parameter of one line shares one edit: keep it once.
				edits.set(`${range.startLine}:${range.startColumn}:${range.endLine}:${range.endColumn}`, problem.fix);
			}
		}
	}
	return [...edits.values()].sort(
		(a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn,
	);
}
