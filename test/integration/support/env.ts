/**
 * The contract between the drivers (runInCodeServer.ts, runInDesktop.ts) and the suites that run inside the
 * extension host: environment variables set on the VS Code process, and the settings of the profile at start-up.
 */
import { DEMO_SECRETS_ENV } from '../../../src/app/demo/demoSecrets';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../sandbox/fixtures';

/** The sandbox's base URL (`http://127.0.0.1:<port>`); the sandbox runs in the driver's process. */
export const SANDBOX_URL_ENV = 'WECHAT_ACCESS_TOKEN_IT_SANDBOX_URL';

/** Two apps in the profile before start: demo seeding must fill the loopback one and refuse the other. */
export const SEEDED_LOOPBACK_APP = 'Seeded loopback';
export const SEEDED_REMOTE_APP = 'Seeded remote';

export function startupSettings(sandboxUrl: string): Record<string, unknown> {
	return {
		'wechatAccessToken.apps': [
			{
				name: SEEDED_LOOPBACK_APP,
				appId: SANDBOX_WECHAT_APP_2.appId,
				source: 'authing-management',
				host: sandboxUrl,
				accessKeyId: SANDBOX_AUTHING.accessKeyId,
			},
			// Never contacted: the tests only check that nothing was stored for it.
			{ name: SEEDED_REMOTE_APP, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable' },
		],
	};
}

export function startupEnv(sandboxUrl: string): Record<string, string> {
	return {
		[SANDBOX_URL_ENV]: sandboxUrl,
		[DEMO_SECRETS_ENV]: JSON.stringify({
			[SEEDED_LOOPBACK_APP]: {
				appSecret: SANDBOX_WECHAT_APP_2.appSecret,
				accessKeySecret: SANDBOX_AUTHING.accessKeySecret,
			},
			[SEEDED_REMOTE_APP]: { appSecret: SANDBOX_WECHAT_APP.appSecret },
		}),
	};
}
