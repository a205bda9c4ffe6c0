import * as assert from 'node:assert/strict';
import { SANDBOX_AUTHING, SANDBOX_CALLER_IP, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { localTimeMismatch, normalizeSpaces, possibleLocalTimes } from '../unit/support/localTimes';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { issuedToken, logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { useSession } from './support/session';
import { eventually, User } from './support/user';
import {
	activeEditorLines,
	copyToastText,
	extensionsActivated,
	outsideClassicFetch,
	outsideForcedStableRefresh,
	readOpenDocument,
	stableRequests,
	widenSideBar,
} from './support/tokenHealthSteps';

const AUTHING_APP = 'Authing App';
const STABLE_APP = 'Stable App';
const CHECK = 'Check WeChat Access Token';
const QUOTA = 'Show WeChat API Quota…';
const EXPLAIN = 'Explain WeChat Error (rid)…';
const DOMAIN_IP_PATH = '/cgi-bin/get_api_domain_ip';
const STABLE_PATH = '/cgi-bin/stable_token';
const SECOND = 1000;
/** A superseded classic token works 5 more minutes at WeChat; one second past that it is dead. */
const CLASSIC_GRACE_PLUS_ONE_S = 5 * 60 + 1;
/** What the sandbox issues tokens for: 2 hours. */
const TOKEN_LIFETIME_MS = 7200 * SECOND;

/**
 * Issue 14, "Token health", as a user meets it in code-server: "Check WeChat Access Token" finds a token someone
 * killed outside the extension and offers what fixes it for the app's source, "Show WeChat API Quota…" reports the
 * calls the sandbox counted, and "Explain WeChat Error (rid)…" explains a failed call whose error message the user
 * copied, with the token masked and the AppSecret blanked. The sandbox plays WeChat and Authing; the "outside" fetches
 * are plain HTTP requests from the test, as another server of the team would make them.
 */
describe('Token health: check, quota and rid', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{
					name: AUTHING_APP,
					appId: SANDBOX_WECHAT_APP.appId,
					source: 'authing',
					host: sandbox().url,
					authingAppId: SANDBOX_AUTHING.authingAppId,
				},
				{ name: STABLE_APP, appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: sandbox().url },
			],
			// Authing apps' diagnostics go to WeChat's API host: here the sandbox, which plays WeChat too.
			'wechatAccessToken.wechatApiHost': sandbox().url,
		},
	}));
	let user: User;
	let ledger: SecretLedger;
	/** The rid documents the suite opened, for the privacy scan at the end. */
	const documents: { what: string; text: string }[] = [];

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		ledger.add(SANDBOX_AUTHING.accessKeySecret, 'access key secret');
		user = new User(session().wb);
	});
	after(() => ledger.stop());
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
		sandbox().clearFaults();
	});

	/** "Check WeChat Access Token" from the palette, picking `app`. */
	async function check(app: string): Promise<void> {
		await user.mark();
		await user.wb.runCommand(CHECK);
		await user.pickApp(app, /Check the access token of which app\?/, () => user.wb.runCommand(CHECK));
	}

	/** The notification of a failed token call: WeChat refused it, with its IP, and named the call's rid. */
	const IP_REFUSED = /WeChat refused the call from IP/;

	/**
	 * A Refresh → Get Current Token of the stable app that WeChat refuses once with 40164 (IP not whitelisted): the
	 * error notification's text and the rid it names.
	 */
	async function refusedForIp(): Promise<{ message: string; rid: string }> {
		await user.wb.dismissAll();
		sandbox().addFault({ kind: 'wechat-errcode', errcode: 40164, path: STABLE_PATH, times: 1 });
		await user.refreshToken(STABLE_APP);
		await user.wb.modalDialog();
		await user.wb.clickDialogButton('Get Current Token');
		const message = await user.notificationText(IP_REFUSED);
		return { message, rid: /request ID (\S+)\)$/.exec(message)?.[1] ?? assert.fail(message) };
	}

	/** A Check that finds the token working: the message, with the time of the check as the product writes it. */
	async function checkWorks(app: string): Promise<void> {
		const from = Date.now();
		await check(app);
		const message = await user.notificationText(`The token of “${app}” works`);
		const to = Date.now();
		const at =
			/^The token of “.+” works \(checked at (.+)\)\.$/.exec(normalizeSpaces(message))?.[1] ??
			assert.fail(message);
		const possible = possibleLocalTimes([from, to], [from, to], 'en');
		assert.ok(possible.has(at), localTimeMismatch(at, possible));
	}

	it('authing: a classic fetch outside kills the cached token; Check says so; Fetch Again brings the same dead token and says the cache still holds it', async function () {
		// Authing holds a classic token, as a cache that mints with /cgi-bin/token does.
		sandbox().configure({ centralCacheLineage: 'classic' });
		await user.setCredentials(AUTHING_APP, [
			{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret },
			{ field: /Authing user access token \(optional\) for/, value: '' },
		]);
		await user.wb.dismissAll();
		const requestedFrom = Date.now();
		await user.getToken(AUTHING_APP);
		const held = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic'));
		await user.wb.waitForClipboard(held);
		await user.copiedMessage(AUTHING_APP);
		const requestedTo = Date.now();
		await checkWorks(AUTHING_APP);
		await user.wb.dismissAll();

		// Another server of the team fetches a classic token: WeChat gives Authing's 5 more minutes, then refuses it.
		const outside = await outsideClassicFetch(sandbox().url, SANDBOX_WECHAT_APP);
		ledger.add(outside, 'classic token fetched outside');
		sandbox().advance(CLASSIC_GRACE_PLUS_ONE_S);
		assert.equal(sandbox().tokenStatus(held), 'invalidated');

		const authingRequests = sandbox().countRequests('/api/v3/get-wechat-access-token-info');
		await check(AUTHING_APP);
		const dead = await user.notificationText(/WeChat no longer accepts the token of “Authing App”/);
		assert.equal(
			dead,
			`WeChat no longer accepts the token of “${AUTHING_APP}” (errcode 40001). The cache at ${sandbox().url} hands out a token that someone killed by fetching a classic token outside it. Fetching again shows whether the cache has a new one; nothing is forced or minted.`,
		);
		assert.equal(
			sandbox().countRequests('/api/v3/get-wechat-access-token-info'),
			authingRequests,
			'Check used the cached token',
		);
		// Marked invalid until a fetch replaces it: the app's row and the status bar (with the error background).
		await user.appState(AUTHING_APP, /^refused by WeChat$/);
		assert.equal(await user.statusBarText(/refused by WeChat/), `${AUTHING_APP} refused by WeChat`);
		await user.waitForStatusBarKind('error');
		await user.wb.notification(/WeChat no longer accepts the token/).waitFor();
		await user.readmeScreenshot('token-check', ledger.list());

		const classicMints = sandbox().countRequests('/cgi-bin/token');
		await user.mark();
		await user.wb.clickNotificationButton(/WeChat no longer accepts the token/, 'Fetch Again');
		const still = normalizeSpaces(await user.notificationText(/still hands out the token WeChat refused/));
		assert.equal(
			sandbox().countRequests('/api/v3/get-wechat-access-token-info'),
			authingRequests + 1,
			'one normal fetch at Authing',
		);
		assert.equal(sandbox().countRequests('/cgi-bin/token'), classicMints, 'nothing minted from the extension');
		const expiry =
			new RegExp(
				`^The cache at ${sandbox().url.replace(/\./g, '\\.')} still hands out the token WeChat refused for “${AUTHING_APP}”, and will keep serving it until it expires at (.+)\\. Only whoever runs that cache can renew the token there \\(in Authing, its administrator\\); this extension never forces or mints one\\.$`,
			).exec(still)?.[1] ?? assert.fail(still);
		// Authing's token expires 2 hours after the first Get on its clock, which the extension reads from the Date
		// header: that clock is now 301 s ahead, so the local expiry is 301 s earlier (±1 s: the header has whole seconds).
		const skew = CLASSIC_GRACE_PLUS_ONE_S * SECOND;
		const possible = possibleLocalTimes(
			[
				requestedFrom + TOKEN_LIFETIME_MS - skew - 2 * SECOND,
				requestedTo + TOKEN_LIFETIME_MS - skew + 2 * SECOND,
			],
			[requestedFrom, Date.now()],
			'en',
		);
		assert.ok(possible.has(expiry), localTimeMismatch(expiry, possible));
		// The same dead token: still marked.
		await user.appState(AUTHING_APP, /^refused by WeChat$/);
		await user.statusBarText(/^Authing App refused by WeChat$/);
		assert.ok(!(await user.wb.visibleText()).includes(held), 'the full token is nowhere on screen');
	});

	it('wechat-stable: a forced refresh outside kills the token; Check says so; Get New Token brings a working one with one normal request', async function () {
		await user.setCredentials(STABLE_APP, [
			{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP_2.appSecret },
		]);
		await user.wb.dismissAll();
		await user.getToken(STABLE_APP);
		const held = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'));
		await user.wb.waitForClipboard(held);
		await user.copiedMessage(STABLE_APP);
		await user.wb.dismissAll();

		const fresh = await outsideForcedStableRefresh(sandbox().url, SANDBOX_WECHAT_APP_2);
		ledger.add(fresh, 'stable token forced outside');
		assert.equal(sandbox().tokenStatus(held), 'invalidated');

		await check(STABLE_APP);
		const dead = await user.notificationText(/WeChat no longer accepts the token of “Stable App”/);
		assert.equal(
			dead,
			`WeChat no longer accepts the token of “${STABLE_APP}” (errcode 40001). Stable tokens are replaced only by a forced refresh, so someone forced one elsewhere. A normal request returns the token now in force and invalidates nothing.`,
		);

		await user.appState(STABLE_APP, /^refused by WeChat$/);
		await user.statusBarText(/^Stable App refused by WeChat$/);

		const before = stableRequests(sandbox(), SANDBOX_WECHAT_APP_2.appId);
		await user.wb.writeClipboard('');
		await user.mark();
		await user.wb.clickNotificationButton(/WeChat no longer accepts the token/, 'Get New Token');
		await user.wb.waitForClipboard(fresh);
		await user.copiedMessage(STABLE_APP);
		const after = stableRequests(sandbox(), SANDBOX_WECHAT_APP_2.appId);
		assert.deepEqual(
			{ normal: after.normal - before.normal, forced: after.forced - before.forced },
			{ normal: 1, forced: 0 },
			'exactly one normal stable_token request, none forced',
		);
		assert.equal(after.forced, 1, 'the only forced refresh is the one made outside');
		assert.equal(await user.page.locator('.monaco-dialog-box').count(), 0, 'no question about forcing');
		assert.ok(sandbox().isTokenValid(fresh), 'the token copied works at WeChat');
		// The fetch replaced the refused token: the marks are gone.
		await user.appState(STABLE_APP, /^(1h 59m|2h 0m) left$/);
		await user.statusBarText(/^Stable App (1h 59m|2h 0m)$/);
		await user.waitForStatusBarKind('standard');
	});

	it('quota: after three calls the quota of the path shows 3 used, as the sandbox counted them', async function () {
		await user.wb.dismissAll();
		// Three successful calls of one API with the app's token: three checks.
		const checks = () =>
			sandbox().requests.filter(
				(request) =>
					request.path === DOMAIN_IP_PATH &&
					request.query.access_token !== undefined &&
					sandbox().tokenStatus(request.query.access_token) === 'valid',
			).length;
		assert.equal(checks(), 0, 'no call of the API with the current token yet');
		for (let call = 0; call < 3; call++) {
			await checkWorks(STABLE_APP);
			await user.wb.dismissAll();
		}
		assert.equal(checks(), 3, 'three successful calls at the sandbox');

		// The path is not among the common ones: "Other path…", checked as typed.
		await user.mark();
		await user.wb.runCommand(QUOTA);
		await user.pickApp(STABLE_APP, /Show the API quota of which app\?/, () => user.wb.runCommand(QUOTA));
		await user.wb.waitForInput(/Show the quota of which API\?/);
		const common = await user.wb.quickPickLabels();
		for (const path of ['/cgi-bin/token', STABLE_PATH, '/cgi-bin/message/custom/send', '/wxa/msg_sec_check']) {
			assert.ok(common.includes(path), `the pick offers ${path}: ${JSON.stringify(common)}`);
		}
		await user.wb.pick('Other path…');
		await user.wb.waitForInput(/The API path, as in WeChat’s documentation/);
		await user.page.locator('.quick-input-widget input.input').fill('cgi-bin/get_api_domain_ip');
		await user.wb.waitForInput('The path starts with “/”');
		await user.page.locator('.quick-input-widget input.input').fill('https://api.weixin.qq.com/cgi-bin/x');
		await user.wb.waitForInput(/Enter the path only, without the host/);
		await user.wb.submitInput(DOMAIN_IP_PATH);
		assert.equal(
			await user.notificationText(`“${STABLE_APP}”, ${DOMAIN_IP_PATH}:`),
			`“${STABLE_APP}”, ${DOMAIN_IP_PATH}: ▰▰▰▰▰ 997 / 1000 left today, 3 used.`,
		);
		await user.wb.dismissAll();

		// A common path from the list: the stable_token calls the sandbox answered for this app today.
		const stableUsed = sandbox().requests.filter(
			(request) =>
				request.path === STABLE_PATH &&
				(request.body as { appid?: unknown } | undefined)?.appid === SANDBOX_WECHAT_APP_2.appId,
		).length;
		assert.equal(stableUsed, 3, 'Get, the forced refresh outside and Get New Token');
		await user.mark();
		await user.wb.runCommand(QUOTA);
		await user.pickApp(STABLE_APP, /Show the API quota of which app\?/, () => user.wb.runCommand(QUOTA));
		await user.wb.waitForInput(/Show the quota of which API\?/);
		await user.wb.pickExact(STABLE_PATH);
		const message = `“${STABLE_APP}”, ${STABLE_PATH}: ▰▰▰▰▰ 9997 / 10000 left today, 3 used.`;
		assert.equal(await user.notificationText(`“${STABLE_APP}”, ${STABLE_PATH}:`), message);
		// The last quotas asked, under the app.
		const details = await user.appDetails(STABLE_APP);
		assert.ok(details.includes(`${DOMAIN_IP_PATH} ▰▰▰▰▰ 997 / 1000`), JSON.stringify(details));
		assert.ok(details.includes(`${STABLE_PATH} ▰▰▰▰▰ 9997 / 10000`), JSON.stringify(details));
		await user.wb.notification(message).waitFor();
		await widenSideBar(user.wb, 480);
		await user.readmeScreenshot('quota', ledger.list());
		await user.collapseApp(STABLE_APP);
	});

	it('rid: a failed call’s error message, copied from its notification, explains that very call, AppSecret blanked', async function () {
		const { message, rid } = await refusedForIp();
		const toast = user.wb.notification(IP_REFUSED);
		for (const button of ['Open IP Whitelist Docs', 'Copy IP', 'Explain Error', 'Show Log']) {
			await toast.locator('.monaco-button', { hasText: button }).waitFor();
		}

		// As a user does: right-click the notification, "Copy Text"; then "Copy IP" for the whitelist.
		const copied = await copyToastText(user.wb, IP_REFUSED);
		assert.equal(copied, message);
		await user.mark();
		await user.wb.clickNotificationButton(IP_REFUSED, 'Copy IP');
		await user.wb.waitForClipboard(SANDBOX_CALLER_IP);
		await user.notificationText(
			`Copied ${SANDBOX_CALLER_IP}. Add it to the app’s API IP whitelist on the WeChat platform.`,
		);
		await user.wb.dismissAll();

		// The clipboard holds the IP now, no rid: the command asks, and the user pastes the message copied before.
		await user.mark();
		await user.wb.runCommand(EXPLAIN);
		await user.wb.waitForInput(/The rid at the end of WeChat’s error message/);
		await user.wb.submitInput(copied);
		const text = await readOpenDocument(user.wb, `rid-${rid}.md`);
		documents.push({ what: `the document of rid ${rid}`, text });
		assert.match(text, new RegExp(`^# WeChat call ${rid}$`, 'm'));
		assert.ok(text.includes(`| App | \`${STABLE_APP}\` (\`${SANDBOX_WECHAT_APP_2.appId}\`) |`), text);
		// What WeChat says is code in the markdown document: never a link or formatting.
		assert.ok(text.includes(`| Client IP WeChat saw | \`${SANDBOX_CALLER_IP}\` |`), text);
		assert.match(text, /^https:\/\/api\.weixin\.qq\.com\/cgi-bin\/stable_token$/m);
		assert.match(text, /"secret": "•••"/, 'the AppSecret is blanked');
		assert.match(text, new RegExp(`"appid": "${SANDBOX_WECHAT_APP_2.appId}"`));
		assert.match(
			text,
			new RegExp(`"errmsg": "invalid ip ${SANDBOX_CALLER_IP.replace(/\./g, '\\.')} .* rid: ${rid}"`),
		);
		assert.match(text, /\*\*errcode 40164\*\*: The caller’s IP address is not in the app’s API IP whitelist/);
		for (const needle of ledger.list()) {
			assert.ok(!text.includes(needle.value), `the document shows the ${needle.what}`);
		}
		await extensionsActivated(user.wb);
		await user.readmeScreenshot('rid-document', ledger.list());
	});

	it('rid: the error notification’s "Explain Error" opens the document of its call at once', async function () {
		const { rid } = await refusedForIp();
		await user.mark();
		await user.wb.clickNotificationButton(IP_REFUSED, 'Explain Error');
		const text = await readOpenDocument(user.wb, `rid-${rid}.md`);
		documents.push({ what: `the document of rid ${rid}`, text });
		assert.match(text, new RegExp(`^# WeChat call ${rid}$`, 'm'));
		assert.match(text, /"secret": "•••"/);
	});

	it('rid of a failed call made with the token: the request URL shows the access_token masked', async function () {
		await user.wb.dismissAll();
		sandbox().addFault({ kind: 'wechat-errcode', errcode: 48001, path: DOMAIN_IP_PATH, times: 1 });
		const token = sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable') as string;
		await check(STABLE_APP);
		const refusal = await user.notificationText(/WeChat refused the call for “Stable App” with errcode 48001/);
		const rid = /rid: (\S+?)”?$/.exec(refusal)?.[1] ?? assert.fail(refusal);
		const copied = await copyToastText(user.wb, /with errcode 48001/);
		assert.ok(copied.includes(`rid: ${rid}`));
		await user.wb.dismissAll();
		// The document of the previous rid is still the active editor; the user selected all of it (to copy it, say).
		// That selection names the old call: the rid on the clipboard is the one to explain.
		await activeEditorLines(user.wb).click();
		await user.page.keyboard.press('Control+a');
		await user.mark();
		await user.wb.runCommand(EXPLAIN);
		const text = await readOpenDocument(user.wb, `rid-${rid}.md`);
		documents.push({ what: `the document of rid ${rid}`, text });
		assert.ok(
			text.includes(`/cgi-bin/get_api_domain_ip?access_token=${token.slice(0, 4)}…${token.slice(-4)}`),
			`the URL with the token masked: ${text}`,
		);
		assert.ok(!text.includes(token), 'no full token');
	});

	describe('privacy', function () {
		it('leaves no AppSecret or full token in the documents, the log or anywhere in the profile', async function () {
			await eventually(() => documents.length === 3, 'the rid documents of this suite');
			await assertNoPlaintextSecrets(session(), ledger, documents);
		});
	});
});

/** The four features in Simplified Chinese (how a Chinese session is made: see zhCn.e2e.ts). */
describe('Token health in zh-CN: check, quota, Copy IP and rid in Chinese', function () {
	const APP = '商城';
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		locale: 'zh-cn',
		settings: {
			'wechatAccessToken.apps': [
				{ name: APP, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
			],
		},
	}));
	let user: User;
	let ledger: SecretLedger;
	/** The rid document the suite opened, for the privacy scan at the end. */
	const documents: { what: string; text: string }[] = [];

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		user = new User(session().wb);
	});
	after(() => ledger.stop());
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
		sandbox().clearFaults();
	});

	it('“检查微信 Access Token”: works, then, after a forced refresh outside, no longer accepted, with the remedy in Chinese, and “获取新令牌” applies it', async function () {
		const { wb } = session();
		const from = Date.now();
		await user.mark();
		await wb.runCommand('检查微信 Access Token');
		// No token yet: the check gets one as Get does, asking for the AppSecret first.
		await wb.waitForInput(`“${APP}”的凭据（1/1）`);
		await wb.submitInput(SANDBOX_WECHAT_APP.appSecret);
		const works = await user.notificationText(`“${APP}”的令牌可用`);
		const to = Date.now();
		const at = /^“商城”的令牌可用（检查于 (.+)）。$/.exec(normalizeSpaces(works))?.[1] ?? assert.fail(works);
		const possible = possibleLocalTimes([from, to], [from, to], 'zh-cn');
		assert.ok(possible.has(at), localTimeMismatch(at, possible));
		await wb.dismissAll();

		ledger.add(await outsideForcedStableRefresh(sandbox().url, SANDBOX_WECHAT_APP), 'stable token forced outside');
		await user.mark();
		await wb.runCommand('检查微信 Access Token');
		assert.equal(
			await user.notificationText(`微信已不再接受“${APP}”的令牌`),
			`微信已不再接受“${APP}”的令牌（errcode 40001）。稳定版令牌只会被强制刷新取代，说明有人在别处强制刷新过。普通请求会返回当前有效的令牌，不会使任何令牌失效。`,
		);
		await user.mark();
		await wb.clickNotificationButton(`微信已不再接受“${APP}”的令牌`, '获取新令牌');
		const fresh = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
		await wb.waitForClipboard(fresh);
		await user.notificationText(`已复制“${APP}”的 Access Token。`);
		await user.statusBarText(new RegExp(`^${APP} (1h 59m|2h 0m)$`));
	});

	it('“查看微信接口额度…”: the stable_token calls the sandbox counted, in Chinese', async function () {
		const { wb } = session();
		await wb.dismissAll();
		// The check's Get, the forced refresh outside, and Get New Token: WeChat counts each against the quota.
		const { normal, forced } = stableRequests(sandbox(), SANDBOX_WECHAT_APP.appId);
		assert.deepEqual({ normal, forced }, { normal: 2, forced: 1 });

		await user.mark();
		await wb.runCommand('查看微信接口额度…');
		// One app: no app picker, straight to the API.
		await wb.waitForInput('查看哪个接口的额度？');
		await wb.pickExact(STABLE_PATH);
		assert.equal(
			await user.notificationText(`“${APP}”，${STABLE_PATH}：`),
			`“${APP}”，${STABLE_PATH}：今日剩余 ▰▰▰▰▰ 9997 / 10000，已用 3 次。`,
		);
		const details = await user.appDetails(APP);
		assert.ok(details.includes(`${STABLE_PATH} ▰▰▰▰▰ 9997 / 10000`), JSON.stringify(details));
		await user.collapseApp(APP);
	});

	it('40164: the message in Chinese offers “复制 IP” and the rest; “解释微信错误 (rid)…” on the pasted message explains the call in Chinese', async function () {
		const { wb } = session();
		await wb.dismissAll();
		sandbox().addFault({ kind: 'wechat-errcode', errcode: 40164, path: STABLE_PATH, times: 1 });
		await user.mark();
		await wb.runCommand('刷新微信 Access Token');
		const question = await wb.modalDialog();
		assert.match(await question.innerText(), new RegExp(`要强制微信为“${APP}”签发新令牌吗？`));
		await wb.clickDialogButton('获取当前令牌');
		const refused =
			/^“商城”：微信拒绝了来自 IP 203\.0\.113\.7 的调用：.+后重试。（微信错误码 40164，请求 ID (\S+)）$/;
		const message = normalizeSpaces(await user.notificationText('微信拒绝了来自 IP'));
		const rid = refused.exec(message)?.[1] ?? assert.fail(message);
		const toast = wb.notification('微信拒绝了来自 IP');
		for (const button of ['打开 IP 白名单文档', '复制 IP', '解释错误', '显示日志']) {
			await toast.locator('.monaco-button', { hasText: button }).waitFor();
		}

		await user.mark();
		await wb.clickNotificationButton('微信拒绝了来自 IP', '复制 IP');
		await wb.waitForClipboard(SANDBOX_CALLER_IP);
		assert.equal(
			await user.notificationText(`已复制 ${SANDBOX_CALLER_IP}。`),
			`已复制 ${SANDBOX_CALLER_IP}。请在微信公众平台将其加入该应用的接口 IP 白名单。`,
		);
		await wb.dismissAll();

		// The clipboard holds the IP, no rid: the command asks, and the user pastes the whole message.
		await user.mark();
		await wb.runCommand('解释微信错误 (rid)…');
		await wb.waitForInput('微信错误信息末尾的 rid，或整条错误信息');
		await wb.submitInput(message);
		const text = await readOpenDocument(wb, `rid-${rid}.md`);
		documents.push({ what: `the document of rid ${rid}`, text });
		assert.match(text, new RegExp(`^# 微信调用 ${rid}$`, 'm'));
		assert.ok(text.includes(`| 应用 | \`${APP}\` (\`${SANDBOX_WECHAT_APP.appId}\`) |`), text);
		assert.ok(text.includes(`| 微信看到的调用方 IP | \`${SANDBOX_CALLER_IP}\` |`), text);
		assert.match(text, /^## 请求$/m);
		assert.match(text, /^## 微信的返回$/m);
		assert.match(text, /"secret": "•••"/, 'the AppSecret is blanked');
		assert.match(text, /\*\*errcode 40164\*\*: 调用方 IP 不在该应用的接口 IP 白名单中。/);
	});

	it('leaves no AppSecret or full token in plaintext outside SecretStorage', async function () {
		await eventually(() => documents.length === 1, 'the rid document of this suite');
		await assertNoPlaintextSecrets(session(), ledger, documents);
	});
});
