import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { currentStableToken } from './support/sandboxTokens';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { escapeRegExp } from './support/workbench';
import { eventually, User } from './support/user';

const APP = 'Shop';
const FORMAT_LABELS = ['Token only', 'Query parameter', 'curl command', 'JSON'];

/**
 * A task as the README shows it: the token goes into the task's environment (`${command:…}`, and an `inputs` entry
 * naming the app), so the command line the terminal echoes never holds it. It writes hashes, not the token.
 */
const TASKS_JSON = JSON.stringify(
	{
		version: '2.0.0',
		inputs: [{ id: 'shopToken', type: 'command', command: 'wechatAccessToken.token', args: APP }],
		tasks: [
			{
				label: 'Check WeChat token',
				type: 'shell',
				command: `printf '%s' "$TOKEN" | sha256sum > task-check.txt && printf '%s' "$SHOP_TOKEN" | sha256sum >> task-check.txt`,
				options: { env: { TOKEN: '${command:wechatAccessToken.token}', SHOP_TOKEN: '${input:shopToken}' } },
				problemMatcher: [],
			},
		],
	},
	null,
	2,
);

/** What `sha256sum` prints for the token read from stdin. */
function sha256Line(value: string): string {
	return `${createHash('sha256').update(value).digest('hex')}  -`;
}

/**
 * Copy As… from the palette, the tree and the status bar; Insert at the cursor; WECHAT_ACCESS_TOKEN in a terminal
 * opened after the setting is on; a task using `${command:wechatAccessToken.token}`; and the privacy scan, which
 * proves the terminal environment (held only in memory) left no token on disk.
 */
describe('Tokens where developers use them: Copy As…, Insert, terminals and tasks', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: {
			'wechatAccessToken.apps': [
				{ name: APP, appId: SANDBOX_WECHAT_APP.appId, source: 'wechat-stable', host: sandbox().url },
			],
			'wechatAccessToken.terminalEnvironment': true,
		},
		workspaceFiles: { '.vscode/tasks.json': TASKS_JSON },
	}));
	let user: User;
	let ledger: SecretLedger;
	const token = (): string => currentStableToken(sandbox(), SANDBOX_WECHAT_APP.appId);
	const workspaceFile = (name: string): string => path.join(session().server.workspaceDir, name);

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		user = new User(session().wb);
	});
	after(() => ledger.stop());

	/** Waits for the picker of formats, checks its rows and that no full token is on screen. */
	const expectFormatPicker = async (): Promise<void> => {
		await user.wb.waitForInput(`Copy the access token of “${APP}” as…`);
		assert.deepEqual(await user.wb.quickPickLabels(), FORMAT_LABELS);
		const current = sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable');
		if (current !== undefined) {
			assert.ok(!(await user.wb.visibleText()).includes(current), 'the previews show the token masked');
		}
	};

	it('Copy As… from the palette: asks for the AppSecret as Get does, then copies a curl command that works', async function () {
		await user.wb.writeClipboard('');
		await user.mark();
		await user.wb.runCommand('Copy WeChat Access Token As…');
		await expectFormatPicker();
		await user.wb.pickExact('curl command');
		await user.answerCredentials(APP, [{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret }]);
		const { value: curl } = await user.wb.waitForClipboardChange('');
		assert.equal(curl, `curl -sS '${sandbox().url}/cgi-bin/get_api_domain_ip?access_token=${token()}'`);
		assert.match(
			await user.notificationText(`Copied the access token of “${APP}” as curl command.`),
			/It expires in (1h 59m|2h 0m)\.$/,
		);
		// What running it gets: the URL, called from here.
		const url = /'([^']+)'/.exec(curl)?.[1] ?? '';
		const answer = (await (await fetch(url)).json()) as { ip_list?: unknown };
		assert.ok(Array.isArray(answer.ip_list) && answer.ip_list.length > 0, 'the sandbox answers ip_list');
		assert.ok(!(await user.wb.visibleText()).includes(token()), 'the full token is nowhere on screen');
	});

	it('Copy As… from the token row’s inline button in the sidebar: previews masked, copies JSON', async function () {
		await user.wb.dismissAll();
		await user.wb.writeClipboard('');
		const details = await user.appDetails(APP);
		assert.equal(details[0], `Token ${token().slice(0, 4)}…${token().slice(-4)}`);
		const view = await user.openAppsView();
		const tokenRow = view
			.locator('.monaco-list-row[aria-level="2"]')
			.filter({ has: user.page.locator('.label-name', { hasText: /^\s*Token\s*$/ }) })
			.first();
		await tokenRow.hover();
		await user.mark();
		await tokenRow.locator('.action-label[aria-label="Copy WeChat Access Token As…"]').click();
		await expectFormatPicker();
		const rows = await user.wb.quickInput.locator('.monaco-list-row').allInnerTexts();
		assert.ok(
			rows.some((row) =>
				row.includes(`{"access_token":"${token().slice(0, 4)}…${token().slice(-4)}","expires_in":`),
			),
			`the JSON row previews the masked token: ${JSON.stringify(rows)}`,
		);
		await user.readmeScreenshot('copy-as', ledger.list());
		await user.wb.pickExact('JSON');
		const { value } = await user.wb.waitForClipboardChange('');
		const json = JSON.parse(value) as { access_token?: unknown; expires_in?: unknown };
		assert.equal(json.access_token, token());
		assert.ok(
			typeof json.expires_in === 'number' && json.expires_in > 7000 && json.expires_in <= 7200,
			String(json.expires_in),
		);
		await user.notificationText(`Copied the access token of “${APP}” as JSON.`);
		await user.collapseApp(APP);
	});

	it('Copy As… from the link in the status bar’s tooltip: copies the query parameter', async function () {
		await user.wb.dismissAll();
		await user.wb.writeClipboard('');
		await user.statusBarText(new RegExp(`^${escapeRegExp(APP)} (1h 59m|2h 0m|1h 58m)$`));
		await user.statusBar.hover();
		const link = user.page.locator('.monaco-hover a, .workbench-hover a', { hasText: 'Copy As…' }).first();
		await link.waitFor({ timeout: 10_000 });
		await user.mark();
		await link.click();
		await expectFormatPicker();
		await user.wb.pickExact('Query parameter');
		const { value } = await user.wb.waitForClipboardChange('');
		assert.equal(value, `access_token=${token()}`);
		await user.notificationText(`Copied the access token of “${APP}” as Query parameter.`);
	});

	it('Insert WeChat Access Token: at both cursors of an editor, in one edit', async function () {
		await user.wb.dismissAll();
		await user.wb.runExactCommand('File: New Untitled Text File');
		const editor = user.page.locator('.editor-instance .monaco-editor').first();
		await editor.waitFor();
		await user.page.keyboard.type('a=TOKEN\nb=TOKEN');
		// Select the first TOKEN, then every occurrence of it: two selections.
		await user.page.keyboard.press('Control+Home');
		await user.page.keyboard.press('End');
		await user.page.keyboard.press('Control+Shift+ArrowLeft');
		await user.page.keyboard.press('Control+Shift+L');
		await eventually(async () => (await editor.locator('.cursors-layer .cursor').count()) === 2, 'two cursors');
		await user.wb.runCommand('Insert WeChat Access Token');
		const lines = editor.locator('.view-lines');
		await eventually(
			async () => (await lines.innerText()).includes(`b=${token()}`),
			'the token at the second cursor',
		);
		assert.deepEqual((await lines.innerText()).split('\n').slice(0, 2), [`a=${token()}`, `b=${token()}`]);
		// Not saved, and its hot-exit backup discarded: the privacy scan below checks that nothing stays on disk.
		await user.wb.runExactCommand('View: Revert and Close Editor');
		await editor.waitFor({ state: 'detached' });
	});

	it('a terminal opened with terminalEnvironment on has WECHAT_ACCESS_TOKEN (only its length and hash are shown)', async function () {
		await user.wb.dismissAll();
		await user.wb.runCommand('Terminal: Create New Terminal');
		const terminal = user.page.locator('.terminal-wrapper.active .xterm').first();
		await terminal.waitFor();
		await terminal.click();
		await user.page.keyboard.type(
			`printf '%s' "$WECHAT_ACCESS_TOKEN" | sha256sum > terminal-check.txt; echo "WECHAT_ACCESS_TOKEN: \${#WECHAT_ACCESS_TOKEN} characters"`,
		);
		await user.page.keyboard.press('Enter');
		const file = workspaceFile('terminal-check.txt');
		await eventually(
			() => existsSync(file) && readFileSync(file, 'utf8').includes('-'),
			'the terminal’s shell to write the hash',
		);
		assert.equal(readFileSync(file, 'utf8').trim(), sha256Line(token()));
		assert.ok(!(await user.wb.visibleText()).includes(token()), 'the full token is nowhere on screen');
	});

	it('a task gets the token through ${command:wechatAccessToken.token} and an input naming the app', async function () {
		await user.wb.dismissAll();
		await user.wb.runExactCommand('Tasks: Run Task');
		await user.wb.waitForInput(/Select the task to run/i);
		await user.wb.pick('Check WeChat token');
		const file = workspaceFile('task-check.txt');
		await eventually(
			() => existsSync(file) && readFileSync(file, 'utf8').split('\n').length > 2,
			'the task to write both hashes',
		);
		assert.deepEqual(readFileSync(file, 'utf8').trim().split('\n'), [sha256Line(token()), sha256Line(token())]);
		assert.ok(
			!(await user.wb.visibleText()).includes(token()),
			'the echoed command line holds $TOKEN, not the token',
		);
	});

	describe('privacy', function () {
		it('leaves no AppSecret or full token in plaintext outside SecretStorage (the terminal environment is not persisted)', async function () {
			await assertNoPlaintextSecrets(session(), ledger);
		});
	});
});
