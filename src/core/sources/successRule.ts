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
