import { SANDBOX_WECHAT_APPS } from './fixtures';

export type CredentialCheck = { readonly appId: string } | { readonly errcode: number };

/**
 * WeChat's credential checks, in WeChat's order: missing fields first, then an unknown AppID, then a wrong secret.
 * Every token route (and Authing, which relays to WeChat) goes through here.
 */
export function checkWechatCredentials(appid: unknown, secret: unknown): CredentialCheck {
	if (typeof appid !== 'string' || appid === '') {
		return { errcode: 41002 };
	}
	if (typeof secret !== 'string' || secret === '') {
		return { errcode: 41004 };
	}
	const app = SANDBOX_WECHAT_APPS.find((candidate) => candidate.appId === appid);
	if (app === undefined) {
		return { errcode: 40013 };
	}
	if (app.appSecret !== secret) {
		return { errcode: 40125 };
	}
	return { appId: app.appId };
}
