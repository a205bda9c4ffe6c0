import { parseServiceUrl } from './http/serviceUrl';
import type { TokenRequest } from './tokenTypes';

/**
 * What makes two requests ask for the same token: the source, where it goes, and the ids it names. Secrets are not
 * part of it. Used as the token cache key, and by the extension to bind stored secrets to where they may be sent.
 * The host is normalized first, so `https://API.weixin.qq.com/` and `https://api.weixin.qq.com` are one identity.
 */
export function requestIdentity(request: Pick<TokenRequest, 'source' | 'host' | 'appId'> & { authingAppId?: string; accessKeyId?: string }): string {
	const parts = [request.source, parseServiceUrl(request.host), request.appId];
	if (request.authingAppId) {
		parts.push(`authing-app:${request.authingAppId}`);
	}
	if (request.accessKeyId) {
		parts.push(`access-key:${request.accessKeyId}`);
	}
	return parts.join('|');
}
