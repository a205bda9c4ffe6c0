import { TokenError } from '../../core/errors';
import { parseEndpointUrl } from '../../core/http/endpointUrl';
import { parseServiceUrl } from '../../core/http/serviceUrl';
import { isRecord } from '../../core/isRecord';
import { requestIdentity } from '../../core/requestIdentity';
import type { ManagementAuthScheme, TokenSourceKind } from '../../core/tokenTypes';
import { isTokenSourceKind } from '../../core/tokenTypes';
import type { CustomSourceConfig } from './customSourceConfig';
import { parseCustomSource } from './customSourceConfig';
import type { Localizer } from '../ports/localizer';
import { validateAccessKeyId, validateAppId, validateAppName, validateAuthingAppId, validateHost } from './validation';

/** One entry of the `wechatAccessToken.apps` setting, as written there: non-secret fields only. */
export interface WechatAppConfig {
	readonly name: string;
	readonly appId: string;
	readonly source: TokenSourceKind;
	/** Every source but `custom`, whose requests go to `custom.url` (a `host` in a custom entry is a problem). */
	readonly host?: string;
	/** `custom` only: the team's token server and how to read its answer. */
	readonly custom?: CustomSourceConfig;
	/** `authing` only. */
	readonly authingAppId?: string;
	/** `authing-management` only. */
	readonly accessKeyId?: string;
	/** `authing-management` only; `management-token` when absent. */
	readonly scheme?: ManagementAuthScheme;
}

/** An entry that passed every check, its host defaulted and normalized, with the identity its secrets are bound to. */
export interface WechatApp extends WechatAppConfig {
	/** Where requests go; for `custom`, the origin of its URL. */
	readonly host: string;
	/**
	 * `requestIdentity` of the app: source, host, AppID and Authing ids (for `custom`: method, URL and auth header
	 * name). Keys its secrets and its cached token.
	 */
	readonly identity: string;
}

export interface AppConfigProblem {
	/** Position in the setting's array, from 0. */
	readonly index: number;
	readonly name?: string;
	/** Localized: what is wrong with the entry. */
	readonly message: string;
}

export interface ParsedApps {
	readonly apps: readonly WechatApp[];
	readonly problems: readonly AppConfigProblem[];
}

export const MANAGEMENT_SCHEMES: readonly ManagementAuthScheme[] = ['management-token', 'signature'];

/** Where each source sends requests when the entry names no host. `authing` has none: every application has its own. */
export const DEFAULT_HOSTS: { readonly [K in TokenSourceKind]: string | undefined } = {
	authing: undefined,
	'authing-management': 'https://api.authing.cn',
	'wechat-stable': 'https://api.weixin.qq.com',
	wechat: 'https://api.weixin.qq.com',
	custom: undefined,
};

/**
 * Reads the raw setting. Every entry either becomes an app or a problem that says what is wrong with it: nothing is
 * dropped silently, and nothing here throws on bad input.
 */
export function parseApps(raw: unknown, l10n: Localizer): ParsedApps {
	const apps: WechatApp[] = [];
	const problems: AppConfigProblem[] = [];
	if (raw === undefined || raw === null) {
		return { apps, problems };
	}
	if (!Array.isArray(raw)) {
		return { apps, problems: [{ index: 0, message: l10n.t('The setting must be a list of apps.') }] };
	}
	raw.forEach((entry: unknown, index) => {
		const result = parseEntry(entry, apps, l10n);
		if (typeof result === 'string') {
			const name =
				isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() !== ''
					? entry.name.trim()
					: undefined;
			problems.push({ index, message: result, ...(name === undefined ? {} : { name }) });
		} else {
			apps.push(result);
		}
	});
	return { apps, problems };
}

/** Every name in the raw setting, valid entry or not: a new app must not take any of them. */
export function configuredNames(raw: unknown): string[] {
	return Array.isArray(raw)
		? raw.flatMap((entry: unknown) =>
				isRecord(entry) && typeof entry.name === 'string' ? [entry.name.trim()] : [],
			)
		: [];
}

/** One line for the log or a notification: which entry and what is wrong. */
export function formatProblem(problem: AppConfigProblem, l10n: Localizer): string {
	return problem.name === undefined
		? l10n.t({
				message: 'App {0}: {1}',
				args: [problem.index + 1, problem.message],
				comment: ['{0} is the position of the entry in the list, {1} says what is wrong'],
			})
		: l10n.t({
				message: 'App {0} (“{1}”): {2}',
				args: [problem.index + 1, problem.name, problem.message],
				comment: ['{0} is the position of the entry in the list, {1} its name, {2} says what is wrong'],
			});
}

/** The entry to write for a new app: the host only when it differs from the source's default (never for `custom`). */
export function toSettingEntry(config: WechatAppConfig): WechatAppConfig {
	const host =
		config.host === undefined || config.source === 'custom' || sameHost(config.host, DEFAULT_HOSTS[config.source])
			? undefined
			: config.host;
	return {
		name: config.name,
		source: config.source,
		appId: config.appId,
		...(host === undefined ? {} : { host }),
		...(config.source === 'authing' && config.authingAppId !== undefined
			? { authingAppId: config.authingAppId }
			: {}),
		...(config.source === 'authing-management' && config.accessKeyId !== undefined
			? { accessKeyId: config.accessKeyId }
			: {}),
		...(config.source === 'authing-management' && config.scheme !== undefined ? { scheme: config.scheme } : {}),
		...(config.source === 'custom' && config.custom !== undefined ? { custom: config.custom } : {}),
	};
}

function parseEntry(entry: unknown, earlier: readonly WechatApp[], l10n: Localizer): WechatApp | string {
	if (!isRecord(entry)) {
		return l10n.t('Each app must be an object with at least "name", "appId" and "source".');
	}
	const name = stringField(entry, 'name');
	const nameProblem = validateAppName(
		name,
		earlier.map((app) => app.name),
		l10n,
	);
	if (nameProblem !== undefined) {
		return nameProblem;
	}
	const source = entry.source;
	if (!isTokenSourceKind(source)) {
		return l10n.t('"source" must be one of authing, authing-management, wechat-stable, wechat, custom.');
	}
	const appId = stringField(entry, 'appId');
	const appIdProblem = validateAppId(appId, l10n);
	if (appIdProblem !== undefined) {
		return appIdProblem;
	}
	const located = source === 'custom' ? customFields(entry, appId, l10n) : hostAndIds(entry, source, l10n);
	if (typeof located === 'string') {
		return located;
	}
	const { host, extra } = located;
	const identity = requestIdentity({ source, host, appId, ...extra });
	const twin = earlier.find((app) => app.identity === identity);
	if (twin !== undefined) {
		return l10n.t({
			message: 'It is the same app as “{0}” (same source, host and IDs); keep only one of them.',
			args: [twin.name],
			comment: ['{0} is the name of the other app'],
		});
	}
	return { name, appId, source, host, identity, ...extra };
}

type SourceFields = Pick<WechatAppConfig, 'authingAppId' | 'accessKeyId' | 'scheme' | 'custom'>;

/** Where an Authing or WeChat app's requests go (normalized) and the ids its source needs, or what is wrong. */
function hostAndIds(
	entry: Record<string, unknown>,
	source: Exclude<TokenSourceKind, 'custom'>,
	l10n: Localizer,
): { host: string; extra: SourceFields } | string {
	const configuredHost = stringField(entry, 'host');
	const host = configuredHost === '' ? DEFAULT_HOSTS[source] : configuredHost;
	if (host === undefined) {
		return l10n.t(
			'"host" is required for the authing source: the address of your Authing application, e.g. https://example.authing.cn.',
		);
	}
	const hostProblem = validateHost(host, l10n);
	if (hostProblem !== undefined) {
		return hostProblem;
	}

	let extra: SourceFields = {};
	if (source === 'authing') {
		const authingAppId = stringField(entry, 'authingAppId');
		const problem = validateAuthingAppId(authingAppId, l10n);
		if (problem !== undefined) {
			return problem;
		}
		extra = { authingAppId };
	} else if (source === 'authing-management') {
		const accessKeyId = stringField(entry, 'accessKeyId');
		const problem = validateAccessKeyId(accessKeyId, l10n);
		if (problem !== undefined) {
			return problem;
		}
		const scheme = entry.scheme;
		if (scheme !== undefined && !MANAGEMENT_SCHEMES.includes(scheme as ManagementAuthScheme)) {
			return l10n.t('"scheme" must be management-token or signature.');
		}
		extra = { accessKeyId, ...(scheme === undefined ? {} : { scheme: scheme as ManagementAuthScheme }) };
	}
	return { host: parseServiceUrl(host), extra };
}

/**
 * A custom app's token server. A `host` is refused rather than ignored: whoever wrote one expects it to decide where
 * requests go, and for this source only `custom.url` does.
 */
function customFields(
	entry: Record<string, unknown>,
	appId: string,
	l10n: Localizer,
): { host: string; extra: SourceFields } | string {
	if (entry.host !== undefined) {
		return l10n.t('"host" does not apply to the custom source: its requests go to "custom.url". Remove "host".');
	}
	const custom = parseCustomSource(entry.custom, appId, l10n);
	if (typeof custom === 'string') {
		return custom;
	}
	return { host: parseEndpointUrl(custom.url, appId).origin, extra: { custom } };
}

function sameHost(a: string, b: string | undefined): boolean {
	if (b === undefined) {
		return false;
	}
	try {
		return parseServiceUrl(a) === parseServiceUrl(b);
	} catch (error) {
		if (TokenError.is(error, 'invalid-host')) {
			return false;
		}
		throw error;
	}
}

function stringField(entry: Record<string, unknown>, key: string): string {
	const value = entry[key];
	return typeof value === 'string' ? value.trim() : '';
}
