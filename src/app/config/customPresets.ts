import type { CustomSourceConfig } from './customSourceConfig';
import type { Localizer } from '../ports/localizer';

/** What "Add WeChat App…" fills in for a custom token server, by the shape of its answer. Editable in the settings. */
export type CustomPresetFields = Omit<CustomSourceConfig, 'url' | 'authHeader'>;

export interface CustomPreset {
	readonly id: 'wechat' | 'code-envelope' | 'authing-envelope';
	readonly label: string;
	/** The answer's shape, as JSON a user recognizes. */
	readonly shape: string;
	/** The method and the success rule, in words. */
	readonly detail: string;
	readonly fields: CustomPresetFields;
}

/**
 * The answers team token servers commonly give: WeChat's own (passed on as is), a `code` envelope, and Authing's
 * envelope. Every field is written out, so the settings show what to change when a server differs.
 */
export function customPresets(l10n: Localizer): readonly CustomPreset[] {
	return [
		{
			id: 'wechat',
			label: l10n.t('WeChat’s own answer'),
			shape: '{ access_token, expires_in }',
			detail: l10n.t(
				'GET; success when errcode is absent or 0. For servers that pass on WeChat’s answer as it is.',
			),
			fields: {
				method: 'GET',
				tokenPath: 'access_token',
				expiresInPath: 'expires_in',
				success: { path: 'errcode', equals: 0, orAbsent: true },
			},
		},
		{
			id: 'code-envelope',
			label: l10n.t('Envelope with a code'),
			shape: '{ code: 0, message, data: { access_token, expires_in } }',
			detail: l10n.t('GET; success when code is 0; otherwise the server’s message is shown.'),
			fields: {
				method: 'GET',
				tokenPath: 'data.access_token',
				expiresInPath: 'data.expires_in',
				success: { path: 'code', equals: 0 },
			},
		},
		{
			id: 'authing-envelope',
			label: l10n.t('Authing-style envelope'),
			shape: '{ statusCode: 200, message, data: { accessToken, expiresAt } }',
			detail: l10n.t('POST with {"appId": …}; success when statusCode is 200; expiresAt is a Unix time.'),
			fields: {
				method: 'POST',
				body: { appId: '${appId}' },
				tokenPath: 'data.accessToken',
				expiresAtPath: 'data.expiresAt',
				success: { path: 'statusCode', equals: 200 },
			},
		},
	];
}
