import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { VscodeHost } from './vscodeHost';

/** Flags that keep Chromium from reaching for the network this machine does not have. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchBrowser(host: VscodeHost): Promise<Browser> {
	return chromium.launch({ executablePath: host.chromium, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A VS Code window in the browser, driven as a user drives it: keyboard first (F1, typing, Enter), the mouse where
 * a user would click (tree items, notification buttons, the status bar).
 */
export class Workbench {
	private constructor(
		readonly page: Page,
		private readonly context: BrowserContext,
	) {}

	static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
		const page = await context.newPage();
		await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
		await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
		return new Workbench(page, context);
	}

	async close(): Promise<void> {
		await this.context.close();
	}

	async reload(): Promise<void> {
		await this.page.reload();
		await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
	}

	get quickInput(): Locator {
		return this.page.locator('.quick-input-widget');
	}

	private get quickInputBox(): Locator {
		return this.quickInput.locator('input.input');
	}

	/** F1, the command's title, Enter: exactly what a user types. */
	async runCommand(title: string): Promise<void> {
		await this.page.keyboard.press('F1');
		await this.quickInputBox.waitFor({ state: 'visible' });
		await this.quickInputBox.fill(`>${title}`);
		await this.quickInput.locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
		await this.page.keyboard.press('Enter');
	}

	/** Whether the palette offers a command with this title (used for localized titles). */
	async paletteHas(title: string): Promise<boolean> {
		await this.page.keyboard.press('F1');
		await this.quickInputBox.waitFor({ state: 'visible' });
		await this.quickInputBox.fill(`>${title}`);
		const row = this.quickInput.locator('.monaco-list-row', { hasText: title }).first();
		const found = await row.waitFor({ timeout: 10_000 }).then(
			() => true,
			() => false,
		);
		await this.page.keyboard.press('Escape');
		return found;
	}

	/** Waits for an input box or quick pick whose placeholder or prompt mentions `text`. */
	async waitForInput(text: string | RegExp): Promise<void> {
		await this.page.waitForFunction(
			({ source, flags }) => {
				const widget = document.querySelector('.quick-input-widget');
				if (!widget || (widget as HTMLElement).style.display === 'none') {
					return false;
				}
				const input = widget.querySelector<HTMLInputElement>('input.input');
				const shown = `${input?.placeholder ?? ''} ${widget.querySelector('.quick-input-message')?.textContent ?? ''} ${widget.querySelector('.quick-input-title')?.textContent ?? ''}`;
				return new RegExp(source, flags).test(shown);
			},
			typeof text === 'string' ? { source: escapeRegExp(text), flags: 'i' } : { source: text.source, flags: text.flags },
			{ timeout: 30_000 },
		);
	}

	/** Types into the open input box and presses Enter. */
	async submitInput(value: string): Promise<void> {
		await this.quickInputBox.fill(value);
		await this.page.keyboard.press('Enter');
	}

	/** The validation message shown under the input box, if any. */
	async inputMessage(): Promise<string> {
		return (await this.quickInput.locator('.quick-input-message').innerText()).trim();
	}

	/** Picks the quick-pick row that contains `label`. */
	async pick(label: string): Promise<void> {
		await this.quickInput.locator('.monaco-list-row', { hasText: label }).first().click();
	}

	async quickInputHidden(): Promise<void> {
		await this.quickInput.waitFor({ state: 'hidden', timeout: 30_000 });
	}

	statusBarItem(id: string): Locator {
		return this.page.locator(`.statusbar-item[id$="${id}"]`);
	}

	notification(text: string | RegExp): Locator {
		return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
	}

	async clickNotificationButton(text: string | RegExp, button: string): Promise<void> {
		await this.notification(text).locator('.monaco-button', { hasText: button }).first().click();
	}

	/** Dismisses every toast, so the next assertion sees only new ones. */
	async clearNotifications(): Promise<void> {
		await this.runCommand('Notifications: Clear All Notifications');
	}

	async modalDialog(): Promise<Locator> {
		const dialog = this.page.locator('.monaco-dialog-box');
		await dialog.waitFor({ timeout: 30_000 });
		return dialog;
	}

	async clickDialogButton(label: string): Promise<void> {
		await this.page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first().click();
	}

	async openViewContainer(title: string, containerId: string): Promise<Locator> {
		const view = this.page.locator(`[id="workbench.view.extension.${containerId}"]`);
		if (!(await view.isVisible())) {
			await this.page.locator(`.activitybar .action-item .action-label[aria-label^="${title}"]`).first().click();
		}
		await view.waitFor({ timeout: 30_000 });
		return view;
	}

	treeRow(container: Locator, text: string | RegExp): Locator {
		return container.locator('.monaco-list-row', { hasText: text }).first();
	}

	async readClipboard(): Promise<string> {
		return this.page.evaluate(() => navigator.clipboard.readText());
	}

	async writeClipboard(text: string): Promise<void> {
		await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
	}

	async screenshot(file: string): Promise<void> {
		await this.page.screenshot({ path: path.resolve(file) });
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
