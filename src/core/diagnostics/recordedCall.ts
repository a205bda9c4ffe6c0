/**
 * A call as WeChat recorded it (a rid's `request_url` and `request_body`) holds what the caller sent: an
 * `access_token` in the URL, an AppSecret or a token in a JSON body, a login `code` or a `session_key`. Shown to the
 * user, those are hidden, whoever's they are: a rid can name a call another program made with other credentials.
 * The rule goes by the key, not by a list of WeChat's names, so a credential of an API added later is hidden too.
 */

/** Blanked secrets: nothing of them is shown. */
const BLANK = '•••';

/** Credentials that are not shown at all (a refresh token lasts; a login code or session key unlocks a user). */
const BLANKED_KEYS = new Set(['session_key', 'code']);

/**
 * What to do with a value under `key`: `mask` a token or ticket (shown as its ends, as tokens are everywhere),
 * `blank` a secret, a refresh token, a session key or a login code, or `keep` anything else.
 */
export function credentialKind(key: string): 'mask' | 'blank' | 'keep' {
	const name = key.trim().toLowerCase();
	if (name.includes('secret') || name.endsWith('refresh_token') || BLANKED_KEYS.has(name)) {
		return 'blank';
	}
	return name.endsWith('token') || name.endsWith('ticket') ? 'mask' : 'keep';
}

/** `text` (a URL, a query string, a form body or a JSON body) with every credential value masked or blanked. */
export function maskTokensInRecordedCall(text: string, maskToken: (token: string) => string): string {
	const hide = (key: string, value: string): string | undefined => {
		const kind = credentialKind(key);
		return kind === 'keep' ? undefined : kind === 'blank' ? BLANK : maskToken(value);
	};
	return (
		text
			// "key": "value" or "key": 123 in JSON (escaped quotes inside either string included).
			.replace(
				/("((?:[^"\\]|\\.)*)"\s*:\s*)(?:"((?:[^"\\]|\\.)*)"|(-?\d[\d.eE+-]*))/g,
				(match, before: string, key: string, text: string | undefined, number: string | undefined) => {
					const hidden = hide(unescapeJson(key), text ?? number ?? '');
					return hidden === undefined ? match : `${before}"${hidden}"`;
				},
			)
			// key=value at the start of the text, or after "?" or "&" (a URL's query, a form body).
			.replace(/(^|[?&])([^=&?#\s"]+)=([^&#\s"]*)/g, (match, start: string, key: string, value: string) => {
				const hidden = hide(decodeSafely(key), decodeSafely(value));
				return hidden === undefined ? match : `${start}${key}=${hidden}`;
			})
	);
}

function decodeSafely(value: string): string {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}

function unescapeJson(text: string): string {
	try {
		return JSON.parse(`"${text}"`) as string;
	} catch {
		return text;
	}
}
