import type { TokenSourceKind } from '../../core/tokenTypes';

/**
 * Which secrets an app's configuration calls for: the fields each source needs, in the order the user is asked for
 * them. Where they are kept is credentials/secretKeys.ts.
 */

export const SECRET_FIELDS = ['appSecret', 'accessKeySecret', 'userAccessToken', 'authHeaderValue'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export interface SecretFieldSpec {
	readonly field: SecretField;
	/** Without it no token can be had; optional ones are sent only when present. */
	readonly required: boolean;
	/** `authHeaderValue`: the header the value is sent in, for the password box to name. */
	readonly headerName?: string;
}

const FIELDS_BY_SOURCE: { readonly [K in Exclude<TokenSourceKind, 'custom'>]: readonly SecretFieldSpec[] } = {
	authing: [
		{ field: 'appSecret', required: true },
		{ field: 'userAccessToken', required: false },
	],
	'authing-management': [
		{ field: 'appSecret', required: true },
		{ field: 'accessKeySecret', required: true },
	],
	'wechat-stable': [{ field: 'appSecret', required: true }],
	wechat: [{ field: 'appSecret', required: true }],
};

/** What decides an app's secrets: its source, and for `custom` whether it names an auth header. */
export interface SecretBearer {
	readonly source: TokenSourceKind;
	readonly custom?: { readonly authHeader?: string };
}

/**
 * The secrets an app uses, in the order the user is asked for them. A custom token server holds the AppSecret itself:
 * its apps need at most the value of their auth header, and none when they name no header.
 */
export function secretFieldsOf(app: SecretBearer): readonly SecretFieldSpec[] {
	if (app.source !== 'custom') {
		return FIELDS_BY_SOURCE[app.source];
	}
	const headerName = app.custom?.authHeader;
	return headerName === undefined ? [] : [{ field: 'authHeaderValue', required: true, headerName }];
}
