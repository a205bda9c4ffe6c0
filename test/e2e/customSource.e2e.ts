import * as assert from 'node:assert/strict';
import { SANDBOX_TEAM, SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { issuedToken } from './support/sandboxTokens';
import { useSession } from './support/session';
import { readUserSettings, User } from './support/user';
import { escapeRegExp } from './support/workbench';

const APP = 'Team Server';
const HEADER_BOX = new RegExp(`Value of the X-Team-Key header for “${APP}”`);

/**
 * A team's own token server as the `custom` source: added through "Add WeChat App…" (URL checked as typed, an answer
 * preset, the auth header's name), its header value typed into a password box, then the token the team server holds
 * on the clipboard. Against the sandbox's `GET /team/wechat/token`, which wants `X-Team-Key` and answers like WeChat.
 */
describe('Custom token server: add it in the UI, enter its header value, get the central token', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({ settings: {} }));
	let user: User;
	let ledger: SecretLedger;
	const centralToken = (): string | undefined => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable');

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		ledger.add(SANDBOX_TEAM.wechatStyleKey, 'X-Team-Key value');
		user = new User(session().wb);
	});
	after(() => ledger.stop());
	afterEach(() => sandbox().clearFaults());

	it('"Add WeChat App…" → Custom token server: URL, answer shape and header name, each checked as typed, then the header value', async function () {
		const { wb } = session();
		await user.mark();
		await wb.runCommand('Add WeChat App…');
		await wb.waitForInput('Where should the token come from?');
		await wb.pickExact('Custom token server');
		await wb.waitForInput('A name for the app');
		await wb.submitInput(APP);
		await wb.waitForInput('The WeChat AppID');
		await wb.submitInput(SANDBOX_WECHAT_APP.appId);

		await wb.waitForInput('The URL of your team’s token server.');
		await wb.quickInput.locator('input.input').fill('http://tokens.example.com/wechat/token?appid=${appId}');
		await wb.waitForInput('${appId} is the only placeholder.');
		await wb.submitInput(`${sandbox().url}/team/wechat/token?appid=\${appId}`);

		await wb.waitForInput('What does the token server answer?');
		assert.deepEqual(await wb.quickPickLabels(), [
			'WeChat’s own answer',
			'Envelope with a code',
			'Authing-style envelope',
		]);
		await wb.pickExact('WeChat’s own answer');

		await wb.waitForInput('The header your token server checks');
		await wb.quickInput.locator('input.input').fill('X Team Key');
		await wb.waitForInput('Enter a header name such as Authorization or X-Api-Key');
		await wb.submitInput('X-Team-Key');

		await wb.waitForInput('Where should the app be saved?');
		await wb.pickExact('User Settings');

		// The password box names the header and the URL the value is sent to.
		await wb.waitForInput(HEADER_BOX);
		const prompt = await wb.inputMessage();
		assert.match(
			prompt,
			new RegExp(
				`Kept in your system keyring and sent only to ${escapeRegExp(sandbox().url)}/team/wechat/token\\?appid=${SANDBOX_WECHAT_APP.appId}\\.`,
			),
		);
		assert.equal(await wb.quickInput.locator('input.input').getAttribute('type'), 'password');
		await wb.quickInput.locator('input.input').fill(SANDBOX_TEAM.wechatStyleKey);
		assert.ok(!(await wb.visibleText()).includes(SANDBOX_TEAM.wechatStyleKey), 'the typed value shows as dots');
		await wb.page.keyboard.press('Enter');
		await wb.quickInputHidden();

		const added = await user.notificationText(`Added “${APP}”.`);
		assert.match(
			added,
			/If your token server answers differently, change its token path, expiry path and success rule in the settings\./,
		);
		for (const button of ['Get Token', 'Open Settings']) {
			await wb.notification(`Added “${APP}”.`).locator('.monaco-button', { hasText: button }).waitFor();
		}
		const apps = readUserSettings(session().server.userDataDir)['wechatAccessToken.apps'];
		assert.deepEqual(apps, [
			{
				name: APP,
				source: 'custom',
				appId: SANDBOX_WECHAT_APP.appId,
				custom: {
					url: `${sandbox().url}/team/wechat/token?appid=\${appId}`,
					authHeader: 'X-Team-Key',
					method: 'GET',
					tokenPath: 'access_token',
					expiresInPath: 'expires_in',
					success: { path: 'errcode', equals: 0, orAbsent: true },
				},
			},
		]);
		assert.ok(
			!JSON.stringify(apps).includes(SANDBOX_TEAM.wechatStyleKey),
			'the header value is not in the settings',
		);
		await user.appState(APP, /^no token yet$/);
		assert.equal(sandbox().countRequests(), 0, 'adding an app sends nothing');
	});

	it('"Get WeChat Access Token" copies the token the team server holds; the tree names the source, the token masked', async function () {
		const { wb } = session();
		await wb.dismissAll();
		await wb.writeClipboard('');
		await user.getToken(); // one app: no question which
		const token = await issuedToken(centralToken);
		await wb.waitForClipboard(token);
		assert.match(await user.copiedMessage(APP), /It expires in (1h 59m|2h 0m), at /);
		assert.ok(sandbox().isTokenValid(token), 'the sandbox accepts the token');
		const [request] = sandbox().requests;
		assert.equal(request?.path, '/team/wechat/token');
		assert.deepEqual(request?.query, { appid: SANDBOX_WECHAT_APP.appId });
		assert.equal(request?.headers['x-team-key'], SANDBOX_TEAM.wechatStyleKey);

		assert.match(await user.statusBarText(new RegExp(APP)), new RegExp(`^${APP} (1h 59m|2h 0m)$`));
		await user.appState(APP, /^(1h 59m|2h 0m) left$/);
		const details = await user.appDetails(APP);
		assert.equal(details[0], `Token ${token.slice(0, 4)}…${token.slice(-4)}`);
		assert.match(details.join('\n'), /Source Custom token server \(custom\)/);
		assert.match(details.join('\n'), new RegExp(`Host ${escapeRegExp(sandbox().url)}`));
		assert.ok(!(await wb.visibleText()).includes(token), 'the full token is nowhere on screen');
		await wb.dismissAll();
		await user.readmeScreenshot('custom-source', ledger.list());
		await user.collapseApp(APP);
	});

	it('a refused header value: the message says to enter it again, and its button asks for it by the header’s name', async function () {
		const { wb } = session();
		sandbox().addFault({ kind: 'http-error', status: 401, body: 'json', path: '/team/wechat/token', times: 1 });
		await user.refreshToken();
		const message = await user.notificationText(/refused the request’s credentials/);
		assert.equal(
			message,
			`“${APP}”: ${sandbox().url} refused the request’s credentials. Enter the value of its auth header again; if it wants one and none is named, set “custom.authHeader” in the settings first.`,
		);
		await user.appState(APP, /^(1h 59m|1h 58m|2h 0m) left · credentials refused$/);
		await wb.clickNotificationButton(/refused the request’s credentials/, 'Set Credentials');
		await wb.waitForInput('Leave empty to keep the saved one');
		await user.answerCredentials(APP, [{ field: HEADER_BOX, value: '' }]);
		await user.notificationText(`Saved the credentials of “${APP}”.`);
		const token = centralToken() as string;
		await wb.writeClipboard('');
		await user.refreshToken();
		await wb.waitForClipboard(token);
		await user.appState(APP, /^(1h 59m|1h 58m|2h 0m) left$/);
	});

	it('leaves no header value or full token in plaintext outside SecretStorage', async function () {
		await assertNoPlaintextSecrets(session(), ledger);
	});
});
