import * as assert from 'node:assert/strict';

/**
 * The markdown with its code blocks and code spans taken out (CommonMark's rules: a block ends at a fence line at least
 * as long as the one that opened it; a span at the next run of exactly as many backticks). What is left is what a
 * preview would read as markdown: text from outside must not be there.
 */
export function outsideCode(markdown: string): string {
	const kept: string[] = [];
	let fence: string | undefined;
	for (const line of markdown.split('\n')) {
		const run = /^(`{3,})/.exec(line)?.[1];
		if (fence !== undefined) {
			if (run !== undefined && run.length >= fence.length && line.trim() === run) {
				fence = undefined;
			}
		} else if (run !== undefined) {
			fence = run;
		} else {
			kept.push(line);
		}
	}
	assert.equal(fence, undefined, 'every code block is closed');
	const text = kept.join('\n');
	let out = '';
	let at = 0;
	const runs = [...text.matchAll(/`+/g)];
	for (let i = 0; i < runs.length; i++) {
		const open = runs[i]!;
		if (open.index < at) {
			continue;
		}
		const close = runs.slice(i + 1).find((candidate) => candidate[0].length === open[0].length);
		if (close === undefined) {
			continue;
		}
		out += text.slice(at, open.index);
		at = close.index + close[0].length;
		i = runs.indexOf(close);
	}
	return out + text.slice(at);
}

/** No link, image or HTML from outside, unescaped, where markdown acts on it. */
export function assertInert(markdown: string): void {
	const outside = outsideCode(markdown);
	assert.doesNotMatch(outside, /(^|[^\\])\]\(/, outside);
	assert.doesNotMatch(outside, /(^|[^\\])<img/, outside);
	assert.doesNotMatch(outside, /command:evil/, outside);
}
