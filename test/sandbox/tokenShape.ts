import type { RouteContext } from './routeContext';

/**
 * Writes a token and its expiry into a response body, bent by `token` and `expiry-format` faults. Authing states the
 * expiry as an absolute time (`expiresAt`, Unix seconds on its own clock); WeChat and the management token as a
 * lifetime (`expires_in`, seconds).
 */
export interface TokenFields {
	readonly tokenKey: string;
	readonly token: string;
	readonly expiryKey: string;
	readonly expiry: 'absolute' | 'relative';
	/** When the token really expires, on the sandbox clock, ms. */
	readonly expiresAtMs: number;
}

export function shapeToken(context: RouteContext, fields: TokenFields): Record<string, unknown> {
	const out: Record<string, unknown> = {};

	const tokenFault = context.takeFault('token');
	switch (tokenFault?.value) {
		case undefined:
			out[fields.tokenKey] = fields.token;
			break;
		case 'number':
			out[fields.tokenKey] = 1234567890;
			break;
		case 'empty':
			out[fields.tokenKey] = '';
			break;
		case 'missing':
			break;
		case 'literal':
			out[fields.tokenKey] = tokenFault.text;
			break;
	}

	const expiry = expiryValue(context, fields);
	if (expiry !== undefined) {
		out[fields.expiryKey] = expiry;
	}
	return out;
}

function expiryValue(context: RouteContext, fields: TokenFields): number | string | undefined {
	const serverExpiresAtMs = fields.expiresAtMs + context.skewMs;
	const absoluteSeconds = Math.floor(serverExpiresAtMs / 1000);
	const relativeSeconds = Math.round((fields.expiresAtMs - context.now) / 1000);
	const natural = fields.expiry === 'absolute' ? absoluteSeconds : relativeSeconds;

	const format = context.takeFault('expiry-format')?.format ?? 'number';
	switch (format) {
		case 'number':
			return natural;
		case 'string':
			return String(natural);
		case 'ms':
			return fields.expiry === 'absolute' ? serverExpiresAtMs : relativeSeconds * 1000;
		case 'iso':
			return new Date(serverExpiresAtMs).toISOString();
		case 'missing':
			return undefined;
		case 'past':
			return fields.expiry === 'absolute' ? Math.floor((context.now + context.skewMs) / 1000) - 60 : -60;
		case 'garbage':
			return 'in two hours';
	}
}
