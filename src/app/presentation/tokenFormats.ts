import type { WechatApp } from '../config/appConfig';
import type { Localizer } from '../ports/localizer';
import { maskToken } from '../tokens/maskToken';
import { wechatApiBaseUrl } from '../config/wechatApiBaseUrl';

/** The shapes "Copy WeChat Access Token As…" writes, in the order the picker lists them. Ids are stable (links, tests). */
export const TOKEN_FORMAT_IDS = ['raw', 'query', 'curl', 'json'] as const;
export type TokenFormatId = (typeof TOKEN_FORMAT_IDS)[number];

export function isTokenFormatId(value: unknown): value is TokenFormatId {
	return typeof value === 'string' && (TOKEN_FORMAT_IDS as readonly string[]).includes(value);
}

/** The part of a token the formats use. */
export interface FormattableToken {
	readonly accessToken: string;
	readonly expiresAt: number;
}

export interface TokenFormatContext {
	readonly app: Pick<WechatApp, 'source' | 'host'>;
	readonly now: number;
	/** The `wechatApiHost` setting: where the curl goes for apps whose own host is not WeChat's API. */
	readonly wechatApiHost: string;
}

/** WeChat's cheapest API that needs a token: answers `{ ip_list }` while the token works, an errcode otherwise. */
export const CURL_CHECK_PATH = '/cgi-bin/get_api_domain_ip';

/**
 * How the token appears in each context: raw, URL-encoded, or as a JSON string. A preview fills all three with the
 * masked token instead, so the same templates render what the picker shows.
 */
interface TokenSlots {
	readonly plain: string;
	readonly url: string;
	readonly json: string;
	readonly expiresIn: string;
}

const TEMPLATES: { readonly [K in TokenFormatId]: (slots: TokenSlots, curlBase: string) => string } = {
	raw: (slots) => slots.plain,
	query: (slots) => `access_token=${slots.url}`,
	curl: (slots, curlBase) => `curl -sS ${shellQuote(`${curlBase}${CURL_CHECK_PATH}?access_token=${slots.url}`)}`,
	// The shape WeChat's token endpoint answers with, so it can stand in for that answer in fixtures and mocks.
	json: (slots) => `{"access_token":${slots.json},"expires_in":${slots.expiresIn}}`,
};

/** The text to put on the clipboard. */
export function formatToken(id: TokenFormatId, token: FormattableToken, context: TokenFormatContext): string {
	const slots: TokenSlots = {
		plain: token.accessToken,
		url: encodeURIComponent(token.accessToken),
		json: JSON.stringify(token.accessToken),
		expiresIn: String(expiresInSeconds(token.expiresAt, context.now)),
	};
	return TEMPLATES[id](slots, wechatApiBaseUrl(context.app, context.wechatApiHost));
}

/**
 * The same text with the token masked (`abcd…wxyz`, or dots when no token is known yet), for the picker. Safe to show:
 * nothing in it can be used as a token.
 */
export function previewToken(
	id: TokenFormatId,
	token: FormattableToken | undefined,
	context: TokenFormatContext,
): string {
	const masked = maskToken(token?.accessToken ?? '');
	const slots: TokenSlots = {
		plain: masked,
		url: masked,
		json: `"${masked}"`,
		expiresIn: token === undefined ? '…' : String(expiresInSeconds(token.expiresAt, context.now)),
	};
	return TEMPLATES[id](slots, wechatApiBaseUrl(context.app, context.wechatApiHost));
}

/** Whole seconds left, rounded down (a token is never said to last longer than it does), never negative. */
export function expiresInSeconds(expiresAt: number, now: number): number {
	return Math.max(0, Math.floor((expiresAt - now) / 1000));
}

/**
 * One word for a POSIX shell (sh, bash, zsh; Git Bash on Windows): single quotes, inside which nothing is special
 * except the single quote itself, written as `'\''`.
 */
export function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The picker's label for each format; the info message after copying names it too. */
export function tokenFormatLabel(id: TokenFormatId, l10n: Localizer): string {
	switch (id) {
		case 'raw':
			return l10n.t('Token only');
		case 'query':
			return l10n.t('Query parameter');
		case 'curl':
			return l10n.t('curl command');
		case 'json':
			return l10n.t('JSON');
	}
}

/** What each format is for, in a few words. */
export function tokenFormatPurpose(id: TokenFormatId, l10n: Localizer): string {
	switch (id) {
		case 'raw':
			return l10n.t('the access_token itself');
		case 'query':
			return l10n.t('to append to an API URL');
		case 'curl':
			return l10n.t('checks the token with WeChat’s get_api_domain_ip API');
		case 'json':
			return l10n.t('as WeChat’s token endpoint answers, with the seconds left');
	}
}
