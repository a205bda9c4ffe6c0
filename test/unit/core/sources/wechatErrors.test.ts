import * as assert from 'node:assert/strict';
import {
	msUntilNextMinute,
	parseCallerIp,
	parseRid,
	relayedWechatReason,
	wechatErrorFromCode,
} from '../../../../src/core/sources/wechatErrors';

describe('WeChat errcode mapping', () => {
	const cases: Array<[number, string]> = [
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
		[40002, 'rejected'],
		[99999, 'rejected'],
	];
	for (const [errcode, reason] of cases) {
		it(`${errcode} → ${reason}`, () => {
			const error = wechatErrorFromCode(errcode, `some text rid: 65f0-abc`, 0);
			assert.equal(error.reason, reason);
			assert.equal(error.details.errcode, errcode);
			assert.equal(error.details.requestId, '65f0-abc');
		});
	}

	it('only retries what PROTOCOLS.md §5 says to retry', () => {
		assert.equal(wechatErrorFromCode(-1, 'system error', 0).retryable, true);
		assert.equal(wechatErrorFromCode(45011, 'api minute-quota reach limit', 0).retryable, true);
		assert.equal(wechatErrorFromCode(45009, 'reach max api daily quota limit', 0).retryable, false);
		assert.equal(wechatErrorFromCode(40125, 'invalid appsecret', 0).retryable, false);
	});

	it('waits for the next minute after 45011', () => {
		const error = wechatErrorFromCode(45011, 'api minute-quota reach limit', 120_000 + 45_000);
		assert.equal(error.details.retryAfterMs, 15_250);
		assert.equal(msUntilNextMinute(60_000), 60_250);
	});

	it('reads the caller IP and the rid from errmsg', () => {
		const errmsg =
			'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6543a1b2-0c3d4e5f-1a2b3c4d';
		assert.equal(parseCallerIp(errmsg), '203.0.113.7');
		assert.equal(parseRid(errmsg), '6543a1b2-0c3d4e5f-1a2b3c4d');
		assert.equal(parseCallerIp('invalid ip 2001:db8::7, not in whitelist'), '2001:db8::7');
		assert.equal(parseCallerIp('no address here'), undefined);
		assert.equal(parseRid('no rid'), undefined);
		const error = wechatErrorFromCode(40164, errmsg, 0);
		assert.equal(error.details.ip, '203.0.113.7');
	});

	it('classifies relayed messages by errcode first, then by words', () => {
		assert.deepEqual(relayedWechatReason('errcode: 40125, errmsg: invalid appsecret'), {
			reason: 'invalid-app-secret',
			errcode: 40125,
		});
		assert.deepEqual(relayedWechatReason('{"errcode":40164,"errmsg":"invalid ip 1.2.3.4"}'), {
			reason: 'ip-not-whitelisted',
			errcode: 40164,
		});
		assert.equal(relayedWechatReason('invalid appsecret rid: 1')?.reason, 'invalid-app-secret');
		assert.equal(relayedWechatReason('invalid appid hint: [x]')?.reason, 'invalid-app-id');
		assert.equal(
			relayedWechatReason('invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist')?.reason,
			'ip-not-whitelisted',
		);
		assert.equal(relayedWechatReason('Something else went wrong'), undefined);
	});

	it("recognizes WeChat's own wording (English and Chinese) when no errcode is relayed", () => {
		const cases: Array<[string, string]> = [
			['access clientip is not registered requestIP: 1.2.3.4', 'ip-not-whitelisted'],
			['此IP正在等待管理员确认,请联系管理员', 'ip-awaiting-confirmation'],
			['this ip 1.2.3.4 call requires admin confirmation, please contact the admin', 'ip-awaiting-confirmation'],
			['24小时内该IP被管理员拒绝调用两次，24小时内不可再使用该IP调用', 'ip-refused'],
			['admin refused this ip 1.2.3.4, try again after 1 hour', 'ip-refused'],
			['AppSecret已被冻结，请登录小程序平台解冻后再次调用。', 'frozen'],
			['account is frozen', 'frozen'],
			['reach max api daily quota limit', 'quota-exceeded'],
		];
		for (const [message, reason] of cases) {
			assert.equal(relayedWechatReason(message)?.reason, reason, message);
		}
	});
});
