import * as assert from 'node:assert/strict';
import { SANDBOX_CALLER_IP, SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { readOpenDocument } from './support/tokenHealthSteps';
import { eventually, User } from './support/user';

const APP = '商城';

/**
 * VS Code in Simplified Chinese. code-server picks the display language from a language pack listed in the
 * profile's languagepacks.json (none can be downloaded here), so the profile gets a stub entry for zh-cn: VS Code's
 * own labels stay English, but `vscode.env.language` is `zh-cn`, which is what makes VS Code use the extension's
 * package.nls.zh-cn.json (titles) and l10n/bundle.l10n.zh-cn.json (messages). See scripts/HOST_NOTES.md.
 */
describe('zh-CN: Chinese titles and messages', function () {
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

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		user = new User(session().wb);
	});
	after(() => ledger.stop());
	afterEach(() => sandbox().clearFaults());

	it('the command palette lists the commands under their Chinese titles (package.nls.zh-cn.json)', async function () {
		const { wb } = session();
		for (const title of ['获取微信 Access Token', '刷新微信 Access Token', '添加微信应用…', '设置微信应用凭据…']) {
			assert.ok(await wb.paletteHas(title), `the palette offers “${title}”`);
		}
		// The sidebar's state of an app without secrets, from the l10n bundle.
		await user.appState(APP, /^缺少凭据$/);
	});

	it('"获取微信 Access Token": the password box, its validation and the success message are in Chinese (bundle.l10n.zh-cn.json)', async function () {
		const { wb } = session();
		await user.mark();
		await wb.runCommand('获取微信 Access Token');
		await wb.waitForInput(`“${APP}”的凭据（1/1）`);
		assert.match(
			await wb.inputMessage(),
			new RegExp(
				`^“${APP}”的微信 AppSecret（AppID ${SANDBOX_WECHAT_APP.appId}）。保存在系统钥匙串中，只会发送到 `,
			),
		);
		await wb.quickInput.locator('input.input').fill('abc');
		await wb.waitForInput('AppSecret 是 32 位十六进制字符。');
		await wb.submitInput(SANDBOX_WECHAT_APP.appSecret);

		await eventually(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') !== undefined, 'a token');
		const token = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
		await wb.waitForClipboard(token);
		assert.match(
			await user.notificationText(`已复制“${APP}”的 Access Token。`),
			/^已复制“商城”的 Access Token。(1h 59m|2h 0m)后过期，过期时间 .+。$/,
		);
		assert.match(await user.statusBarText(new RegExp(APP)), /^商城 (1h 59m|2h 0m)$/);
		await user.appState(APP, /^剩余 (1h 59m|2h 0m)$/);
		const details = await user.appDetails(APP);
		assert.equal(details[0], `令牌 ${token.slice(0, 4)}…${token.slice(-4)}`);
		assert.match(details.join('\n'), /^来源 .+ \(wechat-stable\)$/m);
		await user.readmeScreenshot('zh-cn', ledger.list());
	});

	it('an error message in Chinese: the IP whitelist (40164) names the IP', async function () {
		const { wb } = session();
		sandbox().addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/cgi-bin/stable_token' });
		await user.mark();
		await wb.runCommand('刷新微信 Access Token');
		await wb.modalDialog();
		await wb.clickDialogButton('获取当前令牌');
		const message = await user.notificationText(/微信拒绝了来自 IP/);
		assert.match(
			message,
			new RegExp(
				`^“${APP}”：微信拒绝了来自 IP ${SANDBOX_CALLER_IP.replace(/\./g, '\\.')} 的调用：它不在应用的 API IP 白名单中。`,
			),
		);
	});

	it('JS-SDK in Chinese: the ticket’s message, the signing note about the # part, and the diagnosis document', async function () {
		const { wb } = session();
		await wb.dismissAll();
		await user.mark();
		await wb.runCommand('获取 JS-SDK 票据');
		assert.match(
			await user.notificationText(`已复制“${APP}”的 JS-SDK 票据`),
			/^已复制“商城”的 JS-SDK 票据，1h 5\dm后（.+）过期。$/,
		);
		const page = 'https://shop.example.com/pay?order=42';
		await user.mark();
		await wb.runCommand('签名 JS-SDK 页面…');
		await wb.waitForInput(/location\.href/);
		await wb.submitInput(`${page}#/confirm`);
		assert.match(
			await user.notificationText(`已为“${APP}”签名 ${page}，并复制了它的 wx.config。`),
			/已去掉“#\/confirm”：微信签名的 URL 不含 # 及其后的部分。/,
		);

		const milliseconds = String(Date.now());
		const nonceStr = 'zhNonce000000001';
		const signature = sandbox().jsSdkSignature({
			appId: SANDBOX_WECHAT_APP.appId,
			url: page,
			nonceStr,
			timestamp: milliseconds,
		});
		await wb.writeClipboard(
			`wx.config({ appId: '${SANDBOX_WECHAT_APP.appId}', timestamp: ${milliseconds}, nonceStr: '${nonceStr}', signature: '${String(signature)}', jsApiList: [] })`,
		);
		await user.mark();
		await wb.runCommand('诊断 JS-SDK 签名…');
		await wb.waitForInput(/location\.href/);
		await wb.submitInput(page);
		const text = await readOpenDocument(wb, 'jssdk-diagnosis-1.md');
		assert.match(text, /^# JS-SDK 签名检查$/m);
		assert.match(text, /✗ 原因：时间戳是毫秒/);
		assert.match(text, /如果微信提示“invalid url domain”/);
	});

	it('the walkthrough in Chinese, from the palette: its title and steps from package.nls.zh-cn.json', async function () {
		const { wb } = session();
		await wb.dismissAll();
		await wb.runCommand('打开入门演练');
		const walkthrough = wb.page.locator('.gettingStartedContainer').first();
		await walkthrough.locator('h1, .category-title', { hasText: '微信 Access Token 入门' }).first().waitFor();
		for (const title of [
			'选择令牌来源',
			'添加应用及其密钥',
			'获取令牌',
			'检查令牌是否可用',
			'用令牌做事',
			'日志和设置在哪里',
		]) {
			await walkthrough.locator('.getting-started-step', { hasText: title }).first().waitFor();
		}
	});

	it('leaves no AppSecret or full token in plaintext outside SecretStorage', async function () {
		await assertNoPlaintextSecrets(session(), ledger);
	});
});
