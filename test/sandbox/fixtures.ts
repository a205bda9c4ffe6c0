/**
 * Credentials the sandbox knows. They are fake and only ever work against the sandbox, so printing them (the CLI does)
 * or checking them in is fine. Their shapes match the real ones, so the extension's input validation accepts them.
 */

/** A WeChat app: `wx` + 16 lowercase hex characters, and a 32-hex-character AppSecret. */
export const SANDBOX_WECHAT_APP = {
	appId: 'wx4fc0121bbdb516e8',
	appSecret: '134897a5cd8f579dae62e3c7d81c7bf3',
} as const;

/** A second WeChat app, so tests can check that tokens and quotas are kept per app. */
export const SANDBOX_WECHAT_APP_2 = {
	appId: 'wx9c3c2fcdb21c55cd',
	appSecret: '174f7b82617849371553b7e2c9806e23',
} as const;

export const SANDBOX_WECHAT_APPS: readonly { readonly appId: string; readonly appSecret: string }[] = [
	SANDBOX_WECHAT_APP,
	SANDBOX_WECHAT_APP_2,
];

/**
 * The Authing side. IDs are 24 hex characters like Authing's (MongoDB ObjectIds). `accessKeyId` deliberately differs
 * from `userPoolId`, so a client that sends the key ID where the management token's `scoped_userpool_id` belongs is
 * caught.
 */
export const SANDBOX_AUTHING = {
	authingAppId: '93c36fec1c263cb0c5af2af9',
	userPoolId: '55c501bf50733366a45615de',
	accessKeyId: '46bb4dee78106d4f83728780',
	accessKeySecret: '854e165b8f6e4afeaa69759955cff36a',
	userAccessToken: 'sandbox-user-access-token-7d0f2c9a41b8e365',
} as const;

/**
 * The caller IP WeChat names in IP-whitelist errors (40164, 61004, 895xx). A documentation address (TEST-NET-3)
 * rather than 127.0.0.1, so tests can check the client extracts it from the message.
 */
export const SANDBOX_CALLER_IP = '203.0.113.7';

/**
 * The keys of the sandbox's two team token servers (`/team/…`, see README.md): what a team's own server checks before
 * it hands out the central token it holds.
 */
export const SANDBOX_TEAM = {
	/** `GET /team/wechat/token?appid=…` wants `X-Team-Key: <key>` and answers like WeChat. */
	wechatStyleKey: 'team-key-5c1e9a7f3b2d4068a1e7',
	/** `POST /team/api/token` wants `Authorization: Bearer <token>` and answers `{code, message, data}`. */
	envelopeBearerToken: 'team-bearer-8d4f2a6c9e1b3570b2c4',
} as const;
