/**
 * A server's own words (WeChat's errmsg, Authing's message, a token server's `message`) as a notification shows them.
 * They are the server's, not ours: a gateway's HTML page or a stack trace can come back as "the message". A
 * notification shows 200 characters of it: every message WeChat and Authing document fits (WeChat's errmsg with its
 * `rid:` is about 100, Authing's a sentence), and it is what a toast shows in three lines or so before it folds. The
 * whole text, secrets blanked by the client, is in the log.
 */
export const MAX_SHOWN_UPSTREAM_CHARS = 200;

/** On one line (a notification ignores line breaks anyway), control characters out, cut to the limit with `…`. */
export function shortenUpstreamText(text: string, max = MAX_SHOWN_UPSTREAM_CHARS): string {
	const oneLine = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
	// By code point, so an emoji or a rare CJK character is never cut in half.
	const characters = Array.from(oneLine);
	return characters.length <= max
		? oneLine
		: `${characters
				.slice(0, max - 1)
				.join('')
				.trimEnd()}…`;
}
