import type { TokenErrorReason } from '../errors';
import { TokenError } from '../errors';

/** WeChat's error codes for the token endpoints (PROTOCOLS.md §4) and what the user can do about each. */
const REASON_BY_ERRCODE: ReadonlyMap<number, TokenErrorReason> = new Map<number, TokenErrorReason>([
	[-1, 'server-error'],
	[40001, 'invalid-app-secret'],
	[40125, 'invalid-app-secret'],
	[41004, 'invalid-app-secret'],
	[40013, 'invalid-app-id'],
	[41002, 'invalid-app-id'],
	[40164, 'ip-not-whitelisted'],
	[61004, 'ip-not-whitelisted'],
	[40243, 'frozen'],
	[50004, 'frozen'],
	[50007, 'frozen'],
	[45009, 'quota-exceeded'],
	[45011, 'rate-limited'],
	[89501, 'ip-awaiting-confirmation'],
	[89503, 'ip-awaiting-confirmation'],
	[89506, 'ip-refused'],
	[89507, 'ip-refused'],
]);

/** How much of a relayed message is searched for an errcode and keywords. */
const MAX_RELAYED_MESSAGE_CHARS = 2048;

/**
 * Words in errmsg, for Authing's relayed failures, which carry WeChat's errmsg but not always its errcode.
 * Order matters: the first match wins.
 */
const REASON_BY_KEYWORD: ReadonlyArray<readonly [RegExp, TokenErrorReason]> = [
	[/admin(istrator)? refused|管理员拒绝/i, 'ip-refused'],
	[/admin(istrator)?\b.*\bconfirm|管理员确认/i, 'ip-awaiting-confirmation'],
	[/not in whitelist|whitelist|clientip is not registered|白名单/i, 'ip-not-whitelisted'],
	[/invalid appsecret|appsecret missing|invalid credential/i, 'invalid-app-secret'],
	[/invalid appid|appid missing/i, 'invalid-app-id'],
	[/freq limit|minute-quota|minute quota/i, 'rate-limited'],
	[/daily quota|api daily|reach max api/i, 'quota-exceeded'],
	[/frozen|freez|冻结|forbid/i, 'frozen'],
];

export function wechatErrorFromCode(errcode: number, errmsg: string, now: number, httpStatus?: number): TokenError {
	const reason = REASON_BY_ERRCODE.get(errcode) ?? 'rejected';
	return new TokenError(reason, `WeChat refused the request: ${errcode} ${errmsg}`.trim(), {
		errcode,
		upstreamMessage: errmsg,
		...optional('requestId', parseRid(errmsg)),
		...optional('ip', parseCallerIp(errmsg)),
		...optional('retryAfterMs', errcode === 45011 ? msUntilNextMinute(now) : undefined),
		...optional('httpStatus', httpStatus),
	});
}

/** A WeChat failure relayed in another service's message: by errcode when it names one, else by its words. */
export function relayedWechatReason(message: string): { reason: TokenErrorReason; errcode?: number } | undefined {
	// WeChat's errmsgs are one short line. Only the start is read: the keyword patterns take time quadratic in the
	// length, and a 256 KiB message of "admin admin …" froze the extension host for seconds (property tests, issue 6).
	const text = message.slice(0, MAX_RELAYED_MESSAGE_CHARS);
	const codeMatch = /errcode["'\s:=]+(-?\d+)/i.exec(text);
	// 20 digits are no errcode; they would only show as a rounded number (property tests, issue 6).
	const errcode = codeMatch && Number.isSafeInteger(Number(codeMatch[1])) ? Number(codeMatch[1]) : undefined;
	if (errcode !== undefined && REASON_BY_ERRCODE.has(errcode)) {
		return { reason: REASON_BY_ERRCODE.get(errcode) as TokenErrorReason, errcode };
	}
	const keyword = REASON_BY_KEYWORD.find(([pattern]) => pattern.test(text));
	return keyword ? { reason: keyword[1], ...optional('errcode', errcode) } : undefined;
}

/** `... rid: 6543a1b2-0c3d4e5f-1a2b3c4d` — the id WeChat support asks for. */
export function parseRid(errmsg: string): string | undefined {
	return /\brid:\s*([\w-]+)/.exec(errmsg)?.[1];
}

/** `invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist` and similar: the caller's public IP. */
export function parseCallerIp(errmsg: string): string | undefined {
	const ipv4 = /\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b/.exec(errmsg);
	if (ipv4) {
		return ipv4[1];
	}
	// Hex digits and colons after "ip" are not always an address ("ip 1:2"): only a valid IPv6 one is named to the user.
	const ipv6 = /\bip\s+([0-9a-f]*:[0-9a-f:]+)/i.exec(errmsg)?.[1];
	return ipv6 !== undefined && isIpv6Address(ipv6) ? ipv6 : undefined;
}

/**
 * The URL parser validates IPv6 literals; `node:net`'s isIPv6 would do the same but loads the networking module at
 * activation, which sends nothing (measured by `npm run bench`: it shows whether node:net was loaded).
 */
function isIpv6Address(text: string): boolean {
	try {
		return new URL(`http://[${text}]/`).hostname.startsWith('[');
	} catch {
		return false;
	}
}

/** 45011 is a per-minute limit: the next minute is when a retry can pass. */
export function msUntilNextMinute(now: number): number {
	return 60_000 - (now % 60_000) + 250;
}

/** Spreads `{ key: value }` only when the value is defined, so details never hold explicit undefineds. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
	return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
