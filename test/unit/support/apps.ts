import type { WechatApp, WechatAppConfig } from '../../../src/app/config/appConfig';
import { parseApps } from '../../../src/app/config/appConfig';
import type { TokenSourceKind } from '../../../src/core/tokenTypes';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import { TEAM_AUTH_HEADER_VALUES, teamEnvelopeSettings } from '../../sandbox/teamSettings';
import { englishL10n } from './englishL10n';

/**
 * A configured app of `source` that the sandbox at `host` accepts, resolved as the settings would resolve it. A
 * `custom` app reads the sandbox's team envelope server (`POST /team/api/token`) at `host`.
 */
export function sandboxApp(source: TokenSourceKind, host: string, overrides: Partial<WechatAppConfig> = {}): WechatApp {
	const entry: WechatAppConfig = {
		name: `${source} app`,
		appId: SANDBOX_WECHAT_APP.appId,
		source,
		...(source === 'custom' ? { custom: teamEnvelopeSettings(host) } : { host }),
		...(source === 'authing' ? { authingAppId: SANDBOX_AUTHING.authingAppId } : {}),
		...(source === 'authing-management' ? { accessKeyId: SANDBOX_AUTHING.accessKeyId } : {}),
		...overrides,
	};
	const { apps, problems } = parseApps([entry], englishL10n);
	const app = apps[0];
	if (app === undefined) {
		throw new Error(`not a valid app: ${JSON.stringify(problems)}`);
	}
	return app;
}

/** The secrets the sandbox accepts for `source` (for `custom`: the team envelope server's bearer token). */
export function sandboxSecrets(source: TokenSourceKind): {
	appSecret?: string;
	accessKeySecret?: string;
	authHeaderValue?: string;
} {
	if (source === 'custom') {
		return { authHeaderValue: TEAM_AUTH_HEADER_VALUES.envelope };
	}
	return {
		appSecret: SANDBOX_WECHAT_APP.appSecret,
		...(source === 'authing-management' ? { accessKeySecret: SANDBOX_AUTHING.accessKeySecret } : {}),
	};
}
