import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { decodePng } from '../unit/sandbox/pngDecode';
import { e2e } from './support/rootHooks';
import { logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { outsideForcedStableRefresh, readOpenDocument } from './support/tokenHealthSteps';
import { eventually, User } from './support/user';

const SHOP = 'Shop';
const SEND_PATH = '/cgi-bin/message/custom/send';
const CLEAR_QUOTA_PATH = '/cgi-bin/clear_quota';
const FOLLOWER = 'oLVPpjPtYgjmUhBel31iEl2hpChY';
/** Ctrl+Alt+Enter: the keybinding of "Send WeChat API Request" in a request file. */
const SEND_KEY = 'Control+Alt+Enter';

/** A team's request file, as kept in its repository: no token anywhere. Line numbers below are 1-based. */
const TEAM_FILE = [
	'# @app Shop', // 1
	'### A customer service message', // 2
	`POST ${SEND_PATH}`, // 3
	'Content-Type: application/json', // 4
	'', // 5
	`{"touser": "${FOLLOWER}", "msgtype": "text", "text": {"content": "你好，订单已发货"}}`, // 6
	'', // 7
	'### To someone who is not a follower', // 8
	`POST ${SEND_PATH}`, // 9
	'Content-Type: application/json', // 10
	'', // 11
	'{"touser": "not-a-follower", "msgtype": "text", "text": {"content": "hi"}}', // 12
	'', // 13
	'### Somewhere else', // 14
	'GET https://wechat-proxy.example.com/cgi-bin/get_api_domain_ip', // 15
	'',
].join('\n');
const LINE = { send: 3, notFollower: 9, elsewhere: 15 } as const;

/**
 * Issue 22, as a developer meets it in code-server: a request typed into a `.wechat.http` file and sent with the
 * keybinding (the token added at send time, the answer beside the request, the file on disk without a token), a
 * refusal explained, a killed token, a spent quota and its reset behind a modal, a Mini Program code from the catalog
 * shown as a picture and saved as a PNG, and a request to another host refused before anything is sent.
 */
describe('WeChat API requests from .wechat.http files', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{ name: SHOP, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
			],
		},
		workspaceFiles: { 'shop.wechat.http': TEAM_FILE, 'typed.wechat.http': '' },
	}));
	let user: User;
	let ledger: SecretLedger;
	const documents: { what: string; text: string }[] = [];
	const workspaceFile = (name: string): string => path.join(session().server.workspaceDir, name);

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

	/** Sends the request on `line` of the open team file with the keybinding. */
	async function sendLine(line: number): Promise<void> {
		await user.wb.dismissAll();
		await user.wb.activateTab('shop.wechat.http');
		await user.wb.goToLine(line);
		await user.mark();
		await user.page.keyboard.press(SEND_KEY);
	}

	/** The answer document's text (its tab is brought to the front first). */
	async function answerText(title: string): Promise<string> {
		await user.page.locator('.tabs-container .tab', { hasText: title }).first().waitFor();
		await user.wb.activateTab(title);
		const text = await readOpenDocument(user.wb, title);
		documents.push({ what: title, text });
		return text;
	}

	it('a request typed into a file and sent with Ctrl+Alt+Enter: the token in the query only, the answer beside, no token on disk', async function () {
		await user.setCredentials(SHOP, [{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret }], {
			pick: false,
		});
		await user.wb.dismissAll();
		await user.wb.openWorkspaceFile('typed.wechat.http');
		await user.page.keyboard.type(`GET /cgi-bin/user/info?openid=${FOLLOWER}&lang=zh_CN\n`);
		await user.page.keyboard.press('ArrowUp');
		await user.mark();
		await user.page.keyboard.press(SEND_KEY);
		const text = await answerText('cgi-bin-user-info.md');
		assert.match(text, /\| Status \| HTTP 200 · \d+ ms \|/);
		assert.match(text, new RegExp(`"openid": "${FOLLOWER}"`));
		const token = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') ?? assert.fail('no token');
		const call = sandbox().requests.find((request) => request.path === '/cgi-bin/user/info');
		assert.equal(call?.query['access_token'], token, 'the token went in the query');
		assert.equal(call?.query['openid'], FOLLOWER);
		assert.ok(!text.includes(token), 'the answer does not show the token');

		await user.wb.activateTab('typed.wechat.http');
		await user.page.keyboard.press('Control+s');
		await eventually(
			() => readFileSync(workspaceFile('typed.wechat.http'), 'utf8').includes('/cgi-bin/user/info'),
			'the file saved',
		);
		assert.ok(!readFileSync(workspaceFile('typed.wechat.http'), 'utf8').includes(token), 'no token on disk');
		assert.ok(!readFileSync(workspaceFile('shop.wechat.http'), 'utf8').includes(token));
	});

	it('the team file: a JSON body sent as written; a refusal explained in words, with Explain Error for its rid', async function () {
		await user.wb.openWorkspaceFile('shop.wechat.http');
		await sendLine(LINE.send);
		const text = await answerText('cgi-bin-message-custom-send.md');
		assert.match(text, /"errcode": 0/);
		const sent = sandbox()
			.requests.filter((request) => request.path === SEND_PATH)
			.at(-1);
		assert.match(sent?.rawBody ?? '', /你好，订单已发货/, 'Chinese sent unescaped, as written');

		await sendLine(LINE.notFollower);
		const message = await user.notificationText(
			/WeChat refused \/cgi-bin\/message\/custom\/send with errcode 40003/,
		);
		assert.match(message, /The openid is invalid: it is not a user of this account/);
		await answerText('cgi-bin-message-custom-send.md');
		await user.readmeScreenshot('api-request-error', ledger.list());
		await user.wb.clickNotificationButton(/errcode 40003/, 'Explain Error');
		const rid = await answerText('rid-');
		assert.match(rid, /errcode 40003/);
	});

	it('a token killed elsewhere: the answer is 40001 and the dead-token flow of Check takes over', async function () {
		await outsideForcedStableRefresh(sandbox().url, SANDBOX_WECHAT_APP);
		await sendLine(LINE.send);
		await user.notificationText(/WeChat no longer accepts the token of “Shop” \(errcode 40001\)/);
		await user.wb.clickNotificationButton(/WeChat no longer accepts the token of “Shop”/, 'Get New Token');
		await user.copiedMessage(SHOP);
		await sendLine(LINE.send);
		await eventually(
			() => sandbox().requests.filter((request) => request.path === SEND_PATH).length >= 4,
			'the request sent again with the token in force',
		);
	});

	it('45009: Show Quota reads it; Reset API Quota… asks first (Cancel sends nothing), then resets it', async function () {
		sandbox().configure({ apiDailyLimits: { [SEND_PATH]: 1 } });
		await sendLine(LINE.send);
		await user.notificationText(/errcode 45009/);
		await user.wb.clickNotificationButton(/errcode 45009/, 'Show Quota');
		await user.notificationText(
			new RegExp(`“Shop”, ${SEND_PATH.replace(/\//g, '\\/')}: only 0 of 1 calls left today`),
		);

		await sendLine(LINE.send);
		await user.notificationText(/errcode 45009/);
		await user.wb.clickNotificationButton(/errcode 45009/, 'Reset API Quota…');
		const dialog = await user.wb.modalDialog();
		assert.match(
			await dialog.innerText(),
			/A month allows 10 resets per account, shared with the WeChat web console/,
		);
		await user.wb.clickDialogButton('Cancel');
		await user.page.waitForTimeout(1000);
		assert.equal(sandbox().countRequests(CLEAR_QUOTA_PATH), 0, 'Cancel sent nothing');

		await user.wb.dismissAll();
		await user.mark();
		await user.wb.runCommand('Reset WeChat API Quota…');
		await user.wb.modalDialog();
		await user.wb.clickDialogButton('Reset Quota');
		await user.notificationText('Reset the API quota of “Shop”: every API’s daily count starts over.');
		assert.equal(sandbox().countRequests(CLEAR_QUOTA_PATH), 1);
		assert.equal(sandbox().clearQuotaCount(SANDBOX_WECHAT_APP.appId), 1);
		sandbox().configure({ apiDailyLimits: {} });
	});

	it('a Mini Program code from the catalog, added to the open request file: shown as a picture, saved as a valid PNG', async function () {
		await user.wb.dismissAll();
		await user.wb.activateTab('shop.wechat.http');
		await user.wb.runCommand('New WeChat API Request…');
		await user.wb.waitForInput(/Which WeChat API\?/);
		await user.page.keyboard.type('getwxacodeunlimit');
		await user.wb.pickExact('POST /wxa/getwxacodeunlimit');
		// Appended to the file, the cursor on its request line, ready to send.
		await eventually(
			async () =>
				(await user.page.locator('.editor-group-container.active .view-lines').innerText()).includes(
					'wxacode-unlimited',
				),
			'the request in the file',
		);
		await user.mark();
		await user.page.keyboard.press(SEND_KEY);
		await user.notificationText(/“Shop”: \/wxa\/getwxacodeunlimit answered an image \(image\/png, [\d.]+ KB\)\./);
		await user.page.locator('.tabs-container .tab', { hasText: 'wxa-getwxacodeunlimit.png' }).first().waitFor();
		// VS Code's image preview (a webview: its picture is not in the page's DOM) names itself in the breadcrumbs.
		await user.page.locator('.editor-group-container', { hasText: 'Image Preview' }).first().waitFor();
		await user.readmeScreenshot('api-request-code', ledger.list());

		await user.wb.clickNotificationButton(/answered an image/, 'Save As…');
		// VS Code's own save dialog, at the workspace folder under the answer's name: Enter saves it there.
		await user.wb.waitForInput(/Save WeChat API Answer As|Save As/);
		await user.page.keyboard.press('Enter');
		await user.notificationText('Saved wxa-getwxacodeunlimit.png.');
		const target = workspaceFile('wxa-getwxacodeunlimit.png');
		await eventually(() => existsSync(target), 'the PNG on disk');
		const png = decodePng(readFileSync(target));
		assert.ok(png.width >= 280, `a Mini Program code ${png.width} px wide`);
	});

	it('a request naming another host is refused before anything is sent, and no token is read for it', async function () {
		const before = sandbox().requests.length;
		await sendLine(LINE.elsewhere);
		await user.notificationText(
			/Not sent: the request goes to wechat-proxy\.example\.com, but the token of “Shop” is only ever sent to its WeChat API host/,
		);
		await user.page.waitForTimeout(1000);
		assert.equal(sandbox().requests.length, before, 'no request anywhere');
	});

	it('a written token gets a warning and a quick fix that removes it', async function () {
		const token = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') ?? assert.fail('no token');
		await user.wb.openWorkspaceFile('typed.wechat.http');
		await user.page.keyboard.press('Control+End');
		await user.page.keyboard.type(`\n### leaked\nGET /cgi-bin/get_api_domain_ip?access_token=${token}\n`);
		await user.page.keyboard.press('ArrowUp');
		await user.page.locator('.squiggly-warning').first().waitFor();
		await user.page.keyboard.press('Control+.');
		await user.page.locator('.action-widget', { hasText: 'Remove the access token from the file' }).first().click();
		const lines = user.page.locator('.editor-group-container.active .view-lines').first();
		await eventually(
			async () => !(await lines.innerText()).includes(token.slice(0, 12)),
			'the token gone from the editor',
		);
		await lines.click();
		await user.page.keyboard.press('Control+s');
		await eventually(
			() => /GET \/cgi-bin\/get_api_domain_ip\n/.test(readFileSync(workspaceFile('typed.wechat.http'), 'utf8')),
			'the fixed file saved',
		);
		assert.ok(!readFileSync(workspaceFile('typed.wechat.http'), 'utf8').includes(token), 'no token on disk');
	});

	describe('privacy', function () {
		it('leaves no AppSecret or full token in plaintext outside SecretStorage', async function () {
			await assertNoPlaintextSecrets(session(), ledger, documents);
		});
	});
});
