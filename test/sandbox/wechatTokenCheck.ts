import type { RouteContext } from './routeContext';

/**
 * The `access_token` of a WeChat API call, checked as every WeChat API checks it: the app it belongs to, or WeChat's
 * errcode (41001 missing, 42001 expired, 40001 invalidated by a newer token or never issued).
 */
export function tokenOwner(context: RouteContext): { readonly appId: string } | { readonly errcode: number } {
	const token = context.request.query.access_token;
	if (token === undefined || token === '') {
		return { errcode: 41001 };
	}
	switch (context.state.wechat.status(token)) {
		case 'valid':
			return { appId: context.state.wechat.owner(token) as string };
		case 'expired':
			return { errcode: 42001 };
		case 'invalidated':
		case 'unknown':
			return { errcode: 40001 };
	}
}
