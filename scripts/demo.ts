/**
 * `npm start`: the extension working in a real VS Code in one command, without any Authing or WeChat account.
 *
 * Builds the .vsix (`npm run package`), starts the sandbox server (test/sandbox) and code-server with the .vsix
 * installed into a fresh profile in a temporary folder, one demo app per source in its user settings, and prints the
 * URL to open. Ctrl-C stops both and deletes the profile.
 *
 * The demo apps' secrets are the sandbox's fake ones, passed to the extension in WECHAT_ACCESS_TOKEN_DEMO_SECRETS
 * (src/app/demo/demoSecrets.ts), which it stores in SecretStorage at activation for loopback hosts only. Entering them
 * through the real "Set WeChat App Credentials…" inputs ahead of time with a headless browser would not do:
 * code-server keeps SecretStorage in the *browser's* localStorage, so they would land in that browser, not the
 * user's.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DEMO_SECRETS_ENV } from '../src/app/demo/demoSecrets';
import { CodeServer } from './host/codeServer';
import { ensureVscodeHost, REPO_ROOT } from './host/vscodeHost';
import { cleanupAll, onCleanup } from './host/cleanup';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../test/sandbox/fixtures';
import { TEAM_AUTH_HEADER_VALUES, teamEnvelopeSettings, teamWechatStyleSettings } from '../test/sandbox/teamSettings';
import { startSandbox } from '../test/sandbox/sandboxServer';
import { SANDBOX_WECHAT_USERS } from '../test/sandbox/wechatUsers';

/** Fixed ports when free, so a forwarded port or a bookmarked URL keeps working across runs. */
const DEMO_PORT = 8377;
const SANDBOX_PORT = 8378;

interface DemoApp {
	readonly entry: { readonly name: string; readonly source: string } & Record<string, unknown>;
	readonly secrets: Record<string, string>;
}

function demoApps(sandboxUrl: string): DemoApp[] {
	const wechatSecret = { appSecret: SANDBOX_WECHAT_APP.appSecret };
	return [
		{
			entry: {
				name: 'Demo Authing',
				source: 'authing',
				appId: SANDBOX_WECHAT_APP.appId,
				host: sandboxUrl,
				authingAppId: SANDBOX_AUTHING.authingAppId,
			},
			secrets: wechatSecret,
		},
		{
			entry: {
				name: 'Demo Authing Management',
				source: 'authing-management',
				appId: SANDBOX_WECHAT_APP.appId,
				host: sandboxUrl,
				accessKeyId: SANDBOX_AUTHING.accessKeyId,
			},
			secrets: { ...wechatSecret, accessKeySecret: SANDBOX_AUTHING.accessKeySecret },
		},
		{
			entry: {
				name: 'Demo WeChat Stable',
				source: 'wechat-stable',
				appId: SANDBOX_WECHAT_APP_2.appId,
				host: sandboxUrl,
			},
			secrets: { appSecret: SANDBOX_WECHAT_APP_2.appSecret },
		},
		{
			entry: {
				name: 'Demo WeChat Classic',
				source: 'wechat',
				appId: SANDBOX_WECHAT_APP_2.appId,
				host: sandboxUrl,
			},
			secrets: { appSecret: SANDBOX_WECHAT_APP_2.appSecret },
		},
		// Two teams' own token servers (test/sandbox/routes/teamServers.ts): no AppSecret, one auth header each.
		{
			entry: {
				name: 'Demo Team Server',
				source: 'custom',
				appId: SANDBOX_WECHAT_APP.appId,
				custom: teamWechatStyleSettings(sandboxUrl),
			},
			secrets: { authHeaderValue: TEAM_AUTH_HEADER_VALUES.wechatStyle },
		},
		{
			entry: {
				name: 'Demo Team API',
				source: 'custom',
				appId: SANDBOX_WECHAT_APP_2.appId,
				custom: teamEnvelopeSettings(sandboxUrl),
			},
			secrets: { authHeaderValue: TEAM_AUTH_HEADER_VALUES.envelope },
		},
	];
}

/** A page of an Official Account to sign: "Sign JS-SDK Page…" inserts its wx.config at the cursor in the script. */
const JSSDK_DEMO_PAGE = `<!doctype html>
<html>
	<head>
		<meta charset="utf-8" />
		<title>Pay for order 42</title>
		<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script>
	</head>
	<body>
		<script>
			// F1 → "Sign JS-SDK Page…", URL https://shop.example.com/pay?order=42#/confirm → Insert at Cursor, here:

		</script>
	</body>
</html>
`;

/** Requests for the demo apps, as a team keeps them: the sandbox answers these APIs (test/sandbox/README.md). */
const API_DEMO_REQUESTS = `# @app Demo WeChat Stable
### Who is this follower?
GET /cgi-bin/user/info?openid=${SANDBOX_WECHAT_USERS.find((user) => user.appId === SANDBOX_WECHAT_APP_2.appId)?.openid ?? 'OPENID'}&lang=zh_CN

### A Mini Program code for a page and scene (an image)
POST /wxa/getwxacodeunlimit
Content-Type: application/json

{"scene": "id=42", "page": "pages/index/index", "width": 430}

### A call this demo account may not make: 48001, explained (not a token fault)
POST /cgi-bin/message/custom/send
Content-Type: application/json

{"touser": "not-a-follower", "msgtype": "text", "text": {"content": "你好"}}
`;

async function main(): Promise<void> {
	const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
		.version;
	console.log('== npm run package');
	execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
	const vsix = path.join(REPO_ROOT, `wechat-access-token-${version}.vsix`);

	console.log('== VS Code host (code-server; installed once per machine)');
	const host = ensureVscodeHost();

	const sandbox = await startSandbox({ port: (await isFree(SANDBOX_PORT)) ? SANDBOX_PORT : 0 });
	onCleanup(() => sandbox.close());
	const apps = demoApps(sandbox.url);

	const server = new CodeServer(host, {
		settings: {
			'wechatAccessToken.apps': apps.map((app) => app.entry),
			// The walkthrough opens once, as after a user's install.
			'wechatAccessToken.showWalkthroughOnInstall': true,
			// Where the Authing and custom apps' WeChat calls go (check, quota, rid, JS-SDK ticket): the sandbox too.
			'wechatAccessToken.wechatApiHost': sandbox.url,
		},
		workspaceFiles: { 'jssdk-demo.html': JSSDK_DEMO_PAGE, 'demo.wechat.http': API_DEMO_REQUESTS },
		...((await isFree(DEMO_PORT)) ? { port: DEMO_PORT } : {}),
	});
	onCleanup(() => server.dispose());
	server.installExtension(vsix);
	// code-server hands its environment to the extension host; only this demo's process sets the variable.
	process.env[DEMO_SECRETS_ENV] = JSON.stringify(
		Object.fromEntries(apps.map((app) => [app.entry.name, app.secrets])),
	);
	onCleanup(() => server.stop());
	await server.start();

	const port = new URL(server.url).port;
	const url = `${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`;
	console.log(`
WeChat Access Token ${version}: demo ready.

  Open   ${url}
  Remote machine? Forward port ${port} first, e.g. \`ssh -L ${port}:127.0.0.1:${port} <this machine>\`,
         then open the same address on your computer (keep 127.0.0.1 or use localhost).

  Apps   ${apps.map((app) => `${app.entry.name} (${app.entry.source})`).join(', ')}
         with the sandbox's fake secrets already stored. Try: F1 → "Get WeChat Access Token", the key icon in the
         activity bar, the countdown in the status bar. JS-SDK: open jssdk-demo.html, put the cursor in its
         script, F1 → "Sign JS-SDK Page…" → Insert at Cursor; then "Diagnose JS-SDK Signature…".
         API requests: open demo.wechat.http, Ctrl+Alt+Enter on a request (a Mini Program code shows as a picture).
  Sandbox ${sandbox.url} (fake Authing and WeChat). Make it fail, e.g.:
         curl -X POST ${sandbox.url}/__sandbox/faults -d '{"kind":"wechat-errcode","errcode":40164,"times":1}'
  Profile ${server.root} (deleted on exit)

Ctrl-C stops the demo.`);
	await new Promise<never>(() => undefined);
}

async function isFree(port: number): Promise<boolean> {
	const probe = net.createServer();
	return new Promise((resolve) => {
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

main().catch(async (error: unknown) => {
	console.error(error);
	await cleanupAll();
	process.exit(1);
});
