/**
 * `Intl.DateTimeFormat` instances, made once per locale and options. Making one costs ~0.2–0.4 ms (more for the first
 * of a locale), using one ~2 µs, and the status bar, the tree and every "Copied …" message format expiry times at
 * each change (issue 13 measured 2–20 ms of listener work per change, part of it here).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter for `locale` as VS Code names it, or for the default locale when the runtime does not know that one
 * (an unknown tag makes the constructor throw a RangeError).
 */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (format === undefined) {
		try {
			format = new Intl.DateTimeFormat(locale, options);
		} catch {
			format = new Intl.DateTimeFormat(undefined, options);
		}
		formats.set(key, format);
	}
	return format;
}
