import { formatJsonPath, readJsonPath } from '../jsonPath';
import type { SuccessRule } from '../tokenTypes';

/** WeChat's own rule, and the default: success unless the answer carries a non-zero `errcode`. */
export const DEFAULT_SUCCESS_RULE: SuccessRule = { path: ['errcode'], equals: 0, orAbsent: true };

/**
 * Whether a parsed answer meets the rule. Numbers and numeric text compare by value (`0` and `"0"` alike), as servers
 * write codes both ways; text and booleans compare exactly. `null` counts as absent.
 */
export function meetsSuccessRule(body: unknown, rule: SuccessRule): boolean {
	const value = readJsonPath(body, rule.path);
	if (value === undefined || value === null) {
		return rule.orAbsent === true;
	}
	return sameValue(value, rule.equals);
}

/** The rule as a user reads it, for messages: `errcode = 0 or absent`. */
export function describeSuccessRule(rule: SuccessRule): string {
	return `${formatJsonPath(rule.path)} = ${JSON.stringify(rule.equals)}${rule.orAbsent === true ? ' or absent' : ''}`;
}

/**
 * Text this short is shown as it is: the codes and words servers put where a success rule looks (`"ok"`, `"FAIL"`,
 * `"token_expired"`). Longer text is described by its length only: a success path that points at the wrong field may
 * point at the token itself, and a WeChat access token is well over a hundred characters.
 */
const MAX_SHOWN_TEXT_CHARS = 16;

/**
 * What the answer had where the success rule looked, for the message of a failed rule: its type, and the value itself
 * only when it is a number, `true`/`false`, `null` or short text. E.g. `code is 1001`, `data is an object`.
 */
export function describeObservedValue(path: SuccessRule['path'], value: unknown): string {
	return `${formatJsonPath(path)} is ${describeValue(value)}`;
}

function describeValue(value: unknown): string {
	if (value === null || typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}
	if (typeof value === 'string') {
		const length = Array.from(value).length;
		return length <= MAX_SHOWN_TEXT_CHARS ? JSON.stringify(value) : `text of ${length} characters`;
	}
	if (Array.isArray(value)) {
		return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
	}
	return typeof value === 'object' ? 'an object' : typeof value;
}

function sameValue(actual: unknown, expected: string | number | boolean): boolean {
	if (actual === expected) {
		return true;
	}
	if (typeof expected === 'boolean') {
		return false;
	}
	const a = asNumber(actual);
	const e = asNumber(expected);
	return a !== undefined && a === e;
}

function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value) ? value : undefined;
	}
	if (typeof value === 'string' && /^\s*-?\d{1,15}(\.\d{1,15})?\s*$/.test(value)) {
		return Number(value);
	}
	return undefined;
}
