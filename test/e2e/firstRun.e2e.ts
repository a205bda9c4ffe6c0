import * as assert from 'node:assert/strict';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { issuedToken } from './support/sandboxTokens';
import { useSession } from './support/session';
import { median, readUserSettings, User } from './support/user';

/**
 * A user's first minutes: the empty sidebar, "Add WeChat App…" step by step (from the welcome link and from the
 * palette), the password boxes, the first token, and how long Enter → clipboard takes.
 */
describe('First run: the empty view, adding apps, the first token', function () {
	const session = useSession(() => ({ settings: {} }));
	let user: User;
	let ledger: SecretLedger;
	const sandbox = () => e2e().sandbox;

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		ledger.add(SANDBOX_AUTHING.accessKeySecret, 'access key secret');
		user = new User(session().wb);
	});

	after(() => ledger.stop());

	it('shows the welcome with the "Add WeChat App" link while no app is configured', async function () {
		const view = await user.openAppsView();
		const welcome = view.locator('.welcome-view-content');
		await welcome.waitFor();
		assert.match(await welcome.innerText(), /No WeChat app yet/);
		await welcome.locator('.monaco-button', { hasText: 'Add WeChat App' }).waitFor();
		assert.equal(await view.locator('.monaco-list-row').count(), 0, 'no app rows');
		await user.readmeScreenshot('welcome', ledger.list());
	});

	it('adds a WeChat stable app from the welcome link: source, name, AppID, host, where to save, then the AppSecret', async function () {
		const { wb } = session();
		const view = await user.openAppsView();
		await user.mark();
		await view.locator('.welcome-view-content .monaco-button', { hasText: 'Add WeChat App' }).click();

		await wb.waitForInput('Where should the token come from?');
		assert.deepEqual(await wb.quickPickLabels(), [
			'Authing application',
			'Authing management API',
			'WeChat stable token',
			'WeChat classic token',
			'Custom token server',
		]);
		await user.readmeScreenshot('add-app', ledger.list());
		await wb.pickExact('WeChat stable token');

		await wb.waitForInput('A name for the app, shown in the sidebar and the status bar.');
		await wb.submitInput('Shop');

		await wb.waitForInput('The WeChat AppID');
		await wb.quickInput.locator('input.input').fill('wx123');
		await wb.waitForInput('An AppID is “wx” followed by 16 lowercase hexadecimal characters');
		await wb.submitInput(SANDBOX_WECHAT_APP.appId);

		await wb.waitForInput('Where requests go.');
		assert.equal(
			await wb.quickInput.locator('input.input').inputValue(),
			'https://api.weixin.qq.com',
			'the WeChat host is the default',
		);
		await wb.submitInput(sandbox().url);

		await wb.waitForInput('Where should the app be saved?');
		await wb.pickExact('User Settings');

		// The password box: its prompt names the field; a wrong format is refused as typed.
		await wb.waitForInput(/WeChat AppSecret for “Shop” \(AppID wx4fc0121bbdb516e8\)/);
		assert.equal(await wb.quickInput.locator('input.input').getAttribute('type'), 'password');
		await wb.quickInput.locator('input.input').fill('not-a-secret');
		await wb.waitForInput('An AppSecret is 32 hexadecimal characters.');
		await user.readmeScreenshot('credentials', ledger.list());
		await wb.submitInput(SANDBOX_WECHAT_APP.appSecret);
		await wb.quickInputHidden();

		assert.match(await user.notificationText('Added “Shop”.'), /^Added “Shop”\.$/);
		await wb.notification('Added “Shop”.').locator('.monaco-button', { hasText: 'Get Token' }).waitFor();
		const apps = readUserSettings(session().server.userDataDir)['wechatAccessToken.apps'];
		assert.deepEqual(apps, [
			{ name: 'Shop', appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
		]);
		await user.appState('Shop', /^no token yet$/);
		assert.equal(sandbox().countRequests(), 0, 'adding an app sends nothing');

		// The message's button gets the first token.
		await user.mark();
		await wb.clickNotificationButton('Added “Shop”.', 'Get Token');
		const token = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
		await wb.waitForClipboard(token);
		assert.ok(sandbox().isTokenValid(token));
		assert.match(
			await user.notificationText(/Copied the access token of “Shop”/),
			/It expires in (1h 59m|2h 0m), at /,
		);
		assert.equal(sandbox().countRequests('/cgi-bin/stable_token'), 1);
	});

	it('"Get WeChat Access Token" (one app: no question) copies the cached token; the status bar counts down; the tree masks the token', async function () {
		const { wb } = session();
		const token = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
		assert.match(
			await user.getTokenExpect(undefined, token),
			/^Copied the access token of “Shop”\. It expires in (1h 59m|2h 0m), at /,
		);
		assert.match(await user.statusBarText(/Shop/), /^Shop (1h 59m|2h 0m)$/);
		assert.equal(await user.statusBarKind(), 'standard');
		await user.appState('Shop', /^(1h 59m|2h 0m) left$/);
		const details = await user.appDetails('Shop');
		assert.equal(details[0], `Token ${token.slice(0, 4)}…${token.slice(-4)}`);
		assert.match(details.join('\n'), /Source WeChat stable token \(wechat-stable\)/);
		assert.ok(!(await wb.visibleText()).includes(token), 'the full token is nowhere on screen');
		assert.equal(sandbox().countRequests('/cgi-bin/stable_token'), 1);
	});

	it('measures Enter on "Get WeChat Access Token" → token on the clipboard, uncached and cached (printed)', async function () {
		this.timeout(180_000);
		const { wb } = session();
		const reps = 5;
		const timeOne = async (expectFetch: boolean): Promise<number> => {
			await wb.writeClipboard('-');
			const before = sandbox().countRequests();
			await wb.typeCommand('Get WeChat Access Token');
			const pressed = Date.now();
			await wb.page.keyboard.press('Enter');
			const { value, at } = await wb.waitForClipboardChange('-');
			assert.equal(value, sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
			assert.equal(
				sandbox().countRequests() - before,
				expectFetch ? 1 : 0,
				expectFetch ? 'one upstream request' : 'served from the cache',
			);
			await wb.dismissAll();
			return at - pressed;
		};
		const uncached: number[] = [];
		const cached: number[] = [];
		try {
			// Uncached: a token shorter than the 5-minute refresh margin is never fresh enough to reuse, so every Get
			// fetches. The sandbox's 2-hour token dies (its clock jumps) and Refresh (normal, not forced) takes a
			// 4-minute one.
			sandbox().setTokenLifetimeSeconds(240);
			sandbox().advance(7200);
			const stableToken = () => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable');
			// The dead 2-hour token stays the sandbox's latest until the Refresh's request arrives: wait for the next.
			const dead = stableToken();
			await wb.runCommand('Refresh WeChat Access Token');
			await (await wb.modalDialog()).locator('.monaco-button', { hasText: 'Get Current Token' }).waitFor();
			await wb.clickDialogButton('Get Current Token');
			await wb.waitForClipboard(await issuedToken(stableToken, dead));
			await user.statusBarText(/^Shop 3m$/);
			await wb.dismissAll();
			for (let rep = 0; rep < reps; rep++) {
				uncached.push(await timeOne(true));
			}
			// Cached: a 2-hour token again (the 4-minute one dies), then every Get reuses it.
			sandbox().setTokenLifetimeSeconds(7200);
			sandbox().advance(240);
			await timeOne(true);
			await user.statusBarText(/^Shop (1h 59m|2h 0m)$/);
			for (let rep = 0; rep < reps; rep++) {
				cached.push(await timeOne(false));
			}
		} finally {
			sandbox().setTokenLifetimeSeconds(7200);
		}
		const show = (values: number[]) => `median ${median(values)} ms (runs: ${values.join(', ')} ms)`;
		console.log(`      [timing] Enter → clipboard, uncached (one request to the sandbox): ${show(uncached)}`);
		console.log(`      [timing] Enter → clipboard, cached: ${show(cached)}`);
	});

	it('adds an Authing management app from the palette: access key ID, then one password box per secret, each naming it', async function () {
		const { wb } = session();
		await wb.runCommand('Add WeChat App…');
		await wb.waitForInput('Where should the token come from?');
		await wb.pickExact('Authing management API');
		await wb.waitForInput('A name for the app');
		await wb.submitInput('Team');
		await wb.waitForInput('The WeChat AppID');
		await wb.submitInput(SANDBOX_WECHAT_APP_2.appId);
		await wb.waitForInput('Where requests go.');
		assert.equal(
			await wb.quickInput.locator('input.input').inputValue(),
			'https://api.authing.cn',
			'the management API host is the default',
		);
		await wb.submitInput(sandbox().url);
		await wb.waitForInput('The access key ID of the user pool');
		await wb.submitInput(SANDBOX_AUTHING.accessKeyId);
		await wb.waitForInput('Where should the app be saved?');
		await wb.pickExact('User Settings');
		await user.answerCredentials('Team', [
			{ field: /WeChat AppSecret for “Team”/, value: SANDBOX_WECHAT_APP_2.appSecret },
			{ field: /Authing access key secret for “Team”/, value: SANDBOX_AUTHING.accessKeySecret },
		]);
		await user.notificationText('Added “Team”.');
		const apps = readUserSettings(session().server.userDataDir)['wechatAccessToken.apps'] as unknown[];
		assert.deepEqual(apps[1], {
			name: 'Team',
			appId: SANDBOX_WECHAT_APP_2.appId,
			source: 'authing-management',
			host: sandbox().url,
			accessKeyId: SANDBOX_AUTHING.accessKeyId,
		});
		assert.ok(!JSON.stringify(apps).includes(SANDBOX_AUTHING.accessKeySecret), 'no secret in the settings');

		// Two apps now: Get asks which one.
		await user.getToken('Team');
		const token = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'));
		await wb.waitForClipboard(token);
		assert.match(await user.statusBarText(/Team/), /^Team (1h 59m|2h 0m)$/);
		await user.appState('Team', /^(1h 59m|2h 0m) left$/);
		assert.equal(sandbox().countRequests('/api/v3/get-management-token'), 1);
	});

	it('leaves no AppSecret, access key secret or full token in plaintext outside SecretStorage', async function () {
		await assertNoPlaintextSecrets(session(), ledger);
	});
});
