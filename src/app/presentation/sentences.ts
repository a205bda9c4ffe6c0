/** Full-width marks that end a Chinese sentence (or clause): they carry their own spacing. */
const FULL_WIDTH_END = /[。！？；：）」』”]$/u;

/**
 * Sentences of one message, each translated on its own, joined as their language writes them: a space after ".",
 * nothing after "。" (a space there shows as a gap in Chinese text). Empty parts are left out.
 */
export function joinSentences(...sentences: readonly string[]): string {
	return sentences
		.filter((sentence) => sentence !== '')
		.reduce(
			(text, sentence) =>
				text === '' ? sentence : FULL_WIDTH_END.test(text) ? text + sentence : `${text} ${sentence}`,
			'',
		);
}
