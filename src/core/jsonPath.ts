import { isRecord } from './isRecord';

/**
 * A path into parsed JSON, as users write it in settings: `data.token`, `result[0].access_token`, `[0].token`; a
 * JSONPath-style `$.data.token` means the same, and `$` alone the whole answer. Names are anything but `.`, `[`, `]`
 * and whitespace; indexes are decimal. No wildcards and no quoting: a key that holds a dot cannot be named, and no
 * token server seen uses one.
 */
export type JsonPath = readonly (string | number)[];

/** Deeper than any token answer; a longer path is a mistake, not a shape. */
const MAX_SEGMENTS = 32;
const MAX_LENGTH = 256;
const NAME = /^[^.[\]\s]+/;
const INDEX = /^\[(\d{1,9})\]/;

/** The segments of `text`, or `undefined` when it is not a path of the form above. */
export function parseJsonPath(text: string): JsonPath | undefined {
	let rest = text.trim();
	if (rest === '' || rest.length > MAX_LENGTH) {
		return undefined;
	}
	if (rest === '$') {
		return [];
	}
	if (rest.startsWith('$.') || rest.startsWith('$[')) {
		rest = rest.slice(rest.startsWith('$.') ? 2 : 1);
		if (rest === '') {
			return undefined;
		}
	}
	const segments: (string | number)[] = [];
	// A path may start with an index (the answer is a list); after that, every dot is followed by a name.
	let needName = !rest.startsWith('[');
	while (rest !== '') {
		if (needName) {
			const name = NAME.exec(rest)?.[0];
			if (name === undefined) {
				return undefined;
			}
			segments.push(name);
			rest = rest.slice(name.length);
		}
		for (let index = INDEX.exec(rest); index !== null; index = INDEX.exec(rest)) {
			segments.push(Number(index[1]));
			rest = rest.slice(index[0].length);
		}
		if (rest === '') {
			break;
		}
		if (!rest.startsWith('.') || rest.length === 1) {
			return undefined;
		}
		rest = rest.slice(1);
		needName = true;
	}
	return segments.length <= MAX_SEGMENTS ? segments : undefined;
}

/** The path as a user writes it; `parseJsonPath(formatJsonPath(p))` gives `p` back. */
export function formatJsonPath(path: JsonPath): string {
	if (path.length === 0) {
		return '$';
	}
	return path
		.map((segment, position) =>
			typeof segment === 'number' ? `[${segment}]` : position === 0 ? segment : `.${segment}`,
		)
		.join('');
}

/**
 * The value at `path`, or `undefined` when any step is missing. Only own properties are followed, so a path such as
 * `constructor` or `__proto__` never reaches into JavaScript's prototypes.
 */
export function readJsonPath(root: unknown, path: JsonPath): unknown {
	let current = root;
	for (const segment of path) {
		if (typeof segment === 'number') {
			if (!Array.isArray(current) || segment >= current.length) {
				return undefined;
			}
			current = current[segment] as unknown;
		} else {
			if (!isRecord(current) || !Object.hasOwn(current, segment)) {
				return undefined;
			}
			current = current[segment];
		}
	}
	return current;
}
