import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { SANDBOX_WECHAT_APP } from '../sandbox/fixtures';
import { e2e } from './support/rootHooks';
import { logSandboxRequestsOnFailure } from './support/sandboxTokens';
import { SecretLedger } from './support/secretScan';
import { useSession } from './support/session';
import { User } from './support/user';

const WALKTHROUGH = 'Get started with WeChat Access Token';

/**
 * Issue 23, on a fresh profile where VS Code opens walkthroughs on install (its default): the walkthrough opens by
 * itself once the extension is installed, and each step's button runs its command on the sandbox, after which the
 * step shows done.
 */
describe('First run: the walkthrough', function () {
	const sandbox = () => e2e().sandbox;
	const session = useSession(() => ({
		settings: { 'wechatAccessToken.showWalkthroughOnInstall': true },
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
		logSandboxRequestsOnFailure(this.currentTest, sandbox());
	});

	/** The walkthrough's page in the editor area. */
	function page(): Locator {
		return user.page.locator('.gettingStartedContainer').first();
	}

	function step(id: string): Locator {
		// VS Code writes the step's id on its button, after the extension's and the walkthrough's.
		return page().locator(`[data-step-id$="#${id}"]`).first();
	}

	/** Opens the step (a click on its title) and clicks the button in its description. */
	async function runStepButton(id: string, button: string): Promise<void> {
		await user.wb.dismissAll();
		await step(id).click();
		await user.mark();
		await page()
			.locator('.getting-started-step.expanded .monaco-button, .getting-started-step.expanded a', {
				hasText: button,
			})
			.first()
			.click();
	}

	async function stepDone(id: string): Promise<void> {
		// A done step's checkbox icon carries `complete` (the filled check a user sees).
		await step(id).locator('.codicon.complete').waitFor({ timeout: 30_000 });
	}

	it('opens by itself after install, in the editor', async function () {
		await page().waitFor({ timeout: 60_000 });
		await page().locator('h1, .category-title', { hasText: WALKTHROUGH }).first().waitFor();
		for (const title of [
			'Choose where the token comes from',
			'Add an app and its secrets',
			'Get the token',
			'Check that it works',
			'Put the token to work',
			'Where the log and settings are',
		]) {
			await page().locator('.getting-started-step', { hasText: title }).first().waitFor();
		}
	});

	it('choose a source and add an app: Add WeChat App… on the sandbox; both steps show done', async function () {
		const { wb } = session();
		await runStepButton('chooseSource', 'Add WeChat App…');
		await wb.waitForInput('Where should the token come from?');
		await wb.pickExact('WeChat stable token');
		await wb.waitForInput('A name for the app, shown in the sidebar and the status bar.');
		await wb.submitInput('Shop');
		await wb.waitForInput('The WeChat AppID');
		await wb.submitInput(SANDBOX_WECHAT_APP.appId);
		await wb.waitForInput('Where requests go.');
		await wb.submitInput(sandbox().url);
		await wb.waitForInput('Where should the app be saved?');
		await wb.pickExact('User Settings');
		await wb.waitForInput(/WeChat AppSecret for “Shop”/);
		await wb.submitInput(SANDBOX_WECHAT_APP.appSecret);
		await user.notificationText('Added “Shop”.');
		await stepDone('chooseSource');
		await stepDone('addApp');
	});

	it('get the token, check it: each button runs its command, each step shows done', async function () {
		await runStepButton('getToken', 'Get WeChat Access Token');
		await user.copiedMessage('Shop');
		await stepDone('getToken');

		await runStepButton('checkToken', 'Check WeChat Access Token');
		await user.notificationText('The token of “Shop” works');
		await stepDone('checkToken');
	});

	it('put the token to work (sign a JS-SDK page), then the log: done, every step shows done', async function () {
		await runStepButton('useToken', 'Sign JS-SDK Page…');
		await user.wb.waitForInput(/location\.href/);
		await user.wb.submitInput('https://shop.example.com/pay?order=42');
		await user.notificationText(/Signed https:\/\/shop\.example\.com\/pay\?order=42 for “Shop”/);
		await stepDone('useToken');

		await runStepButton('logAndSettings', 'Show Log');
		await stepDone('logAndSettings');
		// Back to the walkthrough from the palette, as a user returns to it: every step shows its check.
		await user.wb.dismissAll();
		await user.wb.runExactCommand('View: Hide Panel');
		await user.wb.runCommand('WeChat: Open Walkthrough');
		await page().locator('h1, .category-title', { hasText: WALKTHROUGH }).first().waitFor();
		for (const id of ['chooseSource', 'addApp', 'getToken', 'checkToken', 'useToken', 'logAndSettings']) {
			await step(id).locator('.codicon.complete').waitFor({ state: 'visible' });
		}
		assert.equal(await page().locator('.getting-started-step .codicon.complete').count(), 6);
		await user.readmeScreenshot('walkthrough', ledger.list());
	});
});
