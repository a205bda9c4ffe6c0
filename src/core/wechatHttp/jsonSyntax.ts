/**
 * Where a JSON text stops being JSON, by the grammar `JSON.parse` follows (RFC 8259): V8's error messages give a
 * position for some errors and none for others, so a request file's body is checked here instead. It accepts exactly
 * what `JSON.parse` accepts (a property test holds the two together) and never recurses, so no nesting depth can
 * overflow the stack.
 */
export interface JsonSyntaxError {
	readonly kind: JsonSyntaxErrorKind;
	/** The UTF-16 offset of the first character that cannot be there, or the text's length when it ends too soon. */
	readonly offset: number;
}

/**
 * `unexpected-end`: the text ends inside a value. `unexpected-character`: a character no JSON value or separator
 * starts with (a trailing comma, a single quote, a comment). `bad-escape`: a `\` not followed by one of `"\/bfnrt` or
 * by `u` and four hex digits. `control-character`: a raw line break or tab inside a string. `bad-number`: a number
 * cut short (`1.`, `-`, `1e`) or with a leading zero (`01`). `trailing-text`: something after a complete value.
 */
export type JsonSyntaxErrorKind =
	'unexpected-end' | 'unexpected-character' | 'bad-escape' | 'control-character' | 'bad-number' | 'trailing-text';

type Container = '{' | '[';

/** The first syntax error in `text`, or undefined when `JSON.parse(text)` would succeed. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
	const scanner = new Scanner(text);
	const stack: Container[] = [];
	let expectValue = true;
	for (;;) {
		if (expectValue) {
			const error = scanner.value(stack);
			if (error !== undefined) {
				return error;
			}
			if (scanner.opened) {
				// `{` or `[` that is not empty: a key (objects) or a value (arrays) comes next.
				if (stack[stack.length - 1] === '{') {
					const keyError = scanner.key();
					if (keyError !== undefined) {
						return keyError;
					}
				}
				continue;
			}
			expectValue = false;
		}
		scanner.skipWhitespace();
		const top = stack[stack.length - 1];
		if (top === undefined) {
			return scanner.atEnd() ? undefined : { kind: 'trailing-text', offset: scanner.index };
		}
		if (scanner.atEnd()) {
			return { kind: 'unexpected-end', offset: scanner.index };
		}
		const char = scanner.current();
		if (char === ',') {
			scanner.index++;
			if (top === '{') {
				const keyError = scanner.key();
				if (keyError !== undefined) {
					return keyError;
				}
			}
			expectValue = true;
		} else if (char === (top === '{' ? '}' : ']')) {
			scanner.index++;
			stack.pop();
		} else {
			return { kind: 'unexpected-character', offset: scanner.index };
		}
	}
}

class Scanner {
	index = 0;
	/** Set by `value()` when it opened a non-empty container (pushed on the stack). */
	opened = false;

	constructor(private readonly text: string) {}

	atEnd(): boolean {
		return this.index >= this.text.length;
	}

	current(): string {
		return this.text[this.index] ?? '';
	}

	skipWhitespace(): void {
		while (this.index < this.text.length) {
			const code = this.text.charCodeAt(this.index);
			// JSON's whitespace is exactly space, tab, line feed and carriage return.
			if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
				return;
			}
			this.index++;
		}
	}

	/** One value; a non-empty object or array is only opened (pushed, `opened` set), an empty one is read whole. */
	value(stack: Container[]): JsonSyntaxError | undefined {
		this.opened = false;
		this.skipWhitespace();
		if (this.atEnd()) {
			return { kind: 'unexpected-end', offset: this.index };
		}
		const char = this.current();
		if (char === '{' || char === '[') {
			this.index++;
			this.skipWhitespace();
			if (this.current() === (char === '{' ? '}' : ']')) {
				this.index++;
				return undefined;
			}
			stack.push(char);
			this.opened = true;
			return undefined;
		}
		if (char === '"') {
			return this.string();
		}
		if (char === '-' || (char >= '0' && char <= '9')) {
			return this.number();
		}
		for (const literal of ['true', 'false', 'null']) {
			if (char === literal[0]) {
				return this.literal(literal);
			}
		}
		return { kind: 'unexpected-character', offset: this.index };
	}

	/** An object key and its `:`. */
	key(): JsonSyntaxError | undefined {
		this.skipWhitespace();
		if (this.atEnd()) {
			return { kind: 'unexpected-end', offset: this.index };
		}
		if (this.current() !== '"') {
			return { kind: 'unexpected-character', offset: this.index };
		}
		const error = this.string();
		if (error !== undefined) {
			return error;
		}
		this.skipWhitespace();
		if (this.atEnd()) {
			return { kind: 'unexpected-end', offset: this.index };
		}
		if (this.current() !== ':') {
			return { kind: 'unexpected-character', offset: this.index };
		}
		this.index++;
		return undefined;
	}

	private string(): JsonSyntaxError | undefined {
		this.index++; // the opening quote
		for (;;) {
			if (this.atEnd()) {
				return { kind: 'unexpected-end', offset: this.index };
			}
			const code = this.text.charCodeAt(this.index);
			if (code === 0x22) {
				this.index++;
				return undefined;
			}
			if (code < 0x20) {
				return { kind: 'control-character', offset: this.index };
			}
			if (code === 0x5c) {
				this.index++;
				if (this.atEnd()) {
					return { kind: 'unexpected-end', offset: this.index };
				}
				const escaped = this.current();
				if (escaped === 'u') {
					for (let digit = 1; digit <= 4; digit++) {
						const at = this.index + digit;
						if (at >= this.text.length) {
							return { kind: 'unexpected-end', offset: this.text.length };
						}
						if (!/[0-9a-fA-F]/.test(this.text[at] ?? '')) {
							return { kind: 'bad-escape', offset: at };
						}
					}
					this.index += 5;
					continue;
				}
				if (!'"\\/bfnrt'.includes(escaped)) {
					return { kind: 'bad-escape', offset: this.index };
				}
			}
			this.index++;
		}
	}

	private number(): JsonSyntaxError | undefined {
		if (this.current() === '-') {
			this.index++;
		}
		if (this.current() === '0') {
			this.index++;
			if (isDigit(this.current())) {
				return { kind: 'bad-number', offset: this.index };
			}
		} else if (!this.digits()) {
			return this.numberCutShort();
		}
		if (this.current() === '.') {
			this.index++;
			if (!this.digits()) {
				return this.numberCutShort();
			}
		}
		if (this.current() === 'e' || this.current() === 'E') {
			this.index++;
			if (this.current() === '+' || this.current() === '-') {
				this.index++;
			}
			if (!this.digits()) {
				return this.numberCutShort();
			}
		}
		return undefined;
	}

	private numberCutShort(): JsonSyntaxError {
		return { kind: this.atEnd() ? 'unexpected-end' : 'bad-number', offset: this.index };
	}

	/** One or more digits; false when there is none. */
	private digits(): boolean {
		const start = this.index;
		while (isDigit(this.current())) {
			this.index++;
		}
		return this.index > start;
	}

	private literal(word: string): JsonSyntaxError | undefined {
		for (const expected of word) {
			if (this.atEnd()) {
				return { kind: 'unexpected-end', offset: this.index };
			}
			if (this.current() !== expected) {
				return { kind: 'unexpected-character', offset: this.index };
			}
			this.index++;
		}
		return undefined;
	}
}

function isDigit(char: string): boolean {
	return char.length === 1 && char >= '0' && char <= '9';
}
