import * as assert from 'node:assert/strict';
import type { RidReport, TokenCheck } from '../../../../src/core/diagnostics/diagnosticTypes';
import { deadTokenRemedy } from '../../../../src/app/health/deadTokenRemedy';
import { isQuotaLow, quotaBar } from '../../../../src/app/health/quotaBar';
import { formatInstant, renderRidDocument } from '../../../../src/app/health/ridDocument';
import { codeCell, fenced } from '../../../../src/app/presentation/markdownCode';
import { TokenHealth } from '../../../../src/app/health/tokenHealth';
import { EXPLAINED_ERRCODES, explainWechatErrcode } from '../../../../src/app/health/wechatErrcodes';
import { englishL10n } from '../../support/englishL10n';

describe('token health: what the user is shown', () => {
	describe('quotaBar', () => {
		it('shows what is left of the daily limit in five cells and in numbers', () => {
			assert.equal(quotaBar({ dailyLimit: 1000, remain: 612 }), '▰▰▰▱▱ 612 / 1000');
			assert.equal(quotaBar({ dailyLimit: 1000, remain: 1000 }), '▰▰▰▰▰ 1000 / 1000');
			assert.equal(quotaBar({ dailyLimit: 1000, remain: 0 }), '▱▱▱▱▱ 0 / 1000');
			assert.equal(quotaBar({ dailyLimit: 0, remain: 0 }), '▱▱▱▱▱ 0 / 0');
		});
		it('runs low under 10 % left', () => {
			assert.equal(isQuotaLow({ dailyLimit: 1000, remain: 100 }), false);
			assert.equal(isQuotaLow({ dailyLimit: 1000, remain: 99 }), true);
			assert.equal(isQuotaLow({ dailyLimit: 0, remain: 0 }), true);
		});
	});

	it('a dead token’s remedy depends on where the app’s tokens come from, and never forces anything', () => {
		assert.equal(deadTokenRemedy('wechat-stable'), 'get-current-stable-token');
		assert.equal(deadTokenRemedy('wechat'), 'mint-classic-token');
		for (const source of ['authing', 'authing-management', 'custom'] as const) {
			assert.equal(deadTokenRemedy(source), 'ask-the-cache-again');
		}
	});

	it('every errcode in the table has an explanation; others have none', () => {
		for (const errcode of EXPLAINED_ERRCODES) {
			assert.ok(explainWechatErrcode(errcode, englishL10n), String(errcode));
		}
		assert.equal(explainWechatErrcode(12345, englishL10n), undefined);
		assert.match(explainWechatErrcode(48001, englishL10n) ?? '', /not a token problem/);
	});

	describe('the rid document', () => {
		const report: RidReport = {
			rid: '64a3b2c1-0e4a6f2d-1b3c5d7e',
			invokedAt: Date.UTC(2026, 11, 1, 15, 59, 59),
			costMs: 12,
			requestUrl: 'https://api.weixin.qq.com/cgi-bin/stable_token',
			requestBody: '{"grant_type":"client_credential","appid":"wx4fc0121bbdb516e8","secret":"•••"}',
			responseBody:
				'{"errcode":40164,"errmsg":"invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 64a3b2c1-0e4a6f2d-1b3c5d7e"}',
			clientIp: '203.0.113.7',
		};
		const render = (timeZone: string) =>
			renderRidDocument(report, {
				appName: 'Shop [test]',
				appId: 'wx4fc0121bbdb516e8',
				l10n: englishL10n,
				locale: 'en-US',
				timeZone,
			});

		it('says when, how long, from which IP, what was sent and answered, and what the errcode means', () => {
			const text = render('Asia/Shanghai');
			assert.match(text, /^# WeChat call 64a3b2c1-0e4a6f2d-1b3c5d7e\n/);
			assert.ok(text.includes('| App | `Shop [test]` (`wx4fc0121bbdb516e8`) |'), text);
			assert.match(text, /\| Took \| 12 ms \|/);
			assert.ok(text.includes('| Client IP WeChat saw | `203.0.113.7` |'), text);
			assert.ok(text.includes('```text\nhttps://api.weixin.qq.com/cgi-bin/stable_token\n```'));
			assert.ok(text.includes('"secret": "•••"'), 'the body, pretty-printed');
			assert.match(text, /\*\*errcode 40164\*\*: The caller’s IP address is not in the app’s API IP whitelist\./);
		});

		it('the time is that of the zone asked for, with the date (a rid can be days old)', () => {
			// 15:59:59 UTC is 23:59:59 in Shanghai and 07:59:59 in Los Angeles on the same day, Dec 1.
			assert.ok(
				render('Asia/Shanghai').includes(
					`| Called at | ${formatInstant(report.invokedAt, 'en-US', 'Asia/Shanghai')} |`,
				),
			);
			assert.match(formatInstant(report.invokedAt, 'en-US', 'Asia/Shanghai'), /^Dec 1, 2026, 11:59:59\s?PM$/);
			assert.match(
				formatInstant(report.invokedAt, 'en-US', 'America/Los_Angeles'),
				/^Dec 1, 2026, 7:59:59\s?AM$/,
			);
			assert.match(formatInstant(report.invokedAt, 'zh-CN', 'Asia/Shanghai'), /^2026年12月1日 23:59:59$/);
		});

		it('what the server says of the call (client IP) and the app name from the settings are code, never markdown', () => {
			const hostile =
				'[status](command:workbench.action.terminal.sendSequence) ![x](https://e.example/x.png) <b>';
			const text = renderRidDocument(
				{ ...report, clientIp: `${hostile} | next cell\n# heading` },
				{ appName: `\`${hostile}`, appId: 'wx4fc0121bbdb516e8', l10n: englishL10n, locale: 'en-US' },
			);
			assert.ok(
				text.includes(`| Client IP WeChat saw | \`${hostile} \\| next cell # heading\` |`),
				'one code span, the pipe escaped for the table, the line break flattened',
			);
			assert.ok(text.includes(`| App | \`\` \`${hostile} \`\` (\`wx4fc0121bbdb516e8\`) |`), text);
			assert.equal(codeCell('a ``b` c'), '```a ``b` c```');
		});

		it('a body holding backticks cannot end its code block', () => {
			assert.equal(fenced('a ```` b', 'json'), '`````json\na ```` b\n`````');
		});

		it('an answer that is not JSON is shown as it came, with nothing to explain', () => {
			const text = renderRidDocument(
				{ ...report, responseBody: '<html>502</html>', requestBody: '' },
				{ appName: 'Shop', appId: 'wx1', l10n: englishL10n, locale: 'en-US', timeZone: 'UTC' },
			);
			assert.ok(text.includes('```json\n<html>502</html>\n```'));
			assert.ok(text.includes('No request body.'));
			assert.doesNotMatch(text, /\*\*errcode/);
		});
	});

	describe('TokenHealth', () => {
		const dead: TokenCheck = {
			works: false,
			checkedAt: 1,
			refusal: { errcode: 40001, errmsg: 'invalid credential' },
		};
		const works: TokenCheck = { works: true, checkedAt: 2 };

		it('remembers the refused token only: a newer token of the app is not invalid', () => {
			const health = new TokenHealth();
			const changed: string[] = [];
			health.onDidChange((identity) => changed.push(identity));
			health.recordCheck('app', 'old', dead);
			assert.equal(health.isDead('app', 'old'), true);
			assert.equal(health.isDead('app', 'new'), false);
			assert.equal(health.deadCheck('app', 'old'), dead);
			health.recordCheck('app', 'new', works);
			assert.equal(health.isDead('app', 'old'), true, 'a check of another token does not clear it');
			health.recordCheck('app', 'old', works);
			assert.equal(health.isDead('app', 'old'), false);
			assert.deepEqual(changed, ['app', 'app']);
		});

		it('keeps the last three quota answers per app, newest first, one per path', () => {
			const health = new TokenHealth();
			const quota = (path: string, used: number) => ({
				path,
				dailyLimit: 10,
				used,
				remain: 10 - used,
				checkedAt: used,
			});
			health.recordQuota('app', quota('/a', 1));
			health.recordQuota('app', quota('/b', 2));
			health.recordQuota('app', quota('/a', 3));
			health.recordQuota('app', quota('/c', 4));
			health.recordQuota('app', quota('/d', 5));
			assert.deepEqual(
				health.recentQuotas('app').map((q) => `${q.path}:${q.used}`),
				['/d:5', '/c:4', '/a:3'],
			);
			health.forget('app');
			assert.deepEqual(health.recentQuotas('app'), []);
		});

		it('keeps nothing of apps no longer configured', () => {
			const health = new TokenHealth();
			health.recordQuota('kept', { path: '/a', dailyLimit: 10, used: 1, remain: 9, checkedAt: 1 });
			health.recordQuota('gone', { path: '/a', dailyLimit: 10, used: 1, remain: 9, checkedAt: 1 });
			health.recordCheck('gone', 'old', dead);
			health.retainOnly(['kept']);
			assert.equal(health.recentQuotas('kept').length, 1);
			assert.deepEqual(health.recentQuotas('gone'), []);
			assert.equal(health.isDead('gone', 'old'), false);
		});
	});
});
