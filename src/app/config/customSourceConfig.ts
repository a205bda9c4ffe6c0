import { parseEndpointUrl } from '../../core/http/endpointUrl';
import { isRecord } from '../../core/isRecord';
import type { JsonPath } from '../../core/jsonPath';
import { parseJsonPath } from '../../core/jsonPath';
import { DEFAULT_SUCCESS_RULE } from '../../core/sources/successRule';
import type { CustomEndpoint, CustomExpiryField } from '../../core/tokenTypes';
import type { Localizer } from '../ports/localizer';
import { validateAuthHeaderName, validateEndpointUrl } from './validation';

/** What a success rule compares with: a JSON scalar. */
export type SuccessValue = string | number | boolean;

/** The `custom` object of a `custom` app's settings entry, as written there (see package.json's schema). */
export interface CustomSourceConfig {
	readonly url: string;
	/** GET when absent. */
	readonly method?: 'GET' | 'POST';
	/** POST only. */
	readonly body?: Readonly<Record<string, unknown>>;
	/** The header its secret (the value, in SecretStorage) goes in; none when absent. */
	readonly authHeader?: string;
	/** `access_token` when absent. */
	readonly tokenPath?: string;
	/** At most one of the two; `expires_in` when neither is given. */
	readonly expiresInPath?: string;
	readonly expiresAtPath?: string;
	/** `errcode` absent or 0 when absent. */
	readonly success?: { readonly path: string; readonly equals: SuccessValue; readonly orAbsent?: boolean };
}

export const DEFAULT_TOKEN_PATH = 'access_token';
export const DEFAULT_EXPIRES_IN_PATH = 'expires_in';

/**
 * Reads and checks the `custom` object: the normalized config (strings trimmed, empty optional ones dropped), or a
 * localized message saying what is wrong. `appId` fills `${appId}` for the URL check. Never throws on bad input.
 */
export function parseCustomSource(raw: unknown, appId: string, l10n: Localizer): CustomSourceConfig | string {
	if (!isRecord(raw)) {
		return l10n.t(
			'"custom" is required for the custom source: an object with at least "url", the address of your token server.',
		);
	}
	if (typeof raw.url !== 'string' || raw.url.trim() === '') {
		return l10n.t(
			'"custom.url" is required: the address of your token server, e.g. https://tokens.example.com/wechat/token?appid=${appId}.',
		);
	}
	const url = raw.url.trim();
	const urlProblem = validateEndpointUrl(url, appId, l10n);
	if (urlProblem !== undefined) {
		return urlProblem;
	}
	if (raw.method !== undefined && raw.method !== 'GET' && raw.method !== 'POST') {
		return l10n.t('"custom.method" must be GET or POST.');
	}
	const method = raw.method;
	if (raw.body !== undefined) {
		if (!isRecord(raw.body)) {
			return l10n.t('"custom.body" must be a JSON object; its text values may hold ${appId}.');
		}
		if (method !== 'POST') {
			return l10n.t('"custom.body" is only sent with POST: set "custom.method" to POST, or remove the body.');
		}
	}

	const strings: Partial<Record<'authHeader' | 'tokenPath' | 'expiresInPath' | 'expiresAtPath', string>> = {};
	for (const key of ['authHeader', 'tokenPath', 'expiresInPath', 'expiresAtPath'] as const) {
		const value = raw[key];
		if (value !== undefined && typeof value !== 'string') {
			return l10n.t({
				message: '"custom.{0}" must be text.',
				args: [key],
				comment: ['{0} is a setting’s key, e.g. tokenPath'],
			});
		}
		if (value !== undefined && value.trim() !== '') {
			strings[key] = value.trim();
		}
	}
	if (strings.authHeader !== undefined) {
		const problem = validateAuthHeaderName(strings.authHeader, l10n);
		if (problem !== undefined) {
			return problem;
		}
	}
	for (const key of ['tokenPath', 'expiresInPath', 'expiresAtPath'] as const) {
		const path = strings[key];
		if (path !== undefined && parseJsonPath(path) === undefined) {
			return invalidPath(`custom.${key}`, l10n);
		}
	}
	if (strings.expiresInPath !== undefined && strings.expiresAtPath !== undefined) {
		return l10n.t(
			'Give only one of "custom.expiresInPath" (seconds from now) and "custom.expiresAtPath" (a point in time).',
		);
	}

	const success = parseSuccessRule(raw.success, l10n);
	if (typeof success === 'string') {
		return success;
	}
	return {
		url,
		...(method === undefined ? {} : { method }),
		...(raw.body === undefined ? {} : { body: raw.body }),
		...strings,
		...(success === undefined ? {} : { success }),
	};
}

/** The core's request description for a config `parseCustomSource` accepted, its defaults filled in. */
export function toCustomEndpoint(config: CustomSourceConfig): CustomEndpoint {
	const expiry: CustomExpiryField =
		config.expiresAtPath === undefined
			? { kind: 'expires-in', path: checkedPath(config.expiresInPath ?? DEFAULT_EXPIRES_IN_PATH) }
			: { kind: 'expires-at', path: checkedPath(config.expiresAtPath) };
	return {
		url: config.url,
		method: config.method ?? 'GET',
		...(config.method === 'POST' && config.body !== undefined ? { body: config.body } : {}),
		...(config.authHeader === undefined ? {} : { authHeader: config.authHeader }),
		tokenPath: checkedPath(config.tokenPath ?? DEFAULT_TOKEN_PATH),
		expiry,
		success:
			config.success === undefined
				? DEFAULT_SUCCESS_RULE
				: {
						path: checkedPath(config.success.path),
						equals: config.success.equals,
						...(config.success.orAbsent === true ? { orAbsent: true } : {}),
					},
	};
}

/** The URL a custom app's requests (and its secret) go to, the AppID filled in: what messages show as its address. */
export function customEndpointUrl(config: CustomSourceConfig, appId: string): string {
	return parseEndpointUrl(config.url, appId).href;
}

function parseSuccessRule(raw: unknown, l10n: Localizer): CustomSourceConfig['success'] | string | undefined {
	if (raw === undefined) {
		return undefined;
	}
	const problem = l10n.t(
		'"custom.success" must be an object such as {"path": "code", "equals": 0}, with "orAbsent": true if a missing value means success too.',
	);
	if (!isRecord(raw) || typeof raw.path !== 'string') {
		return problem;
	}
	const { equals, orAbsent } = raw;
	if (!(
		typeof equals === 'string' ||
		(typeof equals === 'number' && Number.isFinite(equals)) ||
		typeof equals === 'boolean'
	)) {
		return problem;
	}
	if (orAbsent !== undefined && typeof orAbsent !== 'boolean') {
		return problem;
	}
	const path = raw.path.trim();
	if (parseJsonPath(path) === undefined) {
		return invalidPath('custom.success.path', l10n);
	}
	return { path, equals, ...(orAbsent === true ? { orAbsent: true } : {}) };
}

function invalidPath(key: string, l10n: Localizer): string {
	return l10n.t({
		message:
			'"{0}" must be a path such as access_token or data.token: names separated by dots, [0] for the first item of a list.',
		args: [key],
		comment: ['{0} is a setting’s key, e.g. custom.tokenPath'],
	});
}

/** Paths reach here checked by `parseCustomSource`; one that does not parse is a bug, not a user error. */
function checkedPath(text: string): JsonPath {
	const path = parseJsonPath(text);
	if (path === undefined) {
		throw new Error(`"${text}" is not a JSON path; the settings check should have refused it.`);
	}
	return path;
}
