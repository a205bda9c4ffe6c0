import { findJsonSyntaxError } from './jsonSyntax';
import type { JsonSyntaxErrorKind } from './jsonSyntax';
import { findLiteralTokens } from './literalToken';
import { lineRange, splitLines } from './textRange';
import type { LineRange, TextEdit, TextRange } from './textRange';

/**
 * A `*.wechat.http` file: WeChat API requests a team keeps in its repository, in a subset of the `.http` convention
 * (REST Client). The token is never in the file: it is added to the query when a request is sent (`withAccessToken`).
 *
 * The format, line by line (a line ends at `\r\n`, `\r` or `\n`):
 * - A line starting with `###` starts a request; the rest of the line, trimmed, is the request's name. The text before
 *   the first `###` is the file's preamble, which may hold a request too (a file without `###` is one request).
 * - Before the request line, a line whose first non-blank characters are `#` or `//` is a comment, and blank lines
 *   are skipped. `# @app NAME` / `// @app NAME` (NAME: the rest of the line, trimmed) names the app of the request it
 *   precedes. In the preamble it names the file's default app, used by every request without its own `@app` (and by
 *   the preamble's request, if there is one). When one block has several, the last wins. Anywhere else (after a
 *   request line) `@app` is an ordinary comment.
 * - The request line is `METHOD TARGET [HTTP/1.1]`. METHOD is GET or POST (any case); without it a line that starts
 *   with `/` or `http` is a GET. TARGET is a path (`/cgi-bin/menu/get`, a query allowed) or a full `http(s)://` URL
 *   without user info or fragment.
 * - Then `Name: value` headers (comment lines allowed among them) up to the first blank line, or up to a line starting
 *   with `{` or `[` (a JSON body written without the blank line).
 * - Then the body, verbatim, up to the next `###`; blank and comment lines at its start and end are not part of it
 *   (a comment after the body, before the next request, stays a comment).
 *
 * Parsing never throws: what does not fit is a problem with the range to underline.
 */
export interface RequestFile {
	readonly requests: readonly WechatRequest[];
	/** The app named by an `@app` line in the preamble. */
	readonly defaultApp?: string;
	/** One range per request spanning more than one line: its `###` line (or first line) to its last non-blank line. */
	readonly foldingRanges: readonly LineRange[];
}

export type HttpMethod = 'GET' | 'POST';

export type QueryPair = readonly [key: string, value: string];

/** Where a request goes, decoded: `+` and `%XX` in the query are read as a form would read them. */
export type RequestTarget =
	| { readonly kind: 'path'; readonly path: string; readonly query: readonly QueryPair[] }
	| {
			readonly kind: 'url';
			/** `https://api.weixin.qq.com`: scheme, host lower-cased, port only when not the default. */
			readonly origin: string;
			/** As a browser would send it (`/a/../b` is `/b`). */
			readonly path: string;
			readonly query: readonly QueryPair[];
	  };

export interface WechatRequest {
	/** The text after `###`, trimmed; undefined when empty or for the preamble's request. */
	readonly name?: string;
	/** The request's own `@app`, else the file's default. */
	readonly app?: string;
	/** Where that app's name is written (an `@app` line of this request, or of the preamble). */
	readonly appRange?: TextRange;
	/** Undefined when the method is not GET or POST (an `unknown-method` problem). */
	readonly method: HttpMethod | undefined;
	/** Undefined when the target cannot be sent (a `bad-target` problem). */
	readonly target: RequestTarget | undefined;
	readonly headers: readonly (readonly [name: string, value: string])[];
	/** The body lines joined with `\n`. */
	readonly body?: string;
	readonly range: LineRange;
	readonly requestLine: number;
	readonly bodyStartLine?: number;
	readonly problems: readonly RequestProblem[];
}

/**
 * - `unknown-method`: a method other than GET or POST (WeChat's APIs use only those two).
 * - `bad-target`: no target, a target that is neither a path nor an http(s) URL, user info (`user@host`), a fragment,
 *   a backslash, broken `%` escapes, or text after the target other than `HTTP/x.y`.
 * - `header-syntax`: a line among the headers that is not `Name: value`.
 * - `body-not-json`: the body is not JSON (WeChat takes JSON only); the range is the first character that breaks it.
 * - `get-with-body`: a GET with a body, which WeChat ignores.
 * - `access-token-in-file`: a token written into the file (a non-empty `access_token` query parameter, or a token-like
 *   `access_token` value in a header or the body); `fix` removes it. The extension adds the token when it sends.
 */
export type RequestProblemCode =
	'unknown-method' | 'bad-target' | 'header-syntax' | 'body-not-json' | 'get-with-body' | 'access-token-in-file';

export interface RequestProblem {
	readonly code: RequestProblemCode;
	/** `error`: the request cannot be sent as written. `warning`: it can, but something in it is wrong. */
	readonly severity: 'error' | 'warning';
	readonly range: TextRange;
	/** For `body-not-json`: what is wrong at `range`. */
	readonly jsonError?: JsonSyntaxErrorKind;
	/** For `access-token-in-file`: the edit that removes the token (for a query, every token parameter of that line). */
	readonly fix?: TextEdit;
}

const SEVERITY: Record<RequestProblemCode, 'error' | 'warning'> = {
	'unknown-method': 'error',
	'bad-target': 'error',
	'header-syntax': 'error',
	'body-not-json': 'error',
	'get-with-body': 'warning',
	'access-token-in-file': 'warning',
};

/** True when nothing stops the request from being sent: a method, a target and no error. */
export function canSend(
	request: WechatRequest,
): request is WechatRequest & { readonly method: HttpMethod; readonly target: RequestTarget } {
	return (
		request.method !== undefined &&
		request.target !== undefined &&
		request.problems.every((problem) => problem.severity !== 'error')
	);
}

export function parseRequestFile(text: string): RequestFile {
	const lines = splitLines(text);
	const separators = lines.flatMap((line, index) => (line.startsWith('###') ? [index] : []));
	const blocks: Block[] = [{ start: 0, end: separators[0] ?? lines.length }];
	separators.forEach((start, index) => {
		blocks.push({ start, end: separators[index + 1] ?? lines.length, separator: true });
	});

	const preamble = blocks[0] === undefined ? undefined : readPreamble(lines, blocks[0]);
	const fileApp = preamble?.app;
	const requests: WechatRequest[] = [];
	for (const block of blocks) {
		const request = parseBlock(lines, block, fileApp);
		if (request !== undefined) {
			requests.push(request);
		}
	}
	return {
		requests,
		...(fileApp === undefined ? {} : { defaultApp: fileApp.name }),
		foldingRanges: requests.map((request) => request.range).filter((range) => range.endLine > range.startLine),
	};
}

/** Lines `start` (the `###` line when `separator`) up to `end`, excluded. */
interface Block {
	readonly start: number;
	readonly end: number;
	readonly separator?: boolean;
}

interface AppDirective {
	readonly name: string;
	readonly range: TextRange;
}

const APP_DIRECTIVE = /^(\s*(?:#|\/\/)\s*@app\s+)(.*?)\s*$/;

function readPreamble(lines: readonly string[], block: Block): { app?: AppDirective } {
	let app: AppDirective | undefined;
	for (let index = block.start; index < block.end; index++) {
		const line = lines[index] ?? '';
		if (isBlank(line)) {
			continue;
		}
		if (!isComment(line)) {
			break;
		}
		app = appDirective(line, index) ?? app;
	}
	return app === undefined ? {} : { app };
}

function appDirective(line: string, index: number): AppDirective | undefined {
	const match = APP_DIRECTIVE.exec(line);
	const prefix = match?.[1];
	const name = match?.[2];
	if (prefix === undefined || name === undefined || name === '') {
		return undefined;
	}
	return { name, range: lineRange(index, prefix.length, prefix.length + name.length) };
}

function parseBlock(
	lines: readonly string[],
	block: Block,
	fileApp: AppDirective | undefined,
): WechatRequest | undefined {
	let index = block.separator === true ? block.start + 1 : block.start;
	let ownApp: AppDirective | undefined;
	let firstContent: number | undefined;
	for (; index < block.end; index++) {
		const line = lines[index] ?? '';
		if (isBlank(line)) {
			continue;
		}
		firstContent ??= index;
		if (!isComment(line)) {
			break;
		}
		ownApp = appDirective(line, index) ?? ownApp;
	}
	if (index >= block.end) {
		return undefined;
	}
	const requestLine = index;
	const problems: RequestProblem[] = [];
	const { method, target } = parseRequestLine(lines[requestLine] ?? '', requestLine, problems);

	const headers: [string, string][] = [];
	index++;
	let bodyFrom = block.end;
	for (; index < block.end; index++) {
		const line = lines[index] ?? '';
		if (isBlank(line)) {
			bodyFrom = index + 1;
			break;
		}
		if (isComment(line)) {
			continue;
		}
		if (/^\s*[{[]/.test(line)) {
			bodyFrom = index;
			break;
		}
		const header = parseHeader(line);
		if (header === undefined) {
			const start = line.length - line.trimStart().length;
			problems.push(problem('header-syntax', lineRange(index, start, line.trimEnd().length)));
		} else {
			headers.push(header);
		}
		literalTokenProblems(line, index, problems);
	}

	const lastContent = lastNonBlank(lines, block);
	const bodyLines = bodyLineRange(lines, bodyFrom, block.end);
	let body: string | undefined;
	if (bodyLines !== undefined) {
		body = lines.slice(bodyLines.startLine, bodyLines.endLine + 1).join('\n');
		checkBody(lines, bodyLines, body, method, problems);
	}

	const name = block.separator === true ? (lines[block.start] ?? '').replace(/^#+/, '').trim() : '';
	const app = ownApp ?? fileApp;
	return {
		...(name === '' ? {} : { name }),
		...(app === undefined ? {} : { app: app.name, appRange: app.range }),
		method,
		target,
		headers,
		...(body === undefined ? {} : { body }),
		range: {
			startLine: block.separator === true ? block.start : (firstContent ?? requestLine),
			endLine: Math.max(lastContent, requestLine),
		},
		requestLine,
		...(bodyLines === undefined ? {} : { bodyStartLine: bodyLines.startLine }),
		problems: problems.sort(byPosition),
	};
}

function parseRequestLine(
	line: string,
	lineIndex: number,
	problems: RequestProblem[],
): { method: HttpMethod | undefined; target: RequestTarget | undefined } {
	const words = [...line.matchAll(/\S+/g)].map((match) => ({
		text: match[0],
		start: match.index ?? 0,
		end: (match.index ?? 0) + match[0].length,
	}));
	const first = words[0];
	if (first === undefined) {
		return { method: undefined, target: undefined };
	}
	let method: HttpMethod | undefined;
	let targetWord = first;
	let rest = words.slice(1);
	if (!first.text.startsWith('/') && !/^http/i.test(first.text)) {
		const upper = first.text.toUpperCase();
		if (upper === 'GET' || upper === 'POST') {
			method = upper;
		} else {
			problems.push(problem('unknown-method', lineRange(lineIndex, first.start, first.end)));
		}
		const second = words[1];
		if (second === undefined) {
			problems.push(problem('bad-target', lineRange(lineIndex, first.start, first.end)));
			return { method, target: undefined };
		}
		targetWord = second;
		rest = words.slice(2);
	} else {
		method = 'GET';
	}
	const last = rest[rest.length - 1];
	const onlyVersion = rest.length === 1 && /^HTTP\/\d(\.\d)?$/i.test(rest[0]?.text ?? '');
	if (rest.length > 0 && last !== undefined && !onlyVersion) {
		problems.push(problem('bad-target', lineRange(lineIndex, rest[0]?.start ?? last.start, last.end)));
		return { method, target: undefined };
	}
	const target = parseTarget(targetWord.text, targetWord.start, lineIndex, problems);
	return { method, target };
}

/** One `key=value` of a query, as written, with where it is on the line. */
interface RawParam {
	readonly key: string;
	readonly value: string;
	/** Columns of the whole `key=value` segment. */
	readonly start: number;
	readonly end: number;
	/** Column where the value starts (after `=`; `end` when there is no `=`). */
	readonly valueStart: number;
}

function parseTarget(
	text: string,
	column: number,
	lineIndex: number,
	problems: RequestProblem[],
): RequestTarget | undefined {
	const badTarget = (): undefined => {
		problems.push(problem('bad-target', lineRange(lineIndex, column, column + text.length)));
		return undefined;
	};
	if (text.includes('#') || text.includes('\\')) {
		return badTarget();
	}
	const questionMark = text.indexOf('?');
	const beforeQuery = questionMark < 0 ? text : text.slice(0, questionMark);
	const rawQuery = questionMark < 0 ? undefined : text.slice(questionMark + 1);
	const params = rawQuery === undefined ? [] : splitQuery(rawQuery, column + questionMark + 1);
	const query = decodeQuery(params);
	if (query === undefined || !validEscapes(beforeQuery)) {
		return badTarget();
	}
	let target: RequestTarget;
	if (beforeQuery.startsWith('/')) {
		if (beforeQuery.startsWith('//')) {
			return badTarget();
		}
		target = { kind: 'path', path: beforeQuery, query };
	} else {
		const url = parseAbsolute(beforeQuery);
		if (url === undefined) {
			return badTarget();
		}
		target = { kind: 'url', origin: url.origin, path: url.pathname, query };
	}
	tokenParamProblems(text, column, questionMark, params, lineIndex, problems);
	return target;
}

/** An `http(s)://host…` address with a host and no user info, or undefined. */
function parseAbsolute(text: string): URL | undefined {
	const authority = /^https?:\/\/([^/?#]*)/i.exec(text)?.[1];
	if (authority === undefined || authority === '' || authority.includes('@')) {
		return undefined;
	}
	try {
		const url = new URL(text);
		return url.hostname === '' || url.username !== '' || url.password !== '' ? undefined : url;
	} catch {
		return undefined;
	}
}

function splitQuery(rawQuery: string, column: number): RawParam[] {
	const params: RawParam[] = [];
	let offset = 0;
	for (const segment of rawQuery.split('&')) {
		if (segment !== '') {
			const equals = segment.indexOf('=');
			const start = column + offset;
			params.push({
				key: equals < 0 ? segment : segment.slice(0, equals),
				value: equals < 0 ? '' : segment.slice(equals + 1),
				start,
				end: start + segment.length,
				valueStart: equals < 0 ? start + segment.length : start + equals + 1,
			});
		}
		offset += segment.length + 1;
	}
	return params;
}

function decodeQuery(params: readonly RawParam[]): QueryPair[] | undefined {
	const pairs: QueryPair[] = [];
	for (const param of params) {
		const key = decodeComponent(param.key);
		const value = decodeComponent(param.value);
		if (key === undefined || value === undefined) {
			return undefined;
		}
		pairs.push([key, value]);
	}
	return pairs;
}

/** A query component as a form reads it: `+` is a space, `%XX` a byte of UTF-8. Undefined when an escape is broken. */
export function decodeComponent(text: string): string | undefined {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return undefined;
	}
}

/** `%XX` escapes that decode to UTF-8 text. */
function validEscapes(text: string): boolean {
	return decodeComponent(text) !== undefined;
}

export function isAccessTokenKey(key: string): boolean {
	return key.toLowerCase() === 'access_token';
}

/** Every `access_token` parameter with a value: one problem each, and one edit that removes all of them. */
function tokenParamProblems(
	text: string,
	column: number,
	questionMark: number,
	params: readonly RawParam[],
	lineIndex: number,
	problems: RequestProblem[],
): void {
	const withToken = params.filter(
		(param) => isAccessTokenKey(decodeComponent(param.key) ?? '') && param.value !== '',
	);
	if (withToken.length === 0) {
		return;
	}
	const kept = params.filter((param) => !withToken.includes(param));
	const keptText = kept.map((param) => text.slice(param.start - column, param.end - column));
	const fix: TextEdit = {
		range: lineRange(lineIndex, column + questionMark, column + text.length),
		newText: keptText.length === 0 ? '' : `?${keptText.join('&')}`,
	};
	for (const param of withToken) {
		problems.push({ ...problem('access-token-in-file', lineRange(lineIndex, param.valueStart, param.end)), fix });
	}
}

/** A token pasted into a header or body line: its value is the range, and deleting it the fix. */
function literalTokenProblems(line: string, lineIndex: number, problems: RequestProblem[]): void {
	for (const match of findLiteralTokens(line)) {
		const range = lineRange(lineIndex, match.start, match.end);
		problems.push({ ...problem('access-token-in-file', range), fix: { range, newText: '' } });
	}
}

function checkBody(
	lines: readonly string[],
	bodyLines: LineRange,
	body: string,
	method: HttpMethod | undefined,
	problems: RequestProblem[],
): void {
	const lastLine = lines[bodyLines.endLine] ?? '';
	if (method === 'GET') {
		problems.push(
			problem('get-with-body', {
				startLine: bodyLines.startLine,
				startColumn: 0,
				endLine: bodyLines.endLine,
				endColumn: lastLine.length,
			}),
		);
	}
	const error = findJsonSyntaxError(body);
	if (error !== undefined) {
		const at = positionOf(body, error.offset);
		const line = bodyLines.startLine + at.line;
		const lineLength = (lines[line] ?? '').length;
		problems.push({
			...problem('body-not-json', lineRange(line, at.column, Math.min(at.column + 1, lineLength))),
			jsonError: error.kind,
		});
	}
	for (let index = bodyLines.startLine; index <= bodyLines.endLine; index++) {
		literalTokenProblems(lines[index] ?? '', index, problems);
	}
}

/** Line and column of `offset` in text whose lines are joined with `\n`. */
function positionOf(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, offset);
	const lineStart = before.lastIndexOf('\n') + 1;
	let line = 0;
	for (const char of before) {
		if (char === '\n') {
			line++;
		}
	}
	return { line, column: offset - lineStart };
}

/** The body's lines: from `from` to the block's end, without blank or comment lines at either end. */
function bodyLineRange(lines: readonly string[], from: number, end: number): LineRange | undefined {
	let first = from;
	let last = end - 1;
	const isFiller = (index: number): boolean => {
		const line = lines[index] ?? '';
		return isBlank(line) || isComment(line);
	};
	while (first <= last && isFiller(first)) {
		first++;
	}
	while (last >= first && isFiller(last)) {
		last--;
	}
	return first <= last ? { startLine: first, endLine: last } : undefined;
}

function lastNonBlank(lines: readonly string[], block: Block): number {
	for (let index = block.end - 1; index > block.start; index--) {
		if (!isBlank(lines[index] ?? '')) {
			return index;
		}
	}
	return block.start;
}

const HEADER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)\s*$/;

function parseHeader(line: string): [string, string] | undefined {
	const match = HEADER.exec(line);
	const name = match?.[1];
	const value = match?.[2];
	return name === undefined || value === undefined ? undefined : [name, value];
}

function isBlank(line: string): boolean {
	return line.trim() === '';
}

function isComment(line: string): boolean {
	const trimmed = line.trimStart();
	return trimmed.startsWith('#') || trimmed.startsWith('//');
}

function problem(code: RequestProblemCode, range: TextRange): RequestProblem {
	return { code, severity: SEVERITY[code], range };
}

function byPosition(a: RequestProblem, b: RequestProblem): number {
	return a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn;
}
