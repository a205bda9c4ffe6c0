import { TokenError } from '../../core/errors';
import { parseServiceUrl } from '../../core/http/serviceUrl';
import type { TokenSourceKind } from '../../core/tokenTypes';
import type { WechatApp } from './appConfig';
import { DEFAULT_HOSTS } from './appConfig';

/**
 * Where a call made with the token goes (the curl, token diagnostics): a WeChat source's own host (a regional or proxy host stays the one the token came from), else
 * the setting. A setting that is not a safe address by the rule for every request (`parseServiceUrl`: plain http to
 * anything but 127.0.0.1 or localhost, user info…) is not used: the token would travel in the URL. WeChat's
 * host is used instead.
 */
export function wechatApiBaseUrl(app: Pick<WechatApp, 'source' | 'host'>, wechatApiHost: string): string {
	if (isWechatSource(app.source)) {
		return app.host;
	}
	try {
		return parseServiceUrl(wechatApiHost);
	} catch (error) {
		if (TokenError.is(error, 'invalid-host')) {
			return WECHAT_API_HOST;
		}
		throw error;
	}
}

const WECHAT_API_HOST = DEFAULT_HOSTS.wechat ?? 'https://api.weixin.qq.com';

function isWechatSource(source: TokenSourceKind): boolean {
	return source === 'wechat' || source === 'wechat-stable';
}
