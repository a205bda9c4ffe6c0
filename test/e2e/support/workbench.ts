import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { countRetry } from './harnessRetries';
import type { VscodeHost } from '../../../scripts/host/vscodeHost';
import { CHROMIUM_ARGS } from '../../../scripts/host/vscodeHost';

/**
 * Runs in the page: records every notification toast that shows, with when it first showed, so a test can see a
 * toast that VS Code has already hidden again (info toasts hide after 10 s, or sooner when others crowd them out);
 * likewise the focus and every welcome text a view drew.
 * Plain JavaScript: a TypeScript function would be compiled with helpers the page lacks.
 */
const PAGE_RECORDER = `(() => {
	const seen = new Set();
	window.__e2eToasts = [];
	setInterval(() => {
		for (const toast of document.querySelectorAll('.notifications-toasts .notification-toast')) {
			const message = toast.querySelector('.notification-list-item-message');
			const text = message ? message.textContent.trim() : '';
			if (text && toast.offsetParent !== null && !seen.has(toast)) {
				seen.add(toast);
				window.__e2eToasts.push({ text, at: Date.now() });
			}
		}
	}, 25);
	// What had the focus and whether the quick input showed, as it changed: printed when a test fails.
	window.__e2eFocus = [];
	let last = '';
	setInterval(() => {
		const active = document.activeElement;
		const widget = document.querySelector('.quick-input-widget');
		const shown = widget && widget.style.display !== 'none' ? 'quick-input shown' : 'quick-input hidden';
		const where = active ? active.tagName + '.' + String(active.className).slice(0, 50) + (active.closest('.notifications-toasts') ? ' (in toasts)' : '') : 'none';
		const now = shown + ' | focus ' + where;
		if (now !== last) {
			last = now;
			window.__e2eFocus.push({ text: now, at: Date.now() });
			if (window.__e2eFocus.length > 200) window.__e2eFocus.shift();
		}
	}, 25);
	// Every welcome text a view showed, even for a moment (a welcome drawn while the extension starts is one).
	window.__e2eWelcomes = [];
	let lastWelcome = '';
	setInterval(() => {
		const texts = [];
		for (const welcome of document.querySelectorAll('.welcome-view-content')) {
			if (welcome.offsetParent !== null && welcome.textContent.trim()) texts.push(welcome.textContent.trim());
		}
		const now = texts.join(' | ');
		if (now !== lastWelcome) {
			lastWelcome = now;
			if (now) window.__e2eWelcomes.push({ text: now, at: Date.now() });
		}
	}, 10);
})()`;

/** A quick-pick row's label (its detail line is a second `.label-name`). */
const QUICK_PICK_LABEL = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';

export async function launchBrowser(host: VscodeHost): Promise<Browser> {
	return chromium.launch({ executablePath: host.chromium, headless: true, args: [...CHROMIUM_ARGS] });
}

/**
 * A VS Code window in the browser, driven as a user drives it: keyboard first (F1, typing, Enter), the mouse where
 * a user would click (tree items, notification buttons, the status bar).
 */
export class Workbench {
	private constructor(
		readonly page: Page,
		private readonly context: BrowserContext,
		/** A second window of the same browser: closing it closes its page, not the browser's storage. */
		private readonly ownsContext = true,
	) {}

	/** `initScripts`: more plain-JavaScript recorders to run in the page before the workbench loads (the UI bench's). */
	static async open(
		browser: Browser,
		url: string,
		folder: string,
		initScripts: readonly string[] = [],
	): Promise<Workbench> {
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			permissions: ['clipboard-read', 'clipboard-write'],
		});
		const page = await context.newPage();
		for (const script of [PAGE_RECORDER, ...initScripts]) {
			await page.addInitScript(script);
		}
		await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
		await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
		return new Workbench(page, context);
	}

	async close(): Promise<void> {
		await (this.ownsContext ? this.context.close() : this.page.close());
	}

	/**
	 * Another VS Code window on the same folder, in the same browser: code-server gives it its own extension host,
	 * and it shares the browser's storage (SecretStorage) with this one, as two desktop windows share the keychain.
	 */
	async openAnotherWindow(): Promise<Workbench> {
		const page = await this.context.newPage();
		await page.addInitScript(PAGE_RECORDER);
		await page.goto(this.page.url());
		await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
		return new Workbench(page, this.context, false);
	}

	async reload(): Promise<void> {
		await this.page.reload();
		await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
	}

	/**
	 * Opens a file of the workspace as a user does with Go to File (F1, then its name without the `>`), and waits until
	 * its editor has the focus, so what is typed next goes into it.
	 */
	async openWorkspaceFile(name: string): Promise<void> {
		await this.openPalette(name);
		await this.quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor();
		await this.page.keyboard.press('Enter');
		await this.page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor();
		await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
	}

	/** Puts the cursor at the start of `line` (1-based) of the active editor: Go to Line (F1, `:` and the number). */
	async goToLine(line: number): Promise<void> {
		await this.openPalette(`:${line}`);
		await this.page.keyboard.press('Enter');
		await this.quickInput.waitFor({ state: 'hidden' });
	}

	/** Brings the tab titled `title` to the front of its group, and that group into focus. */
	async activateTab(title: string): Promise<void> {
		await this.page.locator('.tabs-container .tab', { hasText: title }).first().click();
	}

	get quickInput(): Locator {
		return this.page.locator('.quick-input-widget');
	}

	private get quickInputBox(): Locator {
		return this.quickInput.locator('input.input');
	}

	/** F1, the command's title, Enter: exactly what a user types. */
	async runCommand(title: string): Promise<void> {
		await this.typeCommand(title);
		await this.page.keyboard.press('Enter');
	}

	/**
	 * F1 and the command's title, without Enter: resolves once the palette's focused row is that command, so the
	 * Enter that follows runs it (and a test can time from that key press).
	 */
	async typeCommand(title: string): Promise<void> {
		await this.openPalette(`>${title}`);
		// The palette can still show the previous list for a moment: wait until the focused row is the command.
		await this.quickInput
			.locator('.monaco-list-row.focused', { hasText: title })
			.first()
			.waitFor({ timeout: 30_000 });
	}

	/**
	 * F1, then `text` in the palette. F1 pressed while a quick input is still closing (an Enter a moment ago) finds it
	 * visible, and then it is gone: the input never becomes editable (seen once in CI). F1 can also be lost altogether
	 * while the quick input closes: the palette never shows (seen in CI too). So a palette that does not show, or a
	 * fill that does not take, within a few seconds presses F1 again.
	 */
	private async openPalette(text: string): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			await this.page.keyboard.press('F1');
			const filled = await this.quickInputBox
				.waitFor({ state: 'visible', timeout: 10_000 })
				.then(() => this.quickInputBox.fill(text, { timeout: 5_000 }))
				.then(
					() => true,
					(error: unknown) => {
						if (attempt >= 3) {
							throw error;
						}
						return false;
					},
				);
			if (filled) {
				return;
			}
			countRetry('F1 for the command palette', 'the palette input did not show or did not take the text');
		}
	}

	/** Whether the palette offers a command with this title (used for localized titles). */
	async paletteHas(title: string): Promise<boolean> {
		await this.openPalette(`>${title}`);
		const row = this.quickInput.locator('.monaco-list-row', { hasText: title }).first();
		const found = await row.waitFor({ timeout: 10_000 }).then(
			() => true,
			() => false,
		);
		await this.page.keyboard.press('Escape');
		return found;
	}

	/** Waits for an input box or quick pick whose placeholder or prompt mentions `text`. */
	async waitForInput(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
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
			typeof text === 'string'
				? { source: escapeRegExp(text), flags: 'i' }
				: { source: text.source, flags: text.flags },
			{ timeout: timeoutMs },
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

	/** Clicks the quick-pick row whose label is exactly `label` (not its description or detail). */
	async pickExact(label: string, timeoutMs = 30_000): Promise<void> {
		await this.quickInput
			.locator('.monaco-list-row')
			.filter({
				has: this.page.locator(QUICK_PICK_LABEL, { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }),
			})
			.first()
			.click({ timeout: timeoutMs });
	}

	/**
	 * F1, the command's title, then a click on the row with exactly that title: for commands the palette ranks below
	 * others that contain the typed text (e.g. "Compare New Untitled Text Files" above "File: New Untitled Text File").
	 */
	async runExactCommand(title: string): Promise<void> {
		await this.openPalette(`>${title}`);
		await this.pickExact(title);
	}

	/** The labels of the rows the open quick pick shows. */
	async quickPickLabels(): Promise<string[]> {
		return (await this.quickInput.locator(`.monaco-list-row ${QUICK_PICK_LABEL}`).allInnerTexts()).map((text) =>
			text.trim(),
		);
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

	/** Every toast shown since the page loaded (or since `sinceMs`), oldest first, even those hidden again. */
	async toastHistory(sinceMs = 0): Promise<{ text: string; at: number }[]> {
		const all = await this.page.evaluate<{ text: string; at: number }[]>('window.__e2eToasts || []');
		return all.filter((toast) => toast.at >= sinceMs);
	}

	/**
	 * Waits for a toast matching `text` to show at or after `sinceMs` (page clock, `Date.now()` in the page), even if
	 * VS Code hid it again before this looked; returns its text.
	 */
	async waitForToast(text: string | RegExp, sinceMs: number, timeoutMs = 30_000): Promise<string> {
		const matches = (value: string) => (typeof text === 'string' ? value.includes(text) : text.test(value));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const hit = (await this.toastHistory(sinceMs)).find((toast) => matches(toast.text));
			if (hit !== undefined) {
				return hit.text;
			}
			if (Date.now() > deadline) {
				throw new Error(
					`No toast matching ${String(text)} showed within ${timeoutMs} ms; toasts since then: ${JSON.stringify(await this.toastHistory(sinceMs))}`,
				);
			}
			await this.page.waitForTimeout(50);
		}
	}

	/**
	 * VS Code shows at most 3 new toasts per 800 ms ("spam protection"); later ones go only to the notification
	 * centre. A user never asks that fast, a test does: before a step that may show two toasts (progress and result),
	 * wait until the toasts of the last step are 800 ms old.
	 */
	async paceToasts(): Promise<void> {
		const now = Date.now();
		const recent = await this.toastHistory(now - 800);
		if (recent.length >= 2) {
			const last = Math.max(...recent.map((toast) => toast.at));
			await this.page.waitForTimeout(Math.max(0, last + 850 - now));
		}
	}

	/** Every welcome text a view showed since the page loaded, even for a moment, oldest first. */
	async welcomeHistory(): Promise<{ text: string; at: number }[]> {
		return this.page.evaluate<{ text: string; at: number }[]>('window.__e2eWelcomes || []');
	}

	/** Focus and quick-input changes of the last `ms` (diagnostics). */
	async focusHistory(ms: number): Promise<string[]> {
		const all = await this.page.evaluate<{ text: string; at: number }[]>('window.__e2eFocus || []');
		return all
			.filter((entry) => entry.at >= Date.now() - ms)
			.map((entry) => `${new Date(entry.at).toISOString()} ${entry.text}`);
	}

	/** The page's clock (the same machine: `Date.now()`), for `waitForToast`. */
	now(): number {
		return Date.now();
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

	/** Clicks a button of the modal dialog and waits until the dialog (and its focus handling) is gone. */
	async clickDialogButton(label: string): Promise<void> {
		await this.page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first().click();
		await this.page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 10_000 });
	}

	/**
	 * Right-clicks `target` and clicks the item `label` of the context menu that opens, as a user does. VS Code's menu
	 * takes no mouse-up during its first 100 ms (so that the release of the right button cannot pick an item); it
	 * starts listening from a timer, which a loaded machine runs late, so a click right after the menu showed can be
	 * dropped. Running an item closes the menu first: a menu still open after the click proves nothing ran, and only
	 * then is the click repeated (counted, see harnessRetries). Likewise a right-click that opened no menu.
	 */
	async chooseContextMenuItem(target: Locator, label: string): Promise<void> {
		const menu = this.page.locator('.context-view .monaco-menu');
		const item = menu.locator('.action-menu-item', { hasText: label }).first();
		for (let attempt = 1; ; attempt++) {
			await target.click({ button: 'right' });
			if (await reaches(menu.first(), 'visible', 5_000)) {
				break;
			}
			if (attempt >= 3) {
				throw new Error(`No context menu opened after ${attempt} right-clicks`);
			}
			countRetry('right-click that opened no context menu', 'no menu showed within 5 s');
		}
		// The menu item (its `a`), not its label: a click on the label's span left the item focused but not run once.
		for (let attempt = 1; ; attempt++) {
			const clicked = await item
				.hover({ timeout: 5_000 })
				.then(() => item.click({ timeout: 5_000 }))
				.then(
					() => true,
					() => false,
				);
			if (!clicked && !(await menu.first().isVisible())) {
				return; // the previous click ran the item after all, late: the menu is gone
			}
			if (await reaches(menu.first(), 'detached', 2_000)) {
				return;
			}
			if (attempt >= 3) {
				throw new Error(`The context menu item "${label}" stayed open after ${attempt} clicks`);
			}
			countRetry(`click on the context menu item "${label}"`, 'the menu was still open 2 s later: nothing ran');
		}
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

	/** Polls the clipboard until it holds `expected`; resolves with the time it was seen (ms, `Date.now()`). */
	async waitForClipboard(expected: string, timeoutMs = 30_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.readClipboard();
			if (last === expected) {
				return Date.now();
			}
			await this.page.waitForTimeout(10);
		}
		throw new Error(
			`The clipboard did not get the expected value within ${timeoutMs} ms (it holds ${last.length} characters).`,
		);
	}

	/** Polls the clipboard until it differs from `previous`; resolves with the new value and when it was seen. */
	async waitForClipboardChange(previous: string, timeoutMs = 30_000): Promise<{ value: string; at: number }> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const value = await this.readClipboard();
			if (value !== previous) {
				return { value, at: Date.now() };
			}
			await this.page.waitForTimeout(10);
		}
		throw new Error(`The clipboard did not change within ${timeoutMs} ms.`);
	}

	/** Waits until the status-bar item with this id shows text matching `pattern` (its trimmed text); returns the text. */
	async waitForStatusBarText(id: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
		const item = this.statusBarItem(id);
		return this.waitForText(
			async () => ((await item.isVisible()) ? (await item.innerText()).trim() : '(hidden)'),
			pattern,
			(text) => `The status bar item ${id} shows "${text}"`,
			timeoutMs,
		);
	}

	/**
	 * Reads `read()` every 100 ms until it matches `pattern`; returns that text. On timeout, throws
	 * "<shows(last text)>, not <pattern>, after <timeoutMs> ms".
	 */
	async waitForText(
		read: () => Promise<string>,
		pattern: RegExp,
		shows: (text: string) => string,
		timeoutMs: number,
	): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const text = await read();
			if (pattern.test(text)) {
				return text;
			}
			if (Date.now() > deadline) {
				throw new Error(`${shows(text)}, not ${String(pattern)}, after ${timeoutMs} ms`);
			}
			await this.page.waitForTimeout(100);
		}
	}

	/** The text of every toast on screen. */
	async notificationTexts(): Promise<string[]> {
		return (
			await this.page
				.locator('.notifications-toasts .notification-toast .notification-list-item-message')
				.allInnerTexts()
		).map((text) => text.trim());
	}

	/**
	 * Closes whatever a test left open: quick input, a modal dialog, and every notification (toasts and those a toast
	 * no longer shows, which stay in the notification centre).
	 */
	async dismissAll(): Promise<void> {
		for (let attempt = 0; attempt < 3 && (await this.quickInput.isVisible()); attempt++) {
			await this.page.keyboard.press('Escape');
			await this.quickInput.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
		}
		const dialog = this.page.locator('.monaco-dialog-box');
		if (await dialog.isVisible()) {
			await this.page.keyboard.press('Escape');
			await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
		}
		await this.clearNotifications();
		await this.page
			.locator('.notifications-toasts .notification-toast')
			.first()
			.waitFor({ state: 'detached', timeout: 10_000 })
			.catch(() => undefined);
	}

	/** Every notification in the notification centre (toasts included), newest first; leaves the centre closed. */
	async notificationCenterTexts(): Promise<string[]> {
		await this.runCommand('Notifications: Show Notifications');
		const center = this.page.locator('.notifications-center');
		await center.waitFor();
		const texts = (await center.locator('.notification-list-item-message').allInnerTexts()).map((text) =>
			text.trim(),
		);
		await this.runCommand('Notifications: Hide Notifications');
		return texts;
	}

	/** Text a user can read anywhere in the window (inputs' values excluded: password boxes are masked). */
	async visibleText(): Promise<string> {
		return this.page.evaluate(() => document.body.innerText);
	}

	async screenshot(file: string): Promise<void> {
		await this.page.screenshot({ path: path.resolve(file) });
	}
}

/** Whether `locator` reaches `state` within `timeoutMs` (a harness deciding whether its input step took). */
function reaches(locator: Locator, state: 'visible' | 'detached', timeoutMs: number): Promise<boolean> {
	return locator.waitFor({ state, timeout: timeoutMs }).then(
		() => true,
		() => false,
	);
}

/** `text` matched literally inside a RegExp (app names and labels may hold dots or brackets). */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
