import type { TokenRequest } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { CredentialError } from '../errors/appErrors';
import type { AppSecrets } from '../credentials/credentialStore';
import { toCustomEndpoint } from '../config/customSourceConfig';
import { secretFieldsOf } from '../config/secretFields';

export interface TokenRequestOptions {
	/** `wechat` only: the user opted in to the classic endpoint, which invalidates other servers' tokens. */
	readonly classicAcknowledged?: boolean;
	/** `wechat-stable` only: the user confirmed a forced refresh (20 a day, invalidates everyone's token). */
	readonly forceNewStableToken?: boolean;
}

/** The core request for an app and its stored secrets. Throws `credentials-missing` naming what is not stored. */
export function toTokenRequest(app: WechatApp, secrets: AppSecrets, options: TokenRequestOptions = {}): TokenRequest {
	const missing = secretFieldsOf(app)
		.filter(({ field, required }) => required && secrets[field] === undefined)
		.map(({ field }) => field);
	if (missing.length > 0) {
		throw new CredentialError(
			'credentials-missing',
			`No ${missing.join(', ')} stored for "${app.name}" at ${app.host}.`,
			missing,
		);
	}
	if (app.source === 'custom') {
		if (app.custom === undefined) {
			throw new Error(
				`"${app.name}" is a custom app without its "custom" settings; the settings check should have refused it.`,
			);
		}
		return {
			source: 'custom',
			appId: app.appId,
			custom: toCustomEndpoint(app.custom),
			...(secrets.authHeaderValue === undefined ? {} : { authHeaderValue: secrets.authHeaderValue }),
		};
	}
	const base = { appId: app.appId, appSecret: secrets.appSecret ?? '', host: app.host };
	switch (app.source) {
		case 'authing':
			return {
				...base,
				source: 'authing',
				authingAppId: app.authingAppId ?? '',
				...(secrets.userAccessToken === undefined ? {} : { userAccessToken: secrets.userAccessToken }),
			};
		case 'authing-management':
			return {
				...base,
				source: 'authing-management',
				accessKeyId: app.accessKeyId ?? '',
				accessKeySecret: secrets.accessKeySecret ?? '',
				...(app.scheme === undefined ? {} : { scheme: app.scheme }),
			};
		case 'wechat-stable':
			return { ...base, source: 'wechat-stable', forceNewStableToken: options.forceNewStableToken === true };
		case 'wechat':
			return {
				...base,
				source: 'wechat',
				invalidatesOtherTokensAcknowledged: options.classicAcknowledged === true,
			};
	}
}
