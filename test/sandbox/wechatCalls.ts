import { SANDBOX_CALLER_IP } from './fixtures';
import type { Reply } from './reply';
import { asRecord } from './requestBody';
import type { RecordedRequest } from './state';

/** What `/cgi-bin/openapi/rid/get` tells about one failed call (PROTOCOLS.md §6). */
export interface RidRecord {
	readonly appId: string;
	/** Sandbox clock, ms. */
	readonly time: number;
	readonly costMs: number;
	/** As WeChat shows it: on its own host, with the query string the caller sent (its `access_token` included). */
	readonly requestUrl: string;
	readonly requestBody: string;
	readonly responseBody: string;
	readonly clientIp: string;
}

export interface ApiQuota {
	readonly dailyLimit: number;
	readonly used: number;
	readonly remain: number;
	readonly rateLimit?: { readonly callCount: number; readonly refreshSecond: number };
}

/**
 * Daily limits of the paths the quota endpoint knows. The real ones depend on the account (type, verification,
 * followers); these are plausible values for a verified account, and `apiDailyLimits` in the config overrides them.
 */
export const DEFAULT_DAILY_LIMITS: Readonly<Record<string, number>> = {
	'/cgi-bin/token': 2000,
	'/cgi-bin/stable_token': 10000,
	'/cgi-bin/get_api_domain_ip': 1000,
	// WeChat publishes no number for getticket ("very limited": cache the ticket); the classic token's, the other
	// credential WeChat says to fetch once and cache.
	'/cgi-bin/ticket/getticket': 2000,
	'/cgi-bin/message/custom/send': 500000,
	'/cgi-bin/message/template/send': 100000,
	'/cgi-bin/message/subscribe/send': 100000,
	'/wxa/getwxacodeunlimit': 5000000,
	// getwxacode and createwxaqrcode share a lifetime cap of 100,000 codes per account (not modelled); per day, the
	// same figure.
	'/wxa/getwxacode': 100000,
	'/cgi-bin/wxaapp/createwxaqrcode': 100000,
	// URL Links and URL Schemes: 500,000 a day each, as the quota endpoint reports them.
	'/wxa/generate_urllink': 500000,
	'/wxa/generatescheme': 500000,
	'/wxa/msg_sec_check': 4000000,
	'/cgi-bin/menu/create': 1000,
	'/cgi-bin/menu/get': 10000,
	'/cgi-bin/user/info': 5000000,
	// What the quota endpoint reports for clear_quota (community reports); the real bound is the monthly 10 resets.
	'/cgi-bin/clear_quota': 100,
};

/** `clear_quota` resets allowed per account and calendar month (Beijing time), shared with the web console. */
export const CLEAR_QUOTA_MONTHLY_LIMIT = 10;

/** Per-minute limits WeChat reports next to the daily one for a few paths. */
const RATE_LIMITS: Readonly<Record<string, { callCount: number; refreshSecond: number }>> = {
	'/cgi-bin/message/custom/send': { callCount: 5000, refreshSecond: 60 },
	'/wxa/getwxacodeunlimit': { callCount: 5000, refreshSecond: 60 },
};

/** How long WeChat keeps a rid to look up. */
export const RID_KEPT_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;
/** WeChat's quotas reset at midnight Beijing time. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const WECHAT_API_ORIGIN = 'https://api.weixin.qq.com';

/**
 * What WeChat remembers of the calls made to it: per app, path and day, how many succeeded (the quota endpoint's
 * `used`), and every failed call by its rid (the rid endpoint). Fed by the server after each WeChat answer, whoever
 * made it (a route or a fault), so a test can fail a call and then look its rid up.
 */
export class WechatCalls {
	private readonly used = new Map<string, { day: number; count: number }>();
	private readonly rids = new Map<string, RidRecord>();
	/** `clear_quota` resets used, per app: in which Beijing month, how many. */
	private readonly clears = new Map<string, { month: number; count: number }>();

	constructor(private readonly now: () => number) {}

	reset(): void {
		this.used.clear();
		this.rids.clear();
		this.clears.clear();
	}

	/**
	 * One WeChat answer to `request`, made for `appId` (undefined when the call names no app the sandbox knows: an
	 * unknown AppID or token, which WeChat could not charge to anyone either).
	 */
	observe(request: RecordedRequest, reply: Reply, appId: string | undefined, answeredAt: number): void {
		if (appId === undefined) {
			return;
		}
		// A binary answer (an image) is a success: WeChat's failures are always JSON.
		const body = typeof reply.body === 'string' ? parseJson(reply.body) : undefined;
		const errcode = body?.['errcode'];
		const failed = typeof errcode === 'number' && errcode !== 0;
		if (!failed) {
			const key = `${appId} ${request.path}`;
			const day = beijingDay(request.time);
			const entry = this.used.get(key);
			this.used.set(key, { day, count: entry !== undefined && entry.day === day ? entry.count + 1 : 1 });
			return;
		}
		const rid = typeof body?.['errmsg'] === 'string' ? /\brid:\s*([\w-]+)/.exec(body['errmsg'])?.[1] : undefined;
		if (rid === undefined) {
			return;
		}
		const query = new URLSearchParams(request.query).toString();
		this.rids.set(rid, {
			appId,
			time: request.time,
			costMs: Math.max(0, answeredAt - request.time),
			requestUrl: `${WECHAT_API_ORIGIN}${request.path}${query === '' ? '' : `?${query}`}`,
			requestBody: request.rawBody,
			responseBody: typeof reply.body === 'string' ? reply.body : `<${reply.body.length} bytes>`,
			clientIp: SANDBOX_CALLER_IP,
		});
	}

	/** The quota of `path` for `appId` today, or undefined for a path the quota endpoint does not know. */
	quota(appId: string, path: string, limits: Readonly<Record<string, number>>): ApiQuota | undefined {
		const dailyLimit = limits[path] ?? DEFAULT_DAILY_LIMITS[path];
		if (dailyLimit === undefined) {
			return undefined;
		}
		const entry = this.used.get(`${appId} ${path}`);
		const used = entry !== undefined && entry.day === beijingDay(this.now()) ? entry.count : 0;
		const rateLimit = RATE_LIMITS[path];
		return { dailyLimit, used, remain: Math.max(0, dailyLimit - used), ...(rateLimit ? { rateLimit } : {}) };
	}

	/**
	 * `clear_quota` for `appId`: forgets what the app used today on every path, and uses one of its resets of the
	 * month. False, changing nothing, when the month's resets are spent.
	 */
	clearQuota(appId: string): boolean {
		const month = beijingMonth(this.now());
		const used = this.clearQuotaCount(appId);
		if (used >= CLEAR_QUOTA_MONTHLY_LIMIT) {
			return false;
		}
		for (const key of [...this.used.keys()]) {
			if (key.startsWith(`${appId} `)) {
				this.used.delete(key);
			}
		}
		this.clears.set(appId, { month, count: used + 1 });
		return true;
	}

	/** The `clear_quota` resets `appId` used this calendar month, Beijing time. */
	clearQuotaCount(appId: string): number {
		const entry = this.clears.get(appId);
		return entry !== undefined && entry.month === beijingMonth(this.now()) ? entry.count : 0;
	}

	/** A failed call of `appId` by its rid, while WeChat still keeps it. */
	rid(rid: string, appId: string): RidRecord | undefined {
		const record = this.rids.get(rid);
		return record !== undefined && record.appId === appId && this.now() - record.time < RID_KEPT_MS
			? record
			: undefined;
	}
}

function beijingDay(time: number): number {
	return Math.floor((time + BEIJING_OFFSET_MS) / DAY_MS);
}

/** Months since January 1970, in Beijing time. */
function beijingMonth(time: number): number {
	const date = new Date(time + BEIJING_OFFSET_MS);
	return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function parseJson(text: string): Readonly<Record<string, unknown>> | undefined {
	try {
		return asRecord(JSON.parse(text));
	} catch {
		return undefined;
	}
}
