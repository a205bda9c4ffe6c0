import { decodeComponent, isAccessTokenKey } from './requestFile';

/** The path and query with any `access_token` parameter taken out: the token in force is added when it is sent. */
export function withoutAccessToken(pathAndQuery: string): string {
	const at = pathAndQuery.indexOf('?');
	if (at < 0) {
		return pathAndQuery;
	}
	const kept = pathAndQuery
		.slice(at + 1)
		.split('&')
		.filter((pair) => {
			const key = pair.split('=')[0] ?? '';
			return pair !== '' && !isAccessTokenKey(decodeComponent(key) ?? key);
		});
	return kept.length === 0 ? pathAndQuery.slice(0, at) : `${pathAndQuery.slice(0, at)}?${kept.join('&')}`;
}
