/**
 * A call as WeChat recorded it (a rid's `request_url` and `request_body`) holds what the caller sent: an
 * `access_token` in the URL, an AppSecret or a token in a JSON body. Shown to the user, those are masked, whoever's
 * they are: a rid can name a call another program made with another token.
 */

/** JSON fields that carry credentials in WeChat's API bodies. */
const SECRET_FIELDS = [
	'access_token',
	'secret',
	'appsecret',
	'app_secret',
	'component_appsecret',
	'authorizer_refresh_token',
	'refresh_token',
];

/** Blanked secrets that are not tokens: nothing of them is shown. */
const BLANK = '•••';

export function maskTokensInRecordedCall(text: string, maskToken: (token: string) => string): string {
	const fields = SECRET_FIELDS.join('|');
	return (
		text
			// access_token=… in a URL or a form body.
			.replace(
				/([?&]access_token=)([^&#\s"]*)/gi,
				(_match, prefix: string, value: string) => prefix + maskToken(decodeSafely(value)),
			)
			// "access_token": "…", "secret": "…" in JSON.
			.replace(
				new RegExp(`("(?:${fields})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`, 'gi'),
				(_match, before: string, value: string, after: string) =>
					before + (/access_token|refresh_token/i.test(before) ? maskToken(value) : BLANK) + after,
			)
			// secret=… in a query string or form.
			.replace(/([?&](?:secret|appsecret)=)([^&#\s"]*)/gi, (_match, prefix: string) => prefix + BLANK)
	);
}

function decodeSafely(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
