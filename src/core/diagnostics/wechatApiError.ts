import type { WechatRefusal } from './diagnosticTypes';

/** The errcodes that mean "this token no longer works": replaced by a newer one (40001, 40014) or expired (42001). */
export const DEAD_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/**
 * WeChat refused a diagnostics call with an errcode (48001 API not authorized, 76001 rid not found, …). Kept apart
 * from `TokenError`, whose reasons are about getting a token: here the token was had, and WeChat's answer is the news.
 */
export class WechatApiError extends Error {
	override readonly name = 'WechatApiError';

	constructor(
		/** The API path called. */
		readonly path: string,
		readonly refusal: WechatRefusal,
	) {
		super(`WeChat refused ${path}: ${refusal.errcode} ${refusal.errmsg}`.trim());
	}

	/** Whether the failure is the token's: a fresh token may pass where this one did not. */
	get tokenNoLongerWorks(): boolean {
		return DEAD_TOKEN_ERRCODES.has(this.refusal.errcode);
	}

	static is(error: unknown): error is WechatApiError {
		return error instanceof WechatApiError;
	}
}
