import { randomBytes } from 'node:crypto';
import { SANDBOX_CALLER_IP } from './fixtures';
import { jsonReply } from './reply';
import type { Reply } from './reply';

/** WeChat's request id, shaped like the real ones (`rid: 64a3b2c1-0e4a6f2d-1b3c5d7e`). */
export function wechatRid(): string {
	return [4, 4, 4].map((size) => randomBytes(size).toString('hex')).join('-');
}

const IP = SANDBOX_CALLER_IP;

/** WeChat's own wording where known; the IP errors name the caller's IP, which clients show to the user. */
const ERRMSG: Readonly<Record<number, string>> = {
	[-1]: 'system error',
	40001: 'invalid credential, access_token is invalid or not latest',
	40002: 'invalid grant_type',
	40003: 'invalid openid',
	40008: 'invalid message type',
	40013: 'invalid appid',
	40014: 'invalid access_token',
	40016: 'invalid button size',
	40017: 'invalid button type',
	40097: 'invalid args',
	40125: 'invalid appsecret',
	40129: 'invalid scene',
	40159: 'invalid length for path, or the data is not json string',
	40164: `invalid ip ${IP} ipv6 ::ffff:${IP}, not in whitelist`,
	40165: 'invalid weapp pagepath',
	40169: 'invalid length for scene, or the data is not json string',
	40212: 'invalid query',
	40243: 'AppSecret已被冻结，请登录小程序平台解冻后再次调用。',
	41001: 'access_token missing',
	41002: 'appid missing',
	41004: 'appsecret missing',
	41030: 'invalid page',
	42001: 'access_token expired',
	43001: 'require GET method',
	43002: 'require POST method',
	44004: 'empty content',
	45009: 'reach max api daily quota limit',
	45011: 'api minute-quota reach limit  mustslower  retry next minute',
	45015: 'response out of time limit or subscription is canceled',
	46003: 'menu no exist',
	47001: 'data format error',
	48001: 'api unauthorized',
	48006: 'forbid to clear quota because of reaching the limit',
	50004: 'forbid usage of access_token',
	50007: 'account is frozen',
	61004: `access clientip is not registered requestIP: ${IP}`,
	76001: 'rid not found',
	76002: 'rid is error',
	76003: 'cgi_path is invalid',
	76021: 'cgi_path not found',
	76022: 'could not use this cgi_path, no permission',
	85401: 'invalid expire time',
	85402: 'invalid expire interval',
	89501: `this ip ${IP} is waiting for the admin to confirm`,
	89503: `this ip ${IP} call requires admin confirmation, please contact the admin`,
	89506: `admin refused this ip ${IP}, try again after 24 hours`,
	89507: `admin refused this ip ${IP}, try again after 1 hour`,
};

/** The errmsg WeChat would send for `errcode`, ending in ` rid: …` like every real one. */
export function wechatErrmsg(errcode: number): string {
	return `${ERRMSG[errcode] ?? 'unknown error'} rid: ${wechatRid()}`;
}

/** WeChat reports errors with HTTP 200. A given `errmsg` is sent as is, so tests can also send one without a rid. */
export function wechatErrorReply(errcode: number, errmsg?: string): Reply {
	return jsonReply({ errcode, errmsg: errmsg ?? wechatErrmsg(errcode) });
}
