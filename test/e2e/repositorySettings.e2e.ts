import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { assertNoPlaintextSecrets } from './support/scanProfile';
import { currentStableToken, issuedToken } from './support/sandboxTokens';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { eventually, readUserSettings, User } from './support/user';

const APP = 'Shop';
const REPOSITORY_APP = 'From the repository';
const TERMINAL_SETTING = 'wechatAccessToken.terminalEnvironment';

/** The user's app, in the user settings (and in the team's list the repository shares). */
const SHOP = (sandboxUrl: string) => ({
	name: APP,
	appId: SANDBOX_WECHAT_APP.appId,
	source: 'wechat-stable',
	host: sandboxUrl,
});

/**
 * A cloned repository's `.vscode/settings.json` that tries to expose the token: in every new terminal, renewed in the
 * background, with a margin that makes every Get mint, a timeout that loses answers, a curl host of its own, and an
 * app of its own.
 */
function repositorySettings(sandboxUrl: string): string {
	return JSON.stringify(
		{
			[TERMINAL_SETTING]: true,
			'wechatAccessToken.autoRefresh': true,
			'wechatAccessToken.refreshMarginMinutes': 60,
			'wechatAccessToken.requestTimeoutSeconds': 1,
			'wechatAccessToken.curlApiHost': 'https://collector.example',
			// Once trusted, a workspace's list replaces the user's: it shares the user's app, and adds one.
			'wechatAccessToken.apps': [
				SHOP(sandboxUrl),
				{ name: REPOSITORY_APP, appId: SANDBOX_WECHAT_APP_2.appId, source: 'wechat-stable', host: sandboxUrl },
			],
		},
		null,
		2,
	);
}

/** What `sha256sum` prints for `value` read from stdin: how the terminal reports the token without showing it. */
function sha256Line(value: string): string {
	return `${createHash('sha256').update(value).digest('hex')}  -`;
}

/** The extension's output channel log, as the extension host wrote it so far. */
function extensionLog(userDataDir: string): string {
	const find = (dir: string): string | undefined => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			const found = entry.isDirectory()
				? find(full)
				: entry.name === 'WeChat Access Token.log'
					? full
					: undefined;
			if (found !== undefined) {
				return found;
			}
		}
		return undefined;
	};
	const file = find(path.join(userDataDir, 'logs'));
	assert.ok(file, "the extension's log exists");
	return readFileSync(file, 'utf8');
}

/**
 * Workspace Trust on, as VS Code ships it. code-server 4.139 opens the freshly cloned folder in Restricted Mode without
 * asking; there the user gets a token. A terminal needs the folder trusted: VS Code asks, the user trusts it, and the
 * new terminal still has no WECHAT_ACCESS_TOKEN, although the folder's settings turn `terminalEnvironment` on (a
 * setting only restricted in untrusted workspaces would take effect at that moment). The same setting switched on in
 * the user's own settings (the Settings editor's User tab) does put it there, in the same window.
 */
describe('A cloned repository cannot turn on token exposure (untrusted folder, Restricted Mode)', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: { 'wechatAccessToken.apps': [SHOP(sandbox().url)] },
		workspaceTrust: 'ask',
		workspaceFiles: { '.vscode/settings.json': repositorySettings(sandbox().url) },
	}));
	let user: User;
	let ledger: SecretLedger;
	const token = (): string => currentStableToken(sandbox(), SANDBOX_WECHAT_APP.appId);
	const restrictedMode = () => user.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first();

	before(function () {
		sandbox().reset();
		ledger = new SecretLedger(sandbox());
		user = new User(session().wb);
	});
	after(() => ledger.stop());

	/**
	 * Opens a new integrated terminal (trusting the folder first if VS Code asks) and has its shell write `script`'s
	 * output to `file` in the folder; returns what it wrote.
	 */
	const terminalReport = async (
		script: string,
		file: string,
		trust: 'expect-prompt' | 'trusted',
	): Promise<string> => {
		const out = path.join(session().server.workspaceDir, file);
		rmSync(out, { force: true });
		await user.wb.dismissAll();
		await user.wb.runCommand('Terminal: Create New Terminal');
		if (trust === 'expect-prompt') {
			const dialog = await user.wb.modalDialog();
			assert.match(await dialog.innerText(), /Creating a terminal process requires executing code/);
			await user.wb.clickDialogButton('Trust Folder & Continue');
		}
		const terminal = user.page.locator('.terminal-wrapper.active .xterm').first();
		await terminal.waitFor();
		await terminal.click();
		await user.page.keyboard.type(`${script} > ${file}; echo done`);
		await user.page.keyboard.press('Enter');
		await eventually(
			() => existsSync(out) && readFileSync(out, 'utf8').endsWith('\n'),
			`the terminal's shell to write ${file}`,
		);
		return readFileSync(out, 'utf8').trim();
	};

	it('the folder opens in Restricted Mode (answering “No” if VS Code asks), and its apps are ignored', async function () {
		// code-server 4.139 opens an untrusted folder in Restricted Mode without a modal; VS Code desktop asks once.
		const prompt = user.page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' });
		await restrictedMode().or(prompt).first().waitFor({ timeout: 30_000 });
		if (await prompt.isVisible()) {
			await user.wb.clickDialogButton("No, I don't trust the authors");
		}
		await restrictedMode().waitFor({ timeout: 30_000 });
		await user.appState(APP, /^credentials missing$/);
		assert.equal(await (await user.appRow(REPOSITORY_APP)).count(), 0, 'the folder’s own app is not listed');
	});

	it('a token got in Restricted Mode is not in the new terminal opened once the folder is trusted, though the folder turns terminalEnvironment on', async function () {
		await user.wb.writeClipboard('');
		await user.getToken();
		await user.answerCredentials(APP, [{ field: /WeChat AppSecret for/, value: SANDBOX_WECHAT_APP.appSecret }]);
		await user.wb.waitForClipboard(
			await issuedToken(() => sandbox().currentToken(SANDBOX_WECHAT_APP.appId, 'stable')),
		);
		await user.copiedMessage(APP);
		assert.ok(await restrictedMode().isVisible(), 'still in Restricted Mode');

		// Whether it is set, and its length: never the value.
		const report = await terminalReport(
			`printf '%s:%s\\n' "\${WECHAT_ACCESS_TOKEN+set}" "\${#WECHAT_ACCESS_TOKEN}"`,
			'terminal-unset.txt',
			'expect-prompt',
		);
		assert.equal(report, ':0', 'WECHAT_ACCESS_TOKEN is not set in the new terminal');
		await restrictedMode().waitFor({ state: 'detached', timeout: 10_000 });
		// Trusted now, the folder's settings are in force: its list of apps is shown, the user's app with its token.
		await user.appState(REPOSITORY_APP, /^credentials missing$/);
		await user.appState(APP, /^(2h 0m|1h 5\dm) left$/);
		assert.equal(
			sandbox().countRequests(),
			1,
			'one Get; nothing renewed in the background, though the folder turns autoRefresh on',
		);
		assert.doesNotMatch(
			extensionLog(session().server.userDataDir),
			/New terminals get WECHAT_ACCESS_TOKEN/,
			'the extension never handed the token to terminals',
		);
	});

	it('the same setting in the user’s settings does put the token in a new terminal (positive control)', async function () {
		await user.wb.dismissAll();
		await user.wb.runCommand('Preferences: Open User Settings');
		const editor = user.page.locator('.settings-editor');
		await editor.waitFor();
		await user.page.keyboard.type(TERMINAL_SETTING);
		const item = editor.locator('.setting-item-bool', { hasText: 'Terminal Environment' }).first();
		await item.waitFor();
		await item.locator('.setting-value-checkbox').click();
		await eventually(
			() => readUserSettings(session().server.userDataDir)[TERMINAL_SETTING] === true,
			'the user settings to hold terminalEnvironment: true',
		);
		// The Settings editor opens over the window; Escape clears its search box, then closes it.
		for (let attempt = 0; attempt < 3 && (await editor.isVisible()); attempt++) {
			await user.page.keyboard.press('Escape');
			await editor.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
		}
		assert.ok(!(await editor.isVisible()), 'the Settings editor is closed');
		const report = await terminalReport(
			`printf '%s' "$WECHAT_ACCESS_TOKEN" | sha256sum`,
			'terminal-set.txt',
			'trusted',
		);
		assert.equal(report, sha256Line(token()), 'the new terminal has the token the status bar shows');
		assert.ok(!(await user.wb.visibleText()).includes(token()), 'the full token is nowhere on screen');
	});

	describe('privacy', function () {
		it('leaves no AppSecret or full token in plaintext outside SecretStorage', async function () {
			await assertNoPlaintextSecrets(session(), ledger);
		});
	});
});
