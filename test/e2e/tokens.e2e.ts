import * as assert from 'node:assert/strict';
import { closedPort } from '../../scripts/host/closedPort';
import { localTimeMismatch, normalizeSpaces, possibleLocalTimes } from '../unit/support/localTimes';
import { SANDBOX_AUTHING, SANDBOX_CALLER_IP, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { issuedToken, logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { useSession } from './support/session';
import { eventually, User } from './support/user';

const APPSECRET = /WeChat AppSecret for/;
const MINUTE = 60_000;
/** A well-formed AppSecret that is not the app's: WeChat answers 40125. */
const WRONG_APPSECRET = '0123456789abcdef0123456789abcdef';

/**
 * Apps configured in the user settings (as a user who edited settings.json would have them), one per source, plus
 * one whose secret is wrong and one whose host is down. Tokens, errors, the countdown and a reload, all against the
 * sandbox.
 */
describe('Tokens from every source, failures, the countdown and a reload', function () {
	let offlineHost = '';
	const sandbox = () => e2e().sandbox;
	const apps = () => [
		{
			name: 'Authing App',
			appId: SANDBOX_WECHAT_APP.appId,
			source: 'authing',
			host: sandbox().url,
			authingAppId: SANDBOX_AUTHING.authingAppId,
		},
		{
			name: 'Management App',
			appId: SANDBOX_WECHAT_APP_2.appId,
			source: 'authing-management',
			host: sandbox().url,
			accessKeyId: SANDBOX_AUTHING.accessKeyId,
		},
		{ name: 'Stable App', appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: sandbox().url },
		{ name: 'Classic App', appId: SANDBOX_WECHAT_APP.appId, source: 'wechat', host: sandbox().url },
		{ name: 'Wrong Secret App', appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
		{ name: 'Offline App', appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: offlineHost },
	];
	// Warn 11 minutes before expiry: 2-hour tokens count down calmly, an 11-minute one warns at once.
	const settings = () => ({ 'wechatAccessToken.apps': apps(), 'wechatAccessToken.warnBeforeExpiryMinutes': 11 });

	// The profile is written when the session starts: the offline host must be known before that.
	before(async function () {
		offlineHost = `http://127.0.0.1:${await closedPort()}`;
	});
	const session = useSession(() => ({ settings: settings() }));
	let user: User;
	let ledger: SecretLedger;

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		ledger.add(SANDBOX_AUTHING.accessKeySecret, 'access key secret');
		ledger.add(WRONG_APPSECRET, 'the wrong AppSecret the user typed');
		user = new User(session().wb);
	});
	after(() => ledger.stop());
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
	});

	/** The Get a user runs, and the token the sandbox says the app has now. */
	const getAndExpect = async (app: string, token: () => string | undefined): Promise<string> => {
		await user.getToken(app);
		const value = await issuedToken(token);
		await user.wb.waitForClipboard(value);
		assert.ok(sandbox().isTokenValid(value), 'the sandbox accepts the token');
		return value;
	};

	/** What every source must show after a successful Get. */
	const expectShown = async (app: string, token: string, sourceLabel: RegExp): Promise<void> => {
		const checkedFrom = Date.now();
		assert.match(await user.copiedMessage(app), /It expires in (1h 59m|2h 0m), at /);
		assert.match(await user.statusBarText(new RegExp(app)), new RegExp(`^${app} (1h 59m|2h 0m)$`));
		assert.equal(await user.statusBarKind(), 'standard');
		await user.appState(app, /^(1h 59m|2h 0m) left$/);
		const details = await user.appDetails(app);
		assert.equal(details[0], `Token ${token.slice(0, 4)}…${token.slice(-4)}`, 'the tree shows the masked token');
		// "1h 59m" or "2h 0m" left: the expiry is 119 to 121 minutes after a moment of this check, and the rule decides
		// whether that is today (a time) or tomorrow (with the date), in this machine's zone, as in the extension host.
		const checkedTo = Date.now();
		const possible = possibleLocalTimes(
			[checkedFrom + 119 * MINUTE, checkedTo + 121 * MINUTE],
			[checkedFrom, checkedTo],
			'en',
		);
		const expiresAt = normalizeSpaces(details[1] ?? '').replace(/^Expires at /, '');
		assert.ok(possible.has(expiresAt), localTimeMismatch(expiresAt, possible));
		assert.match(details[2] ?? '', sourceLabel);
		assert.equal(details[3], `Host ${sandbox().url}`);
		assert.ok(!(await user.wb.visibleText()).includes(token), 'the full token is nowhere on screen');
		await user.collapseApp(app);
	};

	describe('each source', function () {
		it('authing: the first Get asks for the AppSecret (and the optional user token), then copies the token', async function () {
			await user.getToken('Authing App');
			await user.answerCredentials('Authing App', [
				{ field: APPSECRET, value: SANDBOX_WECHAT_APP.appSecret },
				{ field: /Authing user access token \(optional\) for/, value: '' },
			]);
			const token = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
			await user.wb.waitForClipboard(token);
			await expectShown('Authing App', token, /^Source Authing application \(authing\)$/);
			assert.equal(sandbox().countRequests('/api/v3/get-wechat-access-token-info'), 1);
		});

		it('authing-management: "Set WeChat App Credentials…" takes the AppSecret and the access key secret, then Get', async function () {
			await user.setCredentials('Management App', [
				{ field: APPSECRET, value: SANDBOX_WECHAT_APP_2.appSecret },
				{ field: /Authing access key secret for “Management App”/, value: SANDBOX_AUTHING.accessKeySecret },
			]);
			await user.appState('Management App', /^no token yet$/);
			const token = await getAndExpect('Management App', () =>
				sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'),
			);
			await expectShown('Management App', token, /^Source Authing management API \(authing-management\)$/);
			assert.equal(sandbox().countRequests('/api/v3/get-management-token'), 1);
		});

		it('wechat-stable: the secrets saved for the same AppID are offered, sent only after the user confirms the host', async function () {
			await user.wb.runCommand('Set WeChat App Credentials…');
			await user.pickApp('Stable App', /Set the credentials of which app\?/, () =>
				user.wb.runCommand('Set WeChat App Credentials…'),
			);
			const dialog = await user.wb.modalDialog();
			assert.match(
				await dialog.innerText(),
				/Secrets for AppID wx9c3c2fcdb21c55cd were saved for Authing management API at http:\/\/127\.0\.0\.1:\d+\. Send them to WeChat stable token at http:\/\/127\.0\.0\.1:\d+\?/,
			);
			await user.wb.clickDialogButton(`Use Them for ${sandbox().url}`);
			await user.appState('Stable App', /^no token yet$/);
			const token = await getAndExpect('Stable App', () =>
				sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'),
			);
			await expectShown('Stable App', token, /^Source WeChat stable token \(wechat-stable\)$/);
			assert.equal(sandbox().countRequests('/cgi-bin/stable_token'), 1);
		});

		it('wechat (classic): nothing is sent until the user allows the classic endpoint for this app in a modal', async function () {
			await user.setCredentials('Classic App', [{ field: APPSECRET, value: SANDBOX_WECHAT_APP.appSecret }]);
			// Declining: nothing is sent, nothing is said.
			await user.getToken('Classic App');
			let dialog = await user.wb.modalDialog();
			assert.match(await dialog.innerText(), /Use WeChat’s classic token endpoint for “Classic App”\?/);
			assert.match(await dialog.innerText(), /invalidates the token your servers use/);
			await user.wb.clickDialogButton('Cancel');
			await dialog.waitFor({ state: 'hidden' });
			assert.equal(sandbox().countRequests('/cgi-bin/token'), 0, 'declined: no request');
			await user.appState('Classic App', /^no token yet$/);
			assert.deepEqual(await user.toastsSinceMark(), [], 'declined: no message');
			// Allowing, once per app.
			await user.getToken('Classic App');
			dialog = await user.wb.modalDialog();
			assert.match(await dialog.innerText(), /Use WeChat’s classic token endpoint for “Classic App”\?/);
			await user.wb.clickDialogButton('Allow for This App');
			const classic = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic'));
			await user.wb.waitForClipboard(classic);
			await expectShown('Classic App', classic, /^Source WeChat classic token \(wechat\)$/);
			assert.equal(sandbox().countRequests('/cgi-bin/token'), 1);
			// Asked once: the next Get neither asks nor fetches (the token is cached).
			await user.wb.dismissAll();
			await user.getTokenExpect('Classic App', classic);
			assert.equal(await user.wb.page.locator('.monaco-dialog-box').count(), 0, 'no second question');
			assert.equal(sandbox().countRequests('/cgi-bin/token'), 1);
		});

		it('the sidebar lists every app with its state; the status bar follows the last token used', async function () {
			await user.getTokenExpect(
				'Authing App',
				sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string,
			);
			await user.statusBarText(/^Authing App (1h 59m|2h 0m)$/);
			const view = await user.openAppsView();
			for (const [app, state] of [
				['Authing App', /^(1h 59m|2h 0m) left$/],
				['Management App', /^(1h 59m|2h 0m) left$/],
				['Stable App', /^(1h 59m|2h 0m) left$/],
				['Classic App', /^(1h 59m|2h 0m) left$/],
				['Wrong Secret App', /^credentials missing$/],
				['Offline App', /^credentials missing$/],
			] as const) {
				await user.appState(app, state);
			}
			await user.appDetails('Authing App');
			await user.wb.dismissAll();
			await view.hover(); // the hover the status bar may show is not part of the picture
			await user.readmeScreenshot('tree-and-status', ledger.list());
			await user.collapseApp('Authing App');
		});
	});

	describe('failures leave the secrets and the cached token as they were', function () {
		let cached = '';

		/** The cached token of "Authing App" is still on the clipboard and in the status bar, and Get reuses it. */
		const expectCacheIntact = async (): Promise<void> => {
			assert.equal(await user.wb.readClipboard(), cached, 'the clipboard still holds the earlier token');
			await user.statusBarText(/^Authing App (1h 59m|1h 58m|2h 0m)$/);
			const requests = sandbox().countRequests();
			await user.getTokenExpect('Authing App', cached);
			assert.equal(sandbox().countRequests(), requests, 'no new upstream request: the cached token was reused');
		};

		before(function () {
			cached = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
		});

		beforeEach(async function () {
			sandbox().clearFaults();
			// Each failure starts from the cached token of "Authing App" on the clipboard (no request).
			const requests = sandbox().countRequests();
			await user.getTokenExpect('Authing App', cached);
			assert.equal(sandbox().countRequests(), requests);
			await user.wb.dismissAll();
		});

		afterEach(() => sandbox().clearFaults());

		it('wrong AppSecret: the message says so and its "Set Credentials" button asks for the AppSecret again', async function () {
			await user.setCredentials('Wrong Secret App', [{ field: APPSECRET, value: WRONG_APPSECRET }]);
			await user.wb.dismissAll();
			await user.getToken('Wrong Secret App');
			const message = await user.notificationText(/“Wrong Secret App”: The AppSecret was refused/);
			assert.match(
				message,
				/Enter the current AppSecret from the WeChat platform \(Development → Basic settings\)\. \(WeChat error 40125, request ID \S+\)/,
			);
			await user.appState('Wrong Secret App', /^AppSecret refused$/);
			await expectCacheIntact();
			await user.wb.clickNotificationButton(/The AppSecret was refused/, 'Set Credentials');
			await user.wb.waitForInput('Leave empty to keep the saved one');
			await user.answerCredentials('Wrong Secret App', [
				{ field: APPSECRET, value: SANDBOX_WECHAT_APP.appSecret },
			]);
			await user.notificationText('Saved the credentials of “Wrong Secret App”.');
			// The corrected secret works at once.
			await user.getTokenExpect('Wrong Secret App', cached);
			await user.appState('Wrong Secret App', /^(1h 59m|1h 58m|2h 0m) left$/);
		});

		it('IP not whitelisted (40164): the message names the IP and links the whitelist docs', async function () {
			sandbox().addFault({ kind: 'wechat-errcode', errcode: 40164, path: '/api/v3' });
			const requests = sandbox().countRequests();
			await user.refreshToken('Authing App');
			const message = await user.notificationText(/WeChat refused the call from IP/);
			assert.match(
				message,
				new RegExp(
					`^“Authing App”: WeChat refused the call from IP ${SANDBOX_CALLER_IP.replace(/\./g, '\\.')}: it is not in the app’s API IP whitelist\\.`,
				),
			);
			assert.match(message, /\(WeChat error 40164, request ID \S+\)$/);
			const toast = user.wb.notification(/WeChat refused the call from IP/);
			for (const button of ['Open IP Whitelist Docs', 'Retry', 'Show Log']) {
				await toast.locator('.monaco-button', { hasText: button }).waitFor();
			}
			assert.ok(sandbox().countRequests() > requests, 'the refresh went upstream');
			// The tree keeps the valid token and adds why the refresh failed.
			await user.appState('Authing App', /^(1h 59m|1h 58m) left · IP not whitelisted$/);
			assert.match(
				(await user.appDetails('Authing App'))[0] ?? '',
				new RegExp(`^Token ${cached.slice(0, 4)}…${cached.slice(-4)}$`),
			);
			await user.collapseApp('Authing App');
			await user.readmeScreenshot('error-ip-whitelist', ledger.list());
			sandbox().clearFaults();
			await user.wb.dismissAll();
			await expectCacheIntact();
		});

		it('sandbox down: the message names the host that cannot be reached', async function () {
			await user.wb.runCommand('Set WeChat App Credentials…');
			await user.pickApp('Offline App', /Set the credentials of which app\?/, () =>
				user.wb.runCommand('Set WeChat App Credentials…'),
			);
			const dialog = await user.wb.modalDialog();
			assert.match(
				await dialog.innerText(),
				new RegExp(`Send them to WeChat stable token at ${offlineHost.replace(/\./g, '\\.')}\\?`),
			);
			await user.wb.clickDialogButton(`Use Them for ${offlineHost}`);
			await user.appState('Offline App', /^no token yet$/);
			await user.getToken('Offline App');
			const message = await user.notificationText(/Could not reach/);
			assert.equal(
				message,
				`“Offline App”: Could not reach ${offlineHost}. Check your network connection and proxy, then retry.`,
			);
			await user.appState('Offline App', /^network error$/);
			await user.wb.dismissAll();
			await expectCacheIntact();
		});

		it('slow sandbox: Cancel on the progress notification stops the request, silently', async function () {
			sandbox().addFault({ kind: 'slow', delayMs: 20_000, path: '/api/v3', times: 1 });
			const requests = sandbox().countRequests();
			await user.refreshToken('Authing App');
			const progress = user.wb.notification('Getting the access token of “Authing App”…');
			await progress.waitFor();
			await eventually(() => sandbox().countRequests() > requests, 'the slow request to arrive');
			const cancelledAt = user.wb.now();
			await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
			await progress.waitFor({ state: 'detached' });
			await user.appState('Authing App', /^(1h 59m|1h 58m|2h 0m) left$/); // no failure recorded
			await expectCacheIntact();
			// Whatever the cancelled command had to say would have shown before the next command's message.
			const said = (await user.wb.toastHistory(cancelledAt)).map((toast) => toast.text);
			assert.equal(said.length, 1, `only the next Get's message showed: ${JSON.stringify(said)}`);
			assert.match(said[0] ?? '', /^Copied the access token of “Authing App”/);
		});

		it('the stored secrets still work: Refresh fetches again with them', async function () {
			const requests = sandbox().countRequests('/api/v3/get-wechat-access-token-info');
			await user.wb.writeClipboard('');
			await user.refreshToken('Authing App');
			await user.wb.waitForClipboard(cached);
			await user.copiedMessage('Authing App');
			assert.equal(sandbox().countRequests('/api/v3/get-wechat-access-token-info'), requests + 1);
			await user.appState('Authing App', /^(1h 59m|1h 58m|2h 0m) left$/); // the success cleared the last failure
		});
	});

	describe('the countdown', function () {
		afterEach(function () {
			sandbox().setTokenLifetimeSeconds(7200);
		});

		it('turns to a warning under warnBeforeExpiryMinutes, and to an error once expired; a click then gets a new token', async function () {
			this.timeout(180_000);
			// warnBeforeExpiryMinutes is 11: an 11-minute token warns from the start.
			sandbox().setTokenLifetimeSeconds(660);
			const before = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic');
			await user.refreshToken('Classic App');
			// Within 5 minutes of the last classic token (the Get in an earlier test, if it was that recent) a second one asks.
			await user.confirmClassicTokenIfAsked(
				() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic') !== before,
			);
			const warning = await issuedToken(
				() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic'),
				before,
			);
			await user.wb.waitForClipboard(warning);
			await user.statusBarText(/^Classic App 10m$/);
			await user.waitForStatusBarKind('warning');
			await user.appState('Classic App', /^10m left$/);
			await user.wb.dismissAll();
			await user.readmeScreenshot('countdown-warning', ledger.list());

			// A 20-second token counts down in seconds, then expires.
			sandbox().setTokenLifetimeSeconds(20);
			await user.refreshToken('Classic App');
			await user.confirmClassicToken();
			const short = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic'), warning);
			await user.wb.waitForClipboard(short);
			await user.statusBarText(/^Classic App 1\ds$/);
			assert.equal(await user.statusBarKind(), 'warning');
			await user.statusBarText(/^Classic App expired$/, 30_000);
			await user.waitForStatusBarKind('error');
			await user.appState('Classic App', /^expired$/);
			await user.wb.dismissAll();
			await user.readmeScreenshot('countdown-expired', ledger.list());

			// Clicking the expired item gets a new token: the classic opt-in was given, and the click is the user's, so the only
			// question is the second confirmation (the last classic token is seconds old).
			sandbox().setTokenLifetimeSeconds(7200);
			const requests = sandbox().countRequests('/cgi-bin/token');
			await user.statusBar.locator('a').first().click();
			await user.confirmClassicToken();
			const fresh = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic'), short);
			assert.equal(sandbox().countRequests('/cgi-bin/token'), requests + 1);
			await user.wb.waitForClipboard(fresh);
			await user.statusBarText(/^Classic App (1h 59m|2h 0m)$/);
			await user.waitForStatusBarKind('standard');
		});
	});

	describe('a reload of the window', function () {
		it('restores the countdown from the cached token without a new request', async function () {
			const token = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable') as string;
			await user.wb.writeClipboard('');
			await user.refreshToken('Authing App');
			await user.wb.waitForClipboard(token);
			await user.copiedMessage('Authing App');
			await user.statusBarText(/^Authing App (1h 59m|2h 0m|1h 58m)$/);
			const requests = sandbox().countRequests();

			await user.openAppsView();
			await user.wb.reload();
			await user.statusBarText(/^Authing App (1h 59m|2h 0m|1h 58m)$/, 60_000);
			await user.appState('Authing App', /^(1h 59m|1h 58m|2h 0m) left$/);
			assert.equal(sandbox().countRequests(), requests, 'the reload sent nothing');
			// The view was open before the reload, so it is drawn while the extension starts: it must not say, even
			// for a moment, that there is no app.
			assert.deepEqual(
				(await user.wb.welcomeHistory()).filter((welcome) => welcome.text.includes('No WeChat app yet')),
				[],
			);

			await user.getTokenExpect('Authing App', token);
			assert.equal(sandbox().countRequests(), requests, 'Get reused the restored token');
		});
	});

	describe('privacy', function () {
		it('leaves no AppSecret, access key secret or full token in plaintext outside SecretStorage', async function () {
			await assertNoPlaintextSecrets(session(), ledger);
		});
	});
});
