import * as assert from 'node:assert/strict';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { localTimeMismatch, normalizeSpaces, possibleLocalTimes } from '../unit/support/localTimes';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { issuedToken, logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { useSession } from './support/session';
import { User } from './support/user';

const APPSECRET = /WeChat AppSecret for/;
const CLASSIC = 'Classic Shop';
const BLOG = 'Blog';
const STABLE = 'Stable Shop';
const CLASSIC_PATH = '/cgi-bin/token';
const STABLE_PATH = '/cgi-bin/stable_token';
const FOCUS_TITLE = 'Show WeChat App in Status Bar…';
const FOCUS_PLACEHOLDER = /Which app should the status bar show\?/;
const TWO_HOURS = /(1h 59m|2h 0m)/.source;
const MINUTE = 60_000;

/**
 * Expiry alerts, the status bar focus and auto-refresh, as a user meets them. The settings are written before
 * VS Code starts (code-server does not notice later edits of settings.json): warn 11 minutes before expiry, so an
 * 11-minute token warns at once, and auto-refresh on. Three apps: a classic one (which auto-refresh never touches, so
 * it gets the alert), an Authing one, and a stable one whose short-lived token auto-refresh renews.
 */
describe('Expiry alerts, the app the status bar follows, and auto-refresh', function () {
	const sandbox = () => e2e().sandbox;
	const apps = () => [
		{ name: CLASSIC, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat', host: sandbox().url },
		{
			name: BLOG,
			appId: SANDBOX_WECHAT_APP.appId,
			source: 'authing',
			host: sandbox().url,
			authingAppId: SANDBOX_AUTHING.authingAppId,
		},
		{ name: STABLE, appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: sandbox().url },
	];
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': apps(),
			'wechatAccessToken.warnBeforeExpiryMinutes': 11,
			'wechatAccessToken.autoRefresh': true,
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
	afterEach(function () {
		sandbox().setTokenLifetimeSeconds(7200);
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
	});

	const classicToken = () => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'classic');
	/** Unanchored: a toast's text also holds its source and buttons. */
	const alertOf = (app: string) => new RegExp(`The access token of “${app}” expires in `);

	let fresh = '';

	it('a token expiring within warnBeforeExpiryMinutes: the alert offers Refresh and Copy, and both work', async function () {
		await user.setCredentials(CLASSIC, [{ field: APPSECRET, value: SANDBOX_WECHAT_APP.appSecret }]);
		await user.wb.dismissAll();
		await user.openAppsView();
		sandbox().setTokenLifetimeSeconds(11 * 60);
		const requestedFrom = Date.now();
		await user.getToken(CLASSIC);
		await user.wb.modalDialog();
		await user.wb.clickDialogButton('Allow for This App');
		const first = await issuedToken(classicToken);
		await user.wb.waitForClipboard(first);

		const alert = normalizeSpaces(await user.notificationText(alertOf(CLASSIC)));
		const shownBy = Date.now();
		const [, at = ''] =
			/^The access token of “Classic Shop” expires in 10m \(at (.+)\)\.$/.exec(alert) ?? assert.fail(alert);
		// "10m" left when the alert was made: the expiry is 10 to 11 minutes after a moment between the Get and now, and
		// the rule decides whether that is today (a time) or tomorrow (with the date).
		const possible = possibleLocalTimes(
			[requestedFrom + 10 * MINUTE, shownBy + 11 * MINUTE],
			[requestedFrom, shownBy],
			'en',
		);
		assert.ok(possible.has(at), localTimeMismatch(at, possible));
		const toast = user.wb.notification(alertOf(CLASSIC));
		for (const button of ['Refresh', 'Copy']) {
			await toast.locator('.monaco-button', { hasText: button }).waitFor();
		}
		await user.statusBarText(/^Classic Shop 10m$/);
		await user.readmeScreenshot('expiry-alert', ledger.list());

		// Copy: the known token, no request.
		await user.wb.writeClipboard('');
		await user.mark();
		await user.wb.clickNotificationButton(alertOf(CLASSIC), 'Copy');
		await user.wb.waitForClipboard(first);
		await user.copiedMessage(CLASSIC);
		assert.equal(sandbox().countRequests(CLASSIC_PATH), 1);

		// A new token re-arms the alert; its Refresh gets a new token (the opt-in for the classic endpoint was given; a
		// second classic token within 5 minutes asks to confirm, every time, even from the user's own click).
		await user.wb.dismissAll();
		await user.refreshToken(CLASSIC);
		await user.confirmClassicToken();
		const second = await issuedToken(classicToken, first);
		await user.notificationText(alertOf(CLASSIC));
		sandbox().setTokenLifetimeSeconds(7200);
		await user.wb.writeClipboard('');
		await user.mark();
		await user.wb.clickNotificationButton(alertOf(CLASSIC), 'Refresh');
		await user.confirmClassicToken();
		fresh = await issuedToken(classicToken, second);
		await user.wb.waitForClipboard(fresh);
		await user.statusBarText(new RegExp(`^Classic Shop ${TWO_HOURS}$`));
		assert.equal(sandbox().countRequests(CLASSIC_PATH), 3);
		assert.equal(
			await user.wb.page.locator('.monaco-dialog-box').count(),
			0,
			'no question about forcing, or anything else',
		);
	});

	it('with several apps, the status bar follows the app chosen in the palette, and the tree marks it', async function () {
		await user.statusBarText(new RegExp(`^Classic Shop ${TWO_HOURS}$`));
		await user.wb.runCommand(FOCUS_TITLE);
		await user.wb.waitForInput(FOCUS_PLACEHOLDER);
		const labels = await user.wb.quickPickLabels();
		assert.deepEqual(labels.slice(0, 3), [CLASSIC, BLOG, STABLE]);
		assert.match(labels.at(-1) ?? '', /Follow the Most Recently Used App/);
		await user.wb.pickExact(BLOG);

		// Chosen before it has a token: the choice shows at once, and a click on it gets the token.
		await user.statusBarText(/^Blog — no token yet$/);
		await user.appState(BLOG, /^credentials missing · in status bar$/);
		await user.appState(CLASSIC, new RegExp(`^${TWO_HOURS} left$`));
		await user.statusBar.locator('a').first().click();
		await user.answerCredentials(BLOG, [
			{ field: APPSECRET, value: SANDBOX_WECHAT_APP.appSecret },
			{ field: /Authing user access token \(optional\) for/, value: '' },
		]);
		const blogToken = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
		await user.wb.waitForClipboard(blogToken);
		await user.statusBarText(new RegExp(`^Blog ${TWO_HOURS}$`));
		await user.appState(BLOG, new RegExp(`^${TWO_HOURS} left · in status bar$`));

		// Using another app does not move a chosen status bar.
		await user.getTokenExpect(CLASSIC, fresh);
		await user.statusBarText(new RegExp(`^Blog ${TWO_HOURS}$`));
		await user.wb.dismissAll();
		await user.statusBar.hover();
		await user.wb.page
			.locator('.monaco-hover', { hasText: 'You chose this app for the status bar.' })
			.first()
			.waitFor();
		await user.readmeScreenshot('status-bar-focus', ledger.list());

		// Following the most recently used app again: Classic Shop, just copied.
		await user.wb.runCommand(FOCUS_TITLE);
		await user.wb.waitForInput(FOCUS_PLACEHOLDER);
		await user.wb.pick('Follow the Most Recently Used App');
		await user.statusBarText(new RegExp(`^Classic Shop ${TWO_HOURS}$`));
		await user.appState(BLOG, new RegExp(`^${TWO_HOURS} left$`));
	});

	it('auto-refresh renews a short-lived stable token before it expires, without the user doing anything', async function () {
		await user.setCredentials(STABLE, [{ field: APPSECRET, value: SANDBOX_WECHAT_APP_2.appSecret }]);
		// 5 min 20 s: refreshMarginMinutes (5) is reached 20 s after the Get.
		sandbox().setTokenLifetimeSeconds(320);
		await user.getToken(STABLE);
		const short = await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable'));
		await user.wb.waitForClipboard(short);
		await user.statusBarText(/^Stable Shop 5m$/);
		assert.equal(sandbox().countRequests(STABLE_PATH), 1);
		// From now on the sandbox renews stable tokens in their last 5 minutes, as WeChat does with 2-hour tokens.
		sandbox().setTokenLifetimeSeconds(7200);

		await user.statusBarText(new RegExp(`^Stable Shop ${TWO_HOURS}$`), 60_000);
		await user.waitForStatusBarKind('standard');
		const renewed = sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable');
		assert.ok(renewed !== undefined && renewed !== short && sandbox().isTokenValid(renewed));
		assert.equal(sandbox().countRequests(STABLE_PATH), 2, 'one request renewed it');
		assert.ok(
			sandbox()
				.requests.filter((request) => request.path === STABLE_PATH)
				.every((request) => (request.body as { force_refresh?: unknown }).force_refresh === false),
			'never force_refresh',
		);
		await user.appState(STABLE, new RegExp(`^${TWO_HOURS} left$`));
		assert.equal(await user.wb.readClipboard(), short, 'the clipboard is the user’s: auto-refresh leaves it alone');
		const said = await user.toastsSinceMark();
		assert.ok(
			!said.some((text) => /Stable Shop” expires in|Could not renew/.test(text)),
			`no alert: auto-refresh looked after it (${JSON.stringify(said)})`,
		);
		assert.equal(sandbox().countRequests(CLASSIC_PATH), 3, 'the classic app was left alone');
	});

	describe('privacy', function () {
		it('leaves no AppSecret or full token in plaintext outside SecretStorage', async function () {
			await assertNoPlaintextSecrets(session(), ledger);
		});
	});
});
