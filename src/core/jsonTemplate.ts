/**
 * A copy of a JSON value with `placeholder` replaced by `replacement` in every string (keys stay as written), for a
 * request body template such as `{"appid": "${appId}"}`. The replacement goes in as plain text: JSON encodes it.
 */
export function fillJsonTemplate(value: unknown, placeholder: string, replacement: string): unknown {
	if (typeof value === 'string') {
		return value.split(placeholder).join(replacement);
	}
	if (Array.isArray(value)) {
		return value.map((item: unknown) => fillJsonTemplate(item, placeholder, replacement));
	}
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, fillJsonTemplate(item, placeholder, replacement)]),
		);
	}
	return value;
}
