import { readString, scanObjectLiterals } from './objectLiteralScanner';
import type { ScannedEntry, ScannedValue } from './objectLiteralScanner';

/**
 * What a developer pastes to have a failing JS-SDK signature checked: the page's `wx.config({...})` call, the object
 * their server sent (JSON or a JavaScript literal), or four `key: value` / `key=value` lines from a log. Read by a
 * scanner, never run: a paste is text from outside.
 */

/** The `wx.config` fields a signature check needs, by the names `wx.config` reads. */
export type PastedField = 'appId' | 'timestamp' | 'nonceStr' | 'signature';

/** Without these three there is nothing to check; the appId is optional (it is checked only when given). */
export const REQUIRED_PASTED_FIELDS: readonly PastedField[] = ['signature', 'timestamp', 'nonceStr'];

export interface PastedConfig {
	readonly appId?: string;
	/** As written: `1414587457` or `'1414587457'` both give `1414587457`; a millisecond value stays as it is. */
	readonly timestamp: string;
	/** As written, spaces included: a trimmed or padded nonce is one of the mistakes to find. */
	readonly nonceStr: string;
	readonly signature: string;
}

/** A key `wx.config` would not read under that spelling (`noncestr`, `appid`, `nonce_str`), and the field it means. */
export interface MisnamedKey {
	readonly key: string;
	readonly field: PastedField;
}

export type PastedConfigResult =
	| {
			readonly ok: true;
			readonly config: PastedConfig;
			/** Keys `wx.config` does not know (`url`, `jsapi_ticket`, a typo): names only, never their values. */
			readonly unknownKeys: readonly string[];
			/** Fields found under a name `wx.config` would not read; their value is used, the name is a finding. */
			readonly misnamedKeys: readonly MisnamedKey[];
			/** Optional fields left out because their value is computed on the page (`appId: APP_ID`). */
			readonly skippedExpressions: readonly PastedField[];
	  }
	/** No field of `wx.config` anywhere in the text; `missing` lists the required ones. */
	| { readonly ok: false; readonly problem: 'no-fields'; readonly missing: readonly PastedField[] }
	| { readonly ok: false; readonly problem: 'missing-field'; readonly missing: readonly PastedField[] }
	/** Required fields whose value is computed (`timestamp: Date.now()`): only the running page knows it. */
	| {
			readonly ok: false;
			readonly problem: 'not-literal';
			readonly fields: readonly PastedField[];
			readonly missing: readonly PastedField[];
	  };

const FIELDS: readonly PastedField[] = ['appId', 'timestamp', 'nonceStr', 'signature'];
/** Other keys `wx.config` reads; not worth reporting. */
const OTHER_CONFIG_KEYS = new Set(['debug', 'jsApiList', 'openTagList', 'beta']);

/** The field a key means, however it is spelled (`nonce_str`, `noncestr`, `AppId`); undefined for other keys. */
function fieldOf(key: string): PastedField | undefined {
	switch (key.toLowerCase().replace(/[_-]/g, '')) {
		case 'appid':
			return 'appId';
		case 'timestamp':
			return 'timestamp';
		case 'noncestr':
		case 'nonce':
			return 'nonceStr';
		case 'signature':
			return 'signature';
		default:
			return undefined;
	}
}

export function parsePastedConfig(text: string): PastedConfigResult {
	return readEntries(chooseEntries(text));
}

/**
 * The entries of the object that holds most of the fields (a server's answer may wrap them: `{"data": {...}}`), or
 * the text's `key: value` lines when it has no object with any field.
 */
function chooseEntries(text: string): readonly ScannedEntry[] {
	let best: readonly ScannedEntry[] = [];
	let bestScore = 0;
	for (const { entries } of scanObjectLiterals(text)) {
		const score = new Set(entries.map(({ key }) => fieldOf(key)).filter((field) => field !== undefined)).size;
		if (score > bestScore) {
			best = entries;
			bestScore = score;
		}
	}
	return bestScore > 0 ? best : lineEntries(text);
}

function readEntries(entries: readonly ScannedEntry[]): PastedConfigResult {
	const exact = new Map<PastedField, ScannedValue>();
	const misspelt = new Map<PastedField, ScannedValue>();
	const unknownKeys: string[] = [];
	const misnamedKeys: MisnamedKey[] = [];
	for (const { key, value } of entries) {
		const field = fieldOf(key);
		if (field === undefined) {
			if (!OTHER_CONFIG_KEYS.has(key) && !unknownKeys.includes(key)) {
				unknownKeys.push(key);
			}
		} else if (key === field) {
			exact.set(field, value);
		} else {
			misspelt.set(field, value);
			if (!misnamedKeys.some((named) => named.key === key)) {
				misnamedKeys.push({ key, field });
			}
		}
	}
	if (exact.size === 0 && misspelt.size === 0) {
		return { ok: false, problem: 'no-fields', missing: REQUIRED_PASTED_FIELDS };
	}

	const values: Partial<Record<PastedField, string>> = {};
	const computed: PastedField[] = [];
	for (const field of FIELDS) {
		// What wx.config reads wins over a misspelt duplicate.
		const value = exact.get(field) ?? misspelt.get(field);
		if (value?.kind === 'text' || value?.kind === 'number') {
			values[field] = value.text;
		} else if (value?.kind === 'expression' || value?.kind === 'object' || value?.kind === 'array') {
			computed.push(field);
		}
		// `null`, `undefined` or no value at all (`signature: ,`): as good as missing.
	}
	const notLiteral = computed.filter((field) => REQUIRED_PASTED_FIELDS.includes(field));
	const missing = REQUIRED_PASTED_FIELDS.filter((field) => values[field] === undefined && !computed.includes(field));
	if (notLiteral.length > 0) {
		return { ok: false, problem: 'not-literal', fields: notLiteral, missing };
	}
	const { appId, timestamp, nonceStr, signature } = values;
	if (timestamp === undefined || nonceStr === undefined || signature === undefined) {
		return { ok: false, problem: 'missing-field', missing };
	}
	return {
		ok: true,
		config: { ...(appId === undefined ? {} : { appId }), timestamp, nonceStr, signature },
		unknownKeys,
		misnamedKeys,
		skippedExpressions: computed,
	};
}

/** `key: value` or `key=value`, the key maybe quoted; the value up to the end of the line. */
const LINE = /^\s*(["']?)([A-Za-z_$][\w$-]*)\1\s*[:=]\s*(.*?)\s*$/;
/** Several pairs on one line are split before each key, not at every comma (a URL may hold one). */
const PAIR_SEPARATOR = /[,;]\s*(?=["']?[A-Za-z_$][\w$-]*["']?\s*[:=])/;

/** Entries of a paste with no object in it: one pair per line (or per `,`/`;` before the next key). */
function lineEntries(text: string): ScannedEntry[] {
	const entries: ScannedEntry[] = [];
	for (const line of text.split(/\r?\n/)) {
		for (const part of line.split(PAIR_SEPARATOR)) {
			const match = LINE.exec(part);
			if (match !== null) {
				entries.push({ key: match[2] ?? '', value: lineValue(match[3] ?? '') });
			}
		}
	}
	return entries;
}

function lineValue(raw: string): ScannedValue {
	const value = raw.replace(/[,;]$/, '').trimEnd();
	const quote = value.charAt(0);
	if ((quote === '"' || quote === "'" || quote === '`') && value.length > 1 && value.endsWith(quote)) {
		const read = readString(value, 0);
		return read.interpolated || read.end !== value.length
			? { kind: 'expression' }
			: { kind: 'text', text: read.text };
	}
	if (value === '') {
		return { kind: 'other' };
	}
	// A log line's value is written out; a call or an operator means the line is code.
	return /[()+]/.test(value) ? { kind: 'expression' } : { kind: 'text', text: value };
}
