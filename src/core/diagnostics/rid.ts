/**
 * WeChat's request ids. Every WeChat error message ends in `rid: 64a3b2c1-0e4a6f2d-1b3c5d7e`; a user pastes either that
 * message or the id alone.
 */

/** The id alone, as WeChat writes them: three groups of eight hex digits. */
const RID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/i;
/** A typed id: looser, so a shape WeChat may use one day still reaches WeChat, which says 76002 if it is wrong. */
const TYPED_RID = /^[\w-]{1,64}$/;

/**
 * The rid in a text the user did not type for us (their selection, the clipboard): after `rid:` anywhere in it (as
 * WeChat writes it), a rid-shaped id after "request ID" / "请求 ID" (as the extension's error messages name it), or
 * the whole text when it is one rid-shaped word. Anything else is not taken for a rid.
 */
export function findRid(text: string): string | undefined {
	const head = text.slice(0, 4096);
	const marked =
		/\brid\s*[:：]\s*([\w-]{1,64})/i.exec(head)?.[1] ??
		/(?:\brequest id|请求\s*ID)\s*[:：]?\s*([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})\b/i.exec(head)?.[1];
	if (marked !== undefined) {
		return marked;
	}
	const whole = text.trim();
	return RID_SHAPE.test(whole) ? whole : undefined;
}

/** A rid the user typed (or pasted) into the box: a `rid: …` text or the id itself. */
export function parseTypedRid(text: string): string | undefined {
	const found = findRid(text);
	if (found !== undefined) {
		return found;
	}
	const whole = text.trim();
	return TYPED_RID.test(whole) ? whole : undefined;
}
