/**
 * Reads the object literals in a piece of JavaScript a developer pasted (a `wx.config({...})` call, an object with
 * comments and trailing commas, JSON, a server's JSON answer around one) without running anything: no `eval`, no
 * `Function`, no parser that could be talked into executing code. It is tolerant rather than correct: what it cannot
 * read as a literal it calls an expression, and it never throws.
 */

/** A value as written: only text and numbers are usable as they are; anything computed is an `expression`. */
export type ScannedValue =
	| { readonly kind: 'text'; readonly text: string }
	/** The number as written (`1414587457`, `-1`, `1.4e9`): its text is what a page would send. */
	| { readonly kind: 'number'; readonly text: string }
	/** `true`, `false`, `null`, `undefined`, or no value at all (`key: ,`). */
	| { readonly kind: 'other' }
	| { readonly kind: 'object' }
	| { readonly kind: 'array' }
	/** A variable, a call, a concatenation, a template with `${…}`: known only when the page runs. */
	| { readonly kind: 'expression' };

export interface ScannedEntry {
	readonly key: string;
	readonly value: ScannedValue;
}

/** One `{…}`: its own entries, in order (those of objects nested in it are in objects of their own). */
export interface ScannedObject {
	readonly entries: readonly ScannedEntry[];
}

type Token =
	| { readonly type: 'text'; readonly text: string; readonly interpolated: boolean }
	| { readonly type: 'number'; readonly text: string }
	| { readonly type: 'word'; readonly text: string }
	| { readonly type: 'punct'; readonly text: string };

/** Every object literal in `source`, nested ones included, in the order their `{` appears. */
export function scanObjectLiterals(source: string): ScannedObject[] {
	const reader = new Reader(tokenize(source));
	const objects: ScannedObject[] = [];
	while (!reader.done) {
		if (reader.isPunct('{')) {
			readObject(reader, objects);
		} else {
			reader.next();
		}
	}
	return objects;
}

class Reader {
	private position = 0;

	constructor(private readonly tokens: readonly Token[]) {}

	get done(): boolean {
		return this.position >= this.tokens.length;
	}

	peek(offset = 0): Token | undefined {
		return this.tokens[this.position + offset];
	}

	next(): Token | undefined {
		const token = this.tokens[this.position];
		this.position += 1;
		return token;
	}

	isPunct(text: string, offset = 0): boolean {
		const token = this.peek(offset);
		return token?.type === 'punct' && token.text === text;
	}
}

function readObject(reader: Reader, objects: ScannedObject[]): void {
	reader.next();
	const entries: ScannedEntry[] = [];
	// Pushed before its nested objects are read, so the list follows the text.
	objects.push({ entries });
	while (!reader.done) {
		if (reader.isPunct('}')) {
			reader.next();
			return;
		}
		if (reader.isPunct(',') || reader.isPunct(';')) {
			reader.next();
			continue;
		}
		const keyToken = reader.next();
		const key = keyToken !== undefined && keyToken.type !== 'punct' ? keyToken.text : undefined;
		if (key === undefined) {
			skipToDelimiter(reader);
			continue;
		}
		if (!reader.isPunct(':') && !reader.isPunct('=')) {
			// `{ nonceStr }` is a variable's value; `{ sign() {…} }` a method: neither is a literal.
			if (atDelimiter(reader)) {
				entries.push({ key, value: { kind: 'expression' } });
			} else {
				skipToDelimiter(reader);
			}
			continue;
		}
		reader.next();
		let value = readValue(reader, objects);
		if (!atDelimiter(reader)) {
			// `'abc' + nonce`, `Date.now()`, `'1'.trim()`: the literal was only the start of an expression.
			skipToDelimiter(reader);
			value = { kind: 'expression' };
		}
		entries.push({ key, value });
	}
}

function readValue(reader: Reader, objects: ScannedObject[]): ScannedValue {
	const token = reader.peek();
	if (token === undefined) {
		return { kind: 'other' };
	}
	if (token.type === 'text') {
		reader.next();
		return token.interpolated ? { kind: 'expression' } : { kind: 'text', text: token.text };
	}
	if (token.type === 'number') {
		reader.next();
		return { kind: 'number', text: token.text };
	}
	if (token.type === 'punct' && (token.text === '-' || token.text === '+') && reader.peek(1)?.type === 'number') {
		reader.next();
		return { kind: 'number', text: `${token.text === '-' ? '-' : ''}${reader.next()?.text ?? ''}` };
	}
	if (token.type === 'word') {
		reader.next();
		return ['true', 'false', 'null', 'undefined'].includes(token.text) ? { kind: 'other' } : { kind: 'expression' };
	}
	switch (token.text) {
		case '{':
			readObject(reader, objects);
			return { kind: 'object' };
		case '[':
			skipBalanced(reader, objects);
			return { kind: 'array' };
		case '(':
			skipBalanced(reader, objects);
			return { kind: 'expression' };
		case ',':
		case '}':
			return { kind: 'other' };
		default:
			reader.next();
			return { kind: 'expression' };
	}
}

/** After a value: a `,` or `}`, the end, or (a forgotten comma at a line break) the next `key:`. */
function atDelimiter(reader: Reader): boolean {
	const next = reader.peek();
	if (next === undefined || reader.isPunct(',') || reader.isPunct('}') || reader.isPunct(';')) {
		return true;
	}
	return (next.type === 'word' || next.type === 'text') && reader.isPunct(':', 1);
}

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Past a bracketed group starting at the current token; objects inside an array (`[{…}]`) are still collected. */
function skipBalanced(reader: Reader, objects: ScannedObject[]): void {
	const closers: string[] = [];
	do {
		if (reader.isPunct('{') && closers.length > 0 && closers.at(-1) === ']') {
			readObject(reader, objects);
			continue;
		}
		const token = reader.next();
		if (token?.type !== 'punct') {
			continue;
		}
		const closer = OPENERS[token.text];
		if (closer !== undefined) {
			closers.push(closer);
		} else if (token.text === closers.at(-1)) {
			closers.pop();
		}
	} while (closers.length > 0 && !reader.done);
}

/** Past the rest of an entry: up to (not over) the `,` or `}` that ends it at this depth. */
function skipToDelimiter(reader: Reader): void {
	let depth = 0;
	while (!reader.done) {
		const token = reader.peek();
		if (token?.type === 'punct') {
			if (depth === 0 && (token.text === ',' || token.text === '}')) {
				return;
			}
			if (OPENERS[token.text] !== undefined) {
				depth += 1;
			} else if (token.text === ')' || token.text === ']' || token.text === '}') {
				depth -= 1;
			}
		}
		reader.next();
	}
}

const WORD_START = /[A-Za-z_$\u0080-\uffff]/;
const WORD_PART = /[\w$\u0080-\uffff]/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$/;

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < source.length) {
		const char = source.charAt(index);
		if (/\s/.test(char)) {
			index += 1;
		} else if (source.startsWith('//', index)) {
			const end = source.indexOf('\n', index);
			index = end < 0 ? source.length : end;
		} else if (source.startsWith('/*', index)) {
			const end = source.indexOf('*/', index + 2);
			index = end < 0 ? source.length : end + 2;
		} else if (char === '"' || char === "'" || char === '`') {
			const read = readString(source, index);
			tokens.push({ type: 'text', text: read.text, interpolated: read.interpolated });
			index = read.end;
		} else if (/[0-9.]/.test(char) && /[0-9]/.test(source.charAt(char === '.' ? index + 1 : index))) {
			let end = index;
			while (end < source.length && /[\w$.]/.test(source.charAt(end))) {
				end += 1;
			}
			const text = source.slice(index, end);
			tokens.push(NUMBER.test(text) ? { type: 'number', text } : { type: 'word', text });
			index = end;
		} else if (WORD_START.test(char)) {
			let end = index + 1;
			while (end < source.length && WORD_PART.test(source.charAt(end))) {
				end += 1;
			}
			tokens.push({ type: 'word', text: source.slice(index, end) });
			index = end;
		} else {
			tokens.push({ type: 'punct', text: char });
			index += 1;
		}
	}
	return tokens;
}

/**
 * A quoted string from its opening quote: its value with JavaScript's escapes applied, where it ends, and whether it
 * is a template with `${…}` in it. A '…' or "…" string ends at a line break if its quote is missing.
 */
export function readString(
	source: string,
	start: number,
): { readonly text: string; readonly end: number; readonly interpolated: boolean } {
	const quote = source.charAt(start);
	let text = '';
	let interpolated = false;
	let index = start + 1;
	while (index < source.length) {
		const char = source.charAt(index);
		if (char === quote) {
			return { text, end: index + 1, interpolated };
		}
		if (char === '\n' && quote !== '`') {
			return { text, end: index, interpolated };
		}
		if (quote === '`' && source.startsWith('${', index)) {
			interpolated = true;
		}
		if (char === '\\') {
			const escape = readEscape(source, index + 1);
			text += escape.text;
			index = escape.end;
			continue;
		}
		text += char;
		index += 1;
	}
	return { text, end: index, interpolated };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
	n: '\n',
	r: '\r',
	t: '\t',
	b: '\b',
	f: '\f',
	v: '\v',
	'0': '\0',
};

function readEscape(source: string, at: number): { readonly text: string; readonly end: number } {
	const char = source.charAt(at);
	const simple = SIMPLE_ESCAPES[char];
	if (simple !== undefined) {
		return { text: simple, end: at + 1 };
	}
	if (char === 'x') {
		const digits = /^[0-9a-fA-F]{2}/.exec(source.slice(at + 1, at + 3))?.[0];
		if (digits !== undefined) {
			return { text: String.fromCharCode(parseInt(digits, 16)), end: at + 3 };
		}
	}
	if (char === 'u') {
		const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(at + 1, at + 9));
		if (braced !== null) {
			const codePoint = parseInt(braced[1] ?? '', 16);
			return {
				text: codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '',
				end: at + 1 + braced[0].length,
			};
		}
		const digits = /^[0-9a-fA-F]{4}/.exec(source.slice(at + 1, at + 5))?.[0];
		if (digits !== undefined) {
			return { text: String.fromCharCode(parseInt(digits, 16)), end: at + 5 };
		}
	}
	// A line continuation vanishes; any other escaped character stands for itself (`\'`, `\"`, `\\`, `\/`).
	if (char === '\n') {
		return { text: '', end: at + 1 };
	}
	if (char === '\r') {
		return { text: '', end: source.charAt(at + 1) === '\n' ? at + 2 : at + 1 };
	}
	return { text: char, end: at + 1 };
}
