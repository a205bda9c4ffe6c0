import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import type { Sandbox } from '../sandbox/sandboxServer';
import { startSandbox } from '../sandbox/sandboxServer';
import { RecordingProxy } from '../unit/support/recordingProxy';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import type { Needle } from './support/secretScan';
import { scanFolder, SecretLedger } from './support/secretScan';
import { issuedToken, logSandboxRequestsOnFailure } from './support/sandboxTokens';
import type { ProfileOptions } from '../../scripts/host/codeServer';
import { useSession } from './support/session';
import { makeTestCertificate } from '../sandbox/testCertificate';
import { readUserSettings, User } from './support/user';

const APPSECRET = /WeChat AppSecret for/;
/**
 * The token server's name. Only the proxy resolves it (to 127.0.0.2), as a corporate proxy resolves outside names its
 * clients cannot: a request that skipped the proxy would fail here with ENOTFOUND. A name rather than the address
 * itself, because VS Code 1.139's https-proxy-agent 7.0.2 checks the certificate of an https server addressed by IP
 * through a proxy against "localhost" (it drops the host when upgrading the tunnel to TLS; TooTallNate/proxy-agents
 * #365), so no IP-addressed https server can be reached through a proxy in VS Code. Real token servers have names.
 */
const SANDBOX_NAME = 'tokens.sandbox.test';
const PROXIED_APP = 'Proxied App';
const ALIAS_APP = 'Alias App';
/** What every refusal of plain http says (validation.ts), in English. */
const HTTP_RULE = 'http:// only to 127.0.0.1 or localhost';

/**
 * Behind a proxy, as a user in a corporate network is: `http.proxy` set in the user settings to a real forwarding proxy
 * on loopback (the `proxy` package, with a tap recording every byte it sees), and the token server an https sandbox on
 * 127.0.0.2 named SANDBOX_NAME, which VS Code does not treat as local, so its requests are routed through the proxy.
 * The sandbox's certificate comes from a CA made for this run, trusted by the extension host through
 * `NODE_EXTRA_CA_CERTS`.
 *
 * What must hold: VS Code's proxy settings are honoured (the request goes through the proxy), and the proxy sees only
 * `CONNECT <name>:<port>` and TLS it cannot read, never a secret or a token. Plain http to 127.0.0.2 (which would go
 * through the proxy in cleartext) is refused before any request; plain http to 127.0.0.1 and localhost never reaches
 * the proxy, even with Node's own proxy support on.
 */
describe('Behind a proxy: http.proxy carries the requests, and sees no secret and no token', function () {
	let certDir = '';
	let caFile = '';
	let secure: Sandbox;
	/** Plain http on 127.0.0.2: where a refused app would have sent its secret, through the proxy. */
	let plainAlias: Sandbox;
	/** Plain http on 127.0.0.1, for local testing: reached as 127.0.0.1 and as localhost. */
	let plainLocal: Sandbox;
	let proxy: RecordingProxy;

	before(async function () {
		certDir = mkdtempSync(path.join(os.tmpdir(), 'wat-e2e-cert-'));
		const certificate = makeTestCertificate(certDir, SANDBOX_NAME);
		caFile = certificate.caFile;
		[secure, plainAlias, plainLocal, proxy] = await Promise.all([
			startSandbox({ hostname: '127.0.0.2', tls: { key: certificate.key, cert: certificate.cert } }),
			startSandbox({ hostname: '127.0.0.2' }),
			startSandbox(),
			RecordingProxy.start({ hosts: { [SANDBOX_NAME]: '127.0.0.2' } }),
		]);
	});
	after(async function () {
		await Promise.all([secure.close(), plainAlias.close(), plainLocal.close(), proxy.close()]);
		rmSync(certDir, { recursive: true, force: true });
	});

	/** The profile of a user behind the proxy; `proxySupport` unset means VS Code's default ("override"). */
	const profile = (apps: readonly object[], proxySupport?: 'on'): ProfileOptions => ({
		settings: {
			'http.proxy': proxy.url,
			...(proxySupport === undefined ? {} : { 'http.proxySupport': proxySupport }),
			'wechatAccessToken.apps': apps,
		},
		// A NO_PROXY on the machine running the tests would exempt 127.0.0.2 from the proxy; this profile has none.
		env: { NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '', no_proxy: '' },
	});
	const proxiedApp = () => ({
		name: PROXIED_APP,
		appId: SANDBOX_WECHAT_APP.appId,
		source: 'wechat-stable',
		host: `https://${SANDBOX_NAME}:${secure.port}`,
	});

	/**
	 * What the proxy saw: every request a CONNECT to the sandbox (at least one), and in its request log and in every
	 * byte that passed it, both ways, none of the secrets and tokens.
	 */
	const assertProxySawOnlyTunnels = (needles: readonly Needle[]): void => {
		const expected = `CONNECT ${SANDBOX_NAME}:${secure.port} HTTP/1.1`;
		assert.ok(proxy.requests.length > 0, 'the request went through the proxy');
		assert.deepEqual(
			proxy.requests.map((request) => request.line),
			proxy.requests.map(() => expected),
			`the proxy saw only ${expected}`,
		);
		const bytes = proxy.bytes();
		assert.ok(bytes.includes(`${expected}\r\n`), 'the tap recorded the CONNECT request it relayed');
		const folder = mkdtempSync(path.join(os.tmpdir(), 'wat-e2e-proxy-log-'));
		try {
			writeFileSync(path.join(folder, 'requests.log'), proxy.logText());
			writeFileSync(path.join(folder, 'bytes.bin'), bytes);
			const scan = scanFolder(folder, needles);
			console.log(
				`      [e2e] proxy: ${proxy.requests.length} requests (${[...new Set(proxy.requests.map((request) => request.line))].join(', ')}), ` +
					`${(bytes.length / 1024).toFixed(1)} KiB seen, ${needles.length} secrets and tokens searched: ${scan.hits.length} hits`,
			);
			assert.deepEqual(scan.hits, [], 'no secret or token in what the proxy saw');
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	};

	/** Get of the only valid app: the AppSecret asked for and typed, the token the secure sandbox issued on the clipboard. */
	const getThroughProxy = async (user: User): Promise<string> => {
		await user.getToken();
		await user.answerCredentials(PROXIED_APP, [{ field: APPSECRET, value: SANDBOX_WECHAT_APP.appSecret }]);
		const token = await issuedToken(() => secure.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
		await user.wb.waitForClipboard(token);
		assert.match(await user.copiedMessage(PROXIED_APP), /It expires in (1h 59m|2h 0m), at /);
		assert.equal(secure.countRequests('/cgi-bin/stable_token'), 1);
		const request = secure.requests.find((recorded) => recorded.path === '/cgi-bin/stable_token');
		assert.ok(
			request?.rawBody.includes(SANDBOX_WECHAT_APP.appSecret),
			'the secret did travel, inside TLS, to the token server',
		);
		return token;
	};

	describe('with VS Code’s default http.proxySupport ("override")', function () {
		const session = useSession(() =>
			profile([
				proxiedApp(),
				// Saved by hand in settings.json. VS Code sends 127.0.0.2 through the proxy: while plain http was allowed to all
				// of 127.0.0.0/8, the proxy received `POST http://127.0.0.2:<port>/cgi-bin/stable_token`, AppSecret and all.
				{ name: ALIAS_APP, appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: plainAlias.url },
			]),
		);
		let user: User;
		let ledger: SecretLedger;

		before(function () {
			secure.reset();
			plainAlias.reset();
			ledger = new SecretLedger(secure);
			user = new User(session().wb);
		});
		after(() => ledger.stop());
		afterEach(function () {
			logSandboxRequestsOnFailure(this.currentTest, secure);
		});

		it('an app on http://127.0.0.2 in the settings is refused before any request: a warning names the two allowed hosts', async function () {
			const warning = await user.wb.waitForToast(new RegExp(`^App 2 \\(“${ALIAS_APP}”\\): `), 0);
			assert.ok(warning.includes(HTTP_RULE), warning);
			await user.appsViewText(/Apps in the settings that are invalid and not shown: 1\. See the log\./);
			assert.equal(await (await user.appRow(ALIAS_APP)).count(), 0, 'the refused app is not listed');
			await user.appState(PROXIED_APP, /^credentials missing$/);
			assert.equal(plainAlias.requests.length, 0, 'nothing reached the plain-http server');
			assert.deepEqual(proxy.requests, [], 'nothing reached the proxy');
		});

		it('Add WeChat App… refuses http://127.0.0.2 as typed, with the same message; nothing is saved', async function () {
			const { wb } = session();
			const before = readUserSettings(session().server.userDataDir)['wechatAccessToken.apps'];
			await user.mark();
			await wb.runCommand('Add WeChat App…');
			await wb.waitForInput('Where should the token come from?');
			await wb.pickExact('WeChat stable token');
			await wb.waitForInput('A name for the app, shown in the sidebar and the status bar.');
			await wb.submitInput('Typed Alias');
			await wb.waitForInput('The WeChat AppID');
			await wb.submitInput(SANDBOX_WECHAT_APP_2.appId);
			await wb.waitForInput('Where requests go.');
			await wb.quickInput.locator('input.input').fill(plainAlias.url);
			await wb.waitForInput(HTTP_RULE);
			// Enter does not take a value the box refuses.
			await wb.page.keyboard.press('Enter');
			await wb.waitForInput(HTTP_RULE);
			await wb.page.keyboard.press('Escape');
			await wb.quickInputHidden();
			assert.deepEqual(
				readUserSettings(session().server.userDataDir)['wechatAccessToken.apps'],
				before,
				'the settings are unchanged',
			);
			assert.equal(plainAlias.requests.length, 0);
			assert.deepEqual(proxy.requests, []);
		});

		it('Get goes through the proxy as CONNECT <host>:<port>; the token is on the clipboard; the proxy saw no secret and no token', async function () {
			proxy.reset();
			await getThroughProxy(user);
			ledger.snapshot();
			assertProxySawOnlyTunnels(ledger.list());
		});

		it('privacy: no secret or full token in the profile either', async function () {
			await assertNoPlaintextSecrets(session(), ledger);
		});
	});

	/**
	 * With "on", VS Code routes only requests that bring no agent of their own: an extension passing its own agent
	 * would bypass the user's proxy here. This one passes none.
	 */
	describe('with http.proxySupport "on"', function () {
		const session = useSession(() => profile([proxiedApp()], 'on'));
		let user: User;
		let ledger: SecretLedger;

		before(function () {
			secure.reset();
			proxy.reset();
			ledger = new SecretLedger(secure);
			user = new User(session().wb);
		});
		after(() => ledger.stop());
		afterEach(function () {
			logSandboxRequestsOnFailure(this.currentTest, secure);
		});

		it('Get goes through the proxy too, as CONNECT only', async function () {
			await getThroughProxy(user);
			ledger.snapshot();
			assertProxySawOnlyTunnels(ledger.list());
		});
	});

	/**
	 * Node's own proxy support (NODE_USE_ENV_PROXY=1, Node 22.21/24.5 and later) makes Node's global agents send every
	 * request through HTTP_PROXY, loopback included. VS Code keeps the request's own agent only for localhost and
	 * 127.0.0.1, and axios (`proxy: false`) gives the request a direct one; for ::1 VS Code uses the global agent, so a
	 * request to http://[::1] reached the proxy, AppSecret and all (seen before ::1 was refused).
	 */
	describe('with Node’s own proxy support on in VS Code’s environment (NODE_USE_ENV_PROXY=1, HTTP_PROXY)', function () {
		const session = useSession(() => ({
			settings: {
				'wechatAccessToken.apps': [
					{
						name: 'Local App',
						appId: SANDBOX_WECHAT_APP.appId,
						source: 'wechat-stable',
						host: plainLocal.url,
					},
					{
						name: 'Localhost App',
						appId: SANDBOX_WECHAT_APP_2.appId,
						source: 'wechat-stable',
						host: `http://localhost:${plainLocal.port}`,
					},
					{
						name: 'IPv6 App',
						appId: SANDBOX_WECHAT_APP_2.appId,
						source: 'wechat',
						host: `http://[::1]:${plainLocal.port}`,
					},
				],
			},
			env: { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy.url, http_proxy: proxy.url, NO_PROXY: '', no_proxy: '' },
		}));
		let user: User;
		let ledger: SecretLedger;

		before(function () {
			plainLocal.reset();
			proxy.reset();
			ledger = new SecretLedger(plainLocal);
			user = new User(session().wb);
		});
		after(() => ledger.stop());
		afterEach(function () {
			logSandboxRequestsOnFailure(this.currentTest, plainLocal);
		});

		it('an app on http://[::1] is refused before any request, with the same message', async function () {
			const warning = await user.wb.waitForToast(/^App 3 \(“IPv6 App”\): /, 0);
			assert.ok(warning.includes(HTTP_RULE), warning);
			assert.equal(await (await user.appRow('IPv6 App')).count(), 0, 'the refused app is not listed');
		});

		it('Get from http://127.0.0.1 and http://localhost goes straight to the server: the proxy sees none of it', async function () {
			for (const [app, { appId, appSecret }] of [
				['Local App', SANDBOX_WECHAT_APP],
				['Localhost App', SANDBOX_WECHAT_APP_2],
			] as const) {
				await user.getToken(app);
				await user.answerCredentials(app, [{ field: APPSECRET, value: appSecret }]);
				const token = await issuedToken(() => plainLocal.currentToken(appId, 'stable'));
				await user.wb.waitForClipboard(token);
				await user.copiedMessage(app);
				await user.wb.dismissAll();
			}
			assert.equal(plainLocal.countRequests('/cgi-bin/stable_token'), 2);
			ledger.snapshot();
			// code-server's own requests (its extension gallery) may use the proxy; none of ours may.
			const ours = proxy.requests.filter(
				(request) => request.target.includes(`:${plainLocal.port}`) || request.target.startsWith('/'),
			);
			console.log(
				`      [e2e] proxy: ${proxy.requests.length} requests in all (${[...new Set(proxy.requests.map((request) => request.line))].join(', ')}), ${ours.length} of the extension`,
			);
			assert.deepEqual(ours, [], 'no request of the extension reached the proxy');
			const bytes = proxy.bytes();
			for (const needle of ledger.list()) {
				assert.ok(!bytes.includes(needle.value), `the proxy saw the ${needle.what}`);
			}
		});
	});
});
