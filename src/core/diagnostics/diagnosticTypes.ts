/** What the WeChat diagnostics calls answer (PROTOCOLS.md §6), as plain data for the app layer and other extensions. */

/** WeChat's own refusal of a call: its errcode, its words and the rid it gave the call. */
export interface WechatRefusal {
	readonly errcode: number;
	readonly errmsg: string;
	readonly rid?: string;
}

/** Whether WeChat accepts a token right now (`GET /cgi-bin/get_api_domain_ip`, which has no side effects). */
export type TokenCheck =
	| { readonly works: true; readonly checkedAt: number }
	/** 40001, 40014 or 42001: the token no longer works (replaced by a newer one, or expired). */
	| { readonly works: false; readonly checkedAt: number; readonly refusal: WechatRefusal };

/** An API's daily quota for the app (`POST /cgi-bin/openapi/quota/get`). */
export interface ApiQuota {
	/** The API path asked about, e.g. `/cgi-bin/message/custom/send`. */
	readonly path: string;
	readonly dailyLimit: number;
	readonly used: number;
	readonly remain: number;
	/** A per-interval limit, when WeChat reports one for the path. */
	readonly rateLimit?: { readonly callCount: number; readonly refreshSeconds: number };
	readonly checkedAt: number;
}

/**
 * What WeChat recorded of the call a rid names (`POST /cgi-bin/openapi/rid/get`). Any access token in the URL is
 * masked and known secrets in the body blanked before it leaves the client.
 */
export interface RidReport {
	readonly rid: string;
	/** When the call was made, ms since the epoch (WeChat gives seconds). */
	readonly invokedAt: number;
	readonly costMs: number;
	readonly requestUrl: string;
	readonly requestBody: string;
	readonly responseBody: string;
	readonly clientIp: string;
}
