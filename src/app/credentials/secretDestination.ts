import type { WechatApp } from '../config/appConfig';
import { customEndpointUrl } from '../config/customSourceConfig';

/**
 * Where an app's secrets are sent, as password boxes and the reuse question name it: the host, or a custom app's
 * whole URL (its secret is bound to the URL, not only to the server's origin).
 */
export function secretDestination(app: WechatApp): string {
	return app.source === 'custom' && app.custom !== undefined ? customEndpointUrl(app.custom, app.appId) : app.host;
}
