import { SANDBOX_TEAM } from './fixtures';

/**
 * The extension's `custom` settings that read the sandbox's two team token servers, as a user would write them in
 * `wechatAccessToken.apps`, and the auth header values to store as their secrets. Shared by the unit, integration and
 * e2e tests and the demo.
 */

/** `GET /team/wechat/token`: WeChat's own answer, the team key in `X-Team-Key`. */
export function teamWechatStyleSettings(sandboxUrl: string) {
	return {
		url: `${sandboxUrl}/team/wechat/token?appid=\${appId}`,
		method: 'GET',
		authHeader: 'X-Team-Key',
		tokenPath: 'access_token',
		expiresInPath: 'expires_in',
		success: { path: 'errcode', equals: 0, orAbsent: true },
	} as const;
}

/** `POST /team/api/token`: the `{code, message, data: {token, expireAt}}` envelope, a bearer token. */
export function teamEnvelopeSettings(sandboxUrl: string) {
	return {
		url: `${sandboxUrl}/team/api/token`,
		method: 'POST',
		body: { appId: '${appId}' },
		authHeader: 'Authorization',
		tokenPath: 'data.token',
		expiresAtPath: 'data.expireAt',
		success: { path: 'code', equals: 0 },
	} as const;
}

/** The value of each server's auth header: the secret the user enters with "Set WeChat App Credentials…". */
export const TEAM_AUTH_HEADER_VALUES = {
	wechatStyle: SANDBOX_TEAM.wechatStyleKey,
	envelope: `Bearer ${SANDBOX_TEAM.envelopeBearerToken}`,
} as const;
