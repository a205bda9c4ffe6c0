import { TokenError } from '../../core/errors';
import { parseEndpointUrl } from '../../core/http/endpointUrl';
import { isUsableAuthHeaderName, isUsableHeaderValue } from '../../core/http/headerNames';
import { parseServiceUrl } from '../../core/http/serviceUrl';
import type { Localizer } from '../ports/localizer';

/**
 * Checks for what users type into input boxes and settings. Each returns a localized message saying what is wrong,
 * or `undefined` when the value is fine. Values are judged trimmed; callers store them trimmed.
 */

/** `wx` + 16 hexadecimal characters, the form of every Official Account and Mini Program AppID. */
export const APP_ID_PATTERN = /^wx[0-9a-f]{16}$/;
/** WeChat shows AppSecrets as 32 hexadecimal characters. */
export const APP_SECRET_PATTERN = /^[0-9a-fA-F]{32}$/;

/** App names are compared trimmed and case-insensitively, so "Shop" and "shop " cannot both exist. */
export function sameAppName(a: string, b: string): boolean {
	return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

export function validateAppName(value: string, existingNames: readonly string[], l10n: Localizer): string | undefined {
	const name = value.trim();
	if (name === '') {
		return l10n.t('Enter a name for the app.');
	}
	if (existingNames.some((existing) => sameAppName(existing, name))) {
		return l10n.t({
			message: 'An app named “{0}” already exists.',
			args: [name],
			comment: ['{0} is the app name'],
		});
	}
	return undefined;
}

export function validateAppId(value: string, l10n: Localizer): string | undefined {
	return APP_ID_PATTERN.test(value.trim())
		? undefined
		: l10n.t('An AppID is “wx” followed by 16 lowercase hexadecimal characters, e.g. wx1234567890abcdef.');
}

export function validateAppSecret(value: string, l10n: Localizer): string | undefined {
	return APP_SECRET_PATTERN.test(value.trim()) ? undefined : l10n.t('An AppSecret is 32 hexadecimal characters.');
}

/** Where credentials will be sent: the core's own rules (https, or http to 127.0.0.1 or localhost only; no user info, query or fragment). */
export function validateHost(value: string, l10n: Localizer): string | undefined {
	try {
		parseServiceUrl(value);
		return undefined;
	} catch (error) {
		if (TokenError.is(error, 'invalid-host')) {
			return l10n.t(
				'Enter an https:// address such as https://api.weixin.qq.com (http:// only to 127.0.0.1 or localhost), without user name, query or fragment.',
			);
		}
		throw error;
	}
}

/**
 * A custom token server's URL: the rules of `validateHost`, plus a query, and `${appId}` as the only placeholder. It is
 * checked with the app's AppID filled in (a sample one while the AppID is not known yet).
 */
export function validateEndpointUrl(value: string, appId: string, l10n: Localizer): string | undefined {
	try {
		parseEndpointUrl(value, appId);
		return undefined;
	} catch (error) {
		if (TokenError.is(error, 'invalid-host')) {
			return l10n.t(
				'Enter an https:// address such as https://tokens.example.com/wechat/token?appid=${appId} (http:// only to 127.0.0.1 or localhost), without user name or fragment. ${appId} is the only placeholder.',
			);
		}
		throw error;
	}
}

/** The name of the header a custom token server's secret goes in; not one the request itself needs. */
export function validateAuthHeaderName(value: string, l10n: Localizer): string | undefined {
	return isUsableAuthHeaderName(value.trim())
		? undefined
		: l10n.t(
				'Enter a header name such as Authorization or X-Api-Key: letters, digits and dashes, and not Host, Content-Type or another header the request itself needs.',
			);
}

/** The secret value of that header, e.g. `Bearer …`: one line of visible ASCII, as HTTP headers carry. */
export function validateAuthHeaderValue(value: string, l10n: Localizer): string | undefined {
	return isUsableHeaderValue(value.trim())
		? undefined
		: l10n.t('Enter the header’s value, e.g. Bearer followed by your key: one line of visible ASCII characters.');
}

export function validateAuthingAppId(value: string, l10n: Localizer): string | undefined {
	if (!isSingleWord(value)) {
		return l10n.t('Enter the Authing application ID, without spaces.');
	}
	const character = firstNonAsciiCharacter(value);
	return character === undefined
		? undefined
		: l10n.t({
				message: 'The Authing application ID can only have ASCII letters, digits and punctuation: remove {0}.',
				args: [nameOfCharacter(character)],
				comment: ['{0} names one character, e.g. “中” (U+4E2D), or U+200B for an invisible one'],
			});
}

export function validateAccessKeyId(value: string, l10n: Localizer): string | undefined {
	if (!isSingleWord(value)) {
		return l10n.t('Enter the access key ID, without spaces.');
	}
	const character = firstNonAsciiCharacter(value);
	return character === undefined
		? undefined
		: l10n.t({
				message: 'The access key ID can only have ASCII letters, digits and punctuation: remove {0}.',
				args: [nameOfCharacter(character)],
				comment: ['{0} names one character, e.g. “中” (U+4E2D), or U+200B for an invisible one'],
			});
}

export function validateAccessKeySecret(value: string, l10n: Localizer): string | undefined {
	return isSingleWord(value) ? undefined : l10n.t('Enter the access key secret, without spaces.');
}

/** A user access token may be pasted with its `Bearer ` prefix; the client sends the standard form either way. */
export function validateUserAccessToken(value: string, l10n: Localizer): string | undefined {
	const token = value.trim().replace(/^bearer\s+/i, '');
	if (!isSingleWord(token)) {
		return l10n.t('Enter the user access token, without spaces.');
	}
	const character = firstNonAsciiCharacter(token);
	return character === undefined
		? undefined
		: l10n.t({
				// A secret: the character is named by its code point only, never shown.
				message:
					'The user access token can only have ASCII letters, digits and punctuation: remove the character {0}.',
				args: [codePointOf(character)],
				comment: ['{0} is a Unicode code point, e.g. U+4E2D'],
			});
}

function isSingleWord(value: string): boolean {
	return /^\S+$/.test(value.trim());
}

/**
 * The first character of `value` that is not visible ASCII. Authing's IDs and the user token go in request headers
 * (`x-authing-app-id`, `authorization`, the signature's `authorization` with the access key ID), which carry visible
 * ASCII only: Node refuses anything beyond Latin-1 ("Invalid character in header content"), the axios in use removes
 * it without a word (so another ID than the one typed is sent), and a Latin-1 letter goes as a byte no server expects.
 * Authing's IDs and tokens are ASCII, so such a character is a typing or pasting slip, said as it is typed.
 */
function firstNonAsciiCharacter(value: string): string | undefined {
	return Array.from(value.trim()).find((character) => !/^[\x21-\x7e]$/.test(character));
}

/** The character itself in quotes and its code point; an invisible one (zero-width space, control) by its code point only. */
function nameOfCharacter(character: string): string {
	return /^[\p{C}\p{Z}]$/u.test(character) ? codePointOf(character) : `“${character}” (${codePointOf(character)})`;
}

function codePointOf(character: string): string {
	return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
