import * as assert from 'node:assert/strict';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { outsideForcedStableRefresh, readOpenDocument, stableRequests } from './support/tokenHealthSteps';
import { eventually, User } from './support/user';

const SHOP = 'Shop';
const BLOG = 'Blog';
const TICKET_PATH = '/cgi-bin/ticket/getticket';
const GET_TICKET = 'Get JS-SDK Ticket';
const SIGN = 'Sign JS-SDK Page…';
const DIAGNOSE = 'Diagnose JS-SDK Signature…';
/** The page a team's Official Account serves: a single-page app whose route is after the `#`. */
const PAGE = 'https://shop.example.com/pay?order=42';
const ROUTE = '#/confirm';

/** `wx.config({...})` as the product writes it: its four values. */
function configValues(snippet: string): { appId: string; timestamp: string; nonceStr: string; signature: string } {
	const value = (key: string): string =>
		new RegExp(`\\b${key}: "?([^",\\n]+)"?,`).exec(snippet)?.[1] ?? assert.fail(`no ${key} in ${snippet}`);
	return {
		appId: value('appId'),
		timestamp: value('timestamp'),
		nonceStr: value('nonceStr'),
		signature: value('signature'),
	};
}

/**
 * Issue 21, as a user of an Official Account's web page meets it in code-server: the JS-SDK ticket (cached like the
 * token, so a second Get and a second window send nothing), a signed `wx.config` for a URL with a `#` route, the
 * diagnosis of two classic mistakes (a millisecond timestamp, the `#` part signed), and a token killed elsewhere
 * found by getticket. The sandbox plays WeChat and computes the signatures with its own implementation of the rule.
 */
describe('JS-SDK: ticket, signature and diagnosis', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{ name: SHOP, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
				{ name: BLOG, appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: sandbox().url },
			],
		},
	}));
	let user: User;
	let ledger: SecretLedger;
	/** The diagnosis documents the suite opened, for the privacy scan at the end. */
	const documents: { what: string; text: string }[] = [];
	const ticketRequests = (): number => sandbox().countRequests(TICKET_PATH);

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		user = new User(session().wb);
	});
	after(() => ledger.stop());
	afterEach(function () {
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
	});

	/** Runs a command from the palette and picks the app, as a user with two apps does. */
	async function runFor(title: string, app: string, placeholder: RegExp, on: User = user): Promise<void> {
		await on.mark();
		await on.wb.runCommand(title);
		await on.pickApp(app, placeholder, () => on.wb.runCommand(title));
	}

	async function getTicket(app: string, on: User = user): Promise<string> {
		await runFor(GET_TICKET, app, /Get the JS-SDK ticket of which app\?/, on);
		return on.notificationText(new RegExp(`Copied the JS-SDK ticket of “${app}”\\. It expires in 1h 5\\dm, at `));
	}

	it('Get JS-SDK Ticket: one request, the ticket on the clipboard; a second Get and a second window send none', async function () {
		await user.setCredentials(SHOP, [{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret }]);
		await user.setCredentials(BLOG, [{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP_2.appSecret }]);
		await user.wb.dismissAll();
		await user.wb.writeClipboard('');
		await getTicket(SHOP);
		const ticket = sandbox().currentTicket(SANDBOX_WECHAT_APP.appId) ?? assert.fail('the sandbox issued no ticket');
		await user.wb.waitForClipboard(ticket);
		assert.equal(ticketRequests(), 1);

		await user.wb.dismissAll();
		await user.wb.writeClipboard('');
		await getTicket(SHOP);
		await user.wb.waitForClipboard(ticket);
		assert.equal(ticketRequests(), 1, 'the second Get reused the ticket');

		const other = new User(await user.wb.openAnotherWindow());
		try {
			await user.wb.writeClipboard('');
			await getTicket(SHOP, other);
			await other.wb.waitForClipboard(ticket);
			assert.equal(ticketRequests(), 1, 'the second window took the ticket the first one stored');
		} finally {
			await other.wb.close();
		}
		// The tree shows the ticket under the app, masked, with its countdown.
		const details = await user.appDetails(SHOP);
		const row = details.find((line) => line.startsWith('JS-SDK ticket')) ?? assert.fail(details.join(' | '));
		assert.match(row, new RegExp(`^JS-SDK ticket ${ticket.slice(0, 4)}…${ticket.slice(-4)} · 1h 5\\dm$`));
		await user.collapseApp(SHOP);
	});

	it('Sign JS-SDK Page… with a # route: says it removed it; the copied wx.config is signed as the sandbox signs', async function () {
		await user.wb.dismissAll();
		const before = ticketRequests();
		const from = Math.floor(Date.now() / 1000);
		await runFor(SIGN, SHOP, /Sign a JS-SDK page for which app\?/);
		await user.wb.waitForInput(/location\.href/);
		await user.wb.submitInput(`${PAGE}${ROUTE}`);
		const message = await user.notificationText(`Signed ${PAGE} for “${SHOP}” and copied its wx.config.`);
		assert.match(message, /Removed “#\/confirm”: WeChat signs the URL without its # part\./);
		const to = Math.ceil(Date.now() / 1000);
		const snippet = await user.wb.readClipboard();
		const values = configValues(snippet);
		assert.equal(values.appId, SANDBOX_WECHAT_APP.appId);
		assert.ok(Number(values.timestamp) >= from && Number(values.timestamp) <= to, `seconds: ${values.timestamp}`);
		assert.equal(
			values.signature,
			sandbox().jsSdkSignature({
				appId: SANDBOX_WECHAT_APP.appId,
				url: PAGE,
				nonceStr: values.nonceStr,
				timestamp: values.timestamp,
			}),
		);
		assert.match(snippet, /jsApiList: \[\],/);
		assert.equal(ticketRequests(), before, 'signed with the cached ticket');
	});

	/** Puts the page's wx.config on the clipboard, runs Diagnose for Shop with `url`, and returns the document. */
	async function diagnose(config: string, url: string, documentNumber: number): Promise<string> {
		await user.wb.dismissAll();
		await user.wb.writeClipboard(config);
		await runFor(DIAGNOSE, SHOP, /Diagnose a JS-SDK signature of which app\?/);
		await user.wb.waitForInput(/location\.href/);
		await user.wb.submitInput(url);
		const text = await readOpenDocument(user.wb, `jssdk-diagnosis-${documentNumber}.md`);
		documents.push({ what: `diagnosis ${documentNumber}`, text });
		return text;
	}

	function wxConfig(timestamp: string, nonceStr: string, signature: string): string {
		return `wx.config({\n  debug: false,\n  appId: '${SANDBOX_WECHAT_APP.appId}',\n  timestamp: ${timestamp},\n  nonceStr: '${nonceStr}',\n  signature: '${signature}',\n  jsApiList: ['chooseWXPay'],\n});`;
	}

	it('Diagnose JS-SDK Signature…: a config signed with a millisecond timestamp is named as such', async function () {
		const milliseconds = String(Date.now());
		const nonceStr = 'e2eNonceMs0000001';
		const signature =
			sandbox().jsSdkSignature({
				appId: SANDBOX_WECHAT_APP.appId,
				url: PAGE,
				nonceStr,
				timestamp: milliseconds,
			}) ?? assert.fail('no ticket');
		const text = await diagnose(wxConfig(milliseconds, nonceStr, signature), PAGE, 1);
		assert.match(text, /✗ Cause: timestamp in milliseconds/);
		assert.ok(
			text.includes(
				`The timestamp \`${milliseconds}\` is in milliseconds. The signature is right for it, but WeChat wants Unix seconds (\`${milliseconds.slice(0, -3)}\`)`,
			),
			text,
		);
		const ticket = sandbox().currentTicket(SANDBOX_WECHAT_APP.appId) ?? '';
		assert.ok(!text.includes(ticket), 'the document masks the ticket');
	});

	it('Diagnose JS-SDK Signature…: a config signed over the # part is named as such, with what would have matched', async function () {
		const seconds = String(Math.floor(Date.now() / 1000));
		const nonceStr = 'e2eNonceHash00001';
		const signature =
			sandbox().jsSdkSignature({
				appId: SANDBOX_WECHAT_APP.appId,
				url: `${PAGE}${ROUTE}`,
				nonceStr,
				timestamp: seconds,
			}) ?? assert.fail('no ticket');
		const text = await diagnose(wxConfig(seconds, nonceStr, signature), `${PAGE}${ROUTE}`, 2);
		assert.match(text, /✗ Cause: the # part of the URL signed/);
		const right = sandbox().jsSdkSignature({
			appId: SANDBOX_WECHAT_APP.appId,
			url: PAGE,
			nonceStr,
			timestamp: seconds,
		});
		assert.ok(text.includes(`| signature | \`${right}\` |`), `the signature that would have matched: ${text}`);
		assert.match(text, /invalid url domain/);
		await user.readmeScreenshot('jssdk-diagnosis', ledger.list());
	});

	it('a token killed elsewhere, found by getticket: the dead-token message; its button gets the token in force (nothing forced), then the ticket comes', async function () {
		await user.wb.dismissAll();
		// Blog's token, then another server of the team forces a new one: the token the extension holds is dead.
		await user.getToken(BLOG);
		await user.copiedMessage(BLOG);
		await outsideForcedStableRefresh(sandbox().url, SANDBOX_WECHAT_APP_2);
		const forcedBefore = stableRequests(sandbox(), SANDBOX_WECHAT_APP_2.appId).forced;

		await user.wb.dismissAll();
		await runFor(GET_TICKET, BLOG, /Get the JS-SDK ticket of which app\?/);
		await user.notificationText(/WeChat no longer accepts the token of “Blog” \(errcode 40001\)/);
		assert.equal(sandbox().currentTicket(SANDBOX_WECHAT_APP_2.appId), undefined, 'no ticket was issued');
		const inForce = sandbox().currentToken(SANDBOX_WECHAT_APP_2.appId, 'stable');
		await user.mark();
		await user.wb.clickNotificationButton(/WeChat no longer accepts the token of “Blog”/, 'Get New Token');
		await user.copiedMessage(BLOG);
		assert.equal(await user.wb.readClipboard(), inForce, 'the token in force: the one the outside server forced');

		await user.wb.dismissAll();
		await getTicket(BLOG);
		await eventually(() => sandbox().currentTicket(SANDBOX_WECHAT_APP_2.appId) !== undefined, 'Blog’s ticket');
		assert.equal(
			stableRequests(sandbox(), SANDBOX_WECHAT_APP_2.appId).forced,
			forcedBefore,
			'the extension forced nothing',
		);
	});

	describe('privacy', function () {
		it('leaves no AppSecret, full token or ticket in plaintext outside SecretStorage', async function () {
			await assertNoPlaintextSecrets(session(), ledger, documents);
		});
	});
});
