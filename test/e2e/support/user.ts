import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { countRetry } from './harnessRetries';
import type { Needle } from './secretScan';
import { IDS, SCREENSHOT_DIR } from './session';
import type { Workbench } from './workbench';
import { escapeRegExp } from './workbench';

/**
 * The extension's user flows as a user performs them (palette, inputs, clicks), in English unless a step takes the
 * localized text. Each step waits for what the user would wait for.
 */
export class User {
	/** When the current step began: messages are looked for from then on. */
	private markAt = 0;

	constructor(readonly wb: Workbench) {}

	/** Starts a step: `notificationText` looks only at toasts shown from now on (paced: see `paceToasts`). */
	async mark(): Promise<void> {
		await this.wb.paceToasts();
		this.markAt = this.wb.now();
	}

	get page() {
		return this.wb.page;
	}

	/** "Get WeChat Access Token" from the palette; `app` is picked when the extension asks which one. */
	async getToken(app?: string, title = 'Get WeChat Access Token'): Promise<void> {
		await this.mark();
		await this.wb.runCommand(title);
		if (app !== undefined) {
			await this.pickApp(app, /which app\?|哪个应用/, () => this.wb.runCommand(title));
		}
	}

	async refreshToken(app?: string): Promise<void> {
		await this.mark();
		await this.wb.runCommand('Refresh WeChat Access Token');
		if (app !== undefined) {
			await this.pickApp(app, /Refresh the access token of which app\?/, () =>
				this.wb.runCommand('Refresh WeChat Access Token'),
			);
		}
	}

	/**
	 * Waits for the app picker, then clicks the app's row. Two rare races of the workbench, each seen about once in
	 * twenty runs under load, close or skip the picker: the focus moved away right after the picker opened (a toast the
	 * test had clicked before giving the focus back), and the picker, which closes when it loses the focus, was gone; or
	 * the palette closed at the Enter without the command ever opening its picker (nothing shown, no request, the focus
	 * back in the tree: seen once in CI's late-evening run). Either way `rerun` opens it again, once, and says so.
	 */
	async pickApp(app: string, placeholder: RegExp, rerun?: () => Promise<void>): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			const again = attempt === 1 ? rerun : undefined;
			const shown = await this.wb.waitForInput(placeholder, again ? 10_000 : 30_000).then(
				() => true,
				async (error: unknown) => {
					if (again === undefined || (await this.wb.quickInput.isVisible())) {
						throw error;
					}
					return false;
				},
			);
			if (!shown && again !== undefined) {
				await this.rerunPicker('the app picker did not open after the command', again);
				continue;
			}
			try {
				await this.wb.pickExact(app, again ? 5_000 : 30_000);
				return;
			} catch (error) {
				if (again === undefined || (await this.wb.quickInput.isVisible())) {
					throw error;
				}
				await this.rerunPicker('the app picker closed by itself before the click', again);
			}
		}
	}

	private async rerunPicker(what: string, rerun: () => Promise<void>): Promise<void> {
		const focus = await this.wb.focusHistory(15_000);
		countRetry('the command that opens the app picker', `${what}. Focus:\n        ${focus.join('\n        ')}`);
		await rerun();
	}

	/**
	 * Answers "Get New Token" in the modal that asks before a classic token: the second confirmation a classic request
	 * needs within 5 minutes of the last one for the AppID (or the question when something else asked).
	 */
	async confirmClassicToken(): Promise<void> {
		const dialog = this.page.locator('.monaco-dialog-box', { hasText: /from WeChat’s classic endpoint/ });
		await dialog.waitFor({ timeout: 30_000 });
		await this.wb.clickDialogButton('Get New Token');
	}

	/**
	 * For a classic request whose question depends on time a test does not control (whether 5 minutes passed since an
	 * earlier test's classic token): confirms the question if it shows before `issued` turns true.
	 */
	async confirmClassicTokenIfAsked(issued: () => boolean, timeoutMs = 30_000): Promise<void> {
		const dialog = this.page.locator('.monaco-dialog-box', { hasText: /from WeChat’s classic endpoint/ });
		const deadline = Date.now() + timeoutMs;
		while (!issued() && Date.now() < deadline) {
			if (await dialog.isVisible()) {
				await this.wb.clickDialogButton('Get New Token');
				return;
			}
			await this.page.waitForTimeout(50);
		}
	}

	/**
	 * Answers the password boxes of "Set WeChat App Credentials…" (or of a Get that finds them missing): one per
	 * secret, each checked to name its field and to be a password input. When the extension offers secrets saved for
	 * the same AppID elsewhere, `reuse` decides (the default enters new ones).
	 */
	async answerCredentials(
		appName: string,
		boxes: readonly { readonly field: RegExp; readonly value: string }[],
		reuse = false,
	): Promise<void> {
		await this.mark();
		const firstBox = this.page.locator('.quick-input-widget input[type="password"]');
		const reuseDialog = this.page.locator('.monaco-dialog-box', { hasText: /were saved for/ });
		await firstBox.or(reuseDialog).first().waitFor({ timeout: 30_000 });
		if (await reuseDialog.isVisible()) {
			await this.wb.clickDialogButton(reuse ? 'Use Them for' : 'Enter New Ones');
			if (reuse) {
				return;
			}
		}
		for (const [index, box] of boxes.entries()) {
			await this.wb.waitForInput(new RegExp(`\\(${index + 1}/${boxes.length}\\)`));
			await this.wb.waitForInput(box.field);
			const prompt = await this.wb.inputMessage();
			assert.match(prompt, box.field, `password box ${index + 1} names its field`);
			assert.ok(prompt.includes(appName), `password box ${index + 1} names the app: ${prompt}`);
			assert.equal(
				await this.page.locator('.quick-input-widget input.input').getAttribute('type'),
				'password',
				'the secret is typed into a password box',
			);
			await this.wb.submitInput(box.value);
		}
	}

	async setCredentials(
		app: string,
		boxes: readonly { readonly field: RegExp; readonly value: string }[],
		options: { reuse?: boolean; pick?: boolean } = {},
	): Promise<void> {
		await this.mark();
		await this.wb.runCommand('Set WeChat App Credentials…');
		if (options.pick !== false) {
			await this.pickApp(app, /Set the credentials of which app\?/, () =>
				this.wb.runCommand('Set WeChat App Credentials…'),
			);
		}
		await this.answerCredentials(app, boxes, options.reuse);
		await this.notificationText(`Saved the credentials of “${app}”.`);
	}

	/**
	 * Get (picking `app` when asked), then waits for what the user sees: `token` on the clipboard (cleared first, so
	 * a cached token counts too) and the "Copied …" message.
	 */
	async getTokenExpect(app: string | undefined, token: string): Promise<string> {
		await this.wb.writeClipboard('');
		await this.getToken(app);
		await this.wb.waitForClipboard(token);
		return this.copiedMessage(app);
	}

	/** The "Copied the access token of …" message of the app (any app when not given). */
	async copiedMessage(app?: string): Promise<string> {
		return this.notificationText(
			app === undefined ? /Copied the access token of/ : `Copied the access token of “${app}”`,
		);
	}

	/**
	 * The message matching `text` that showed as a toast since the current step began (see `mark`), even if VS Code
	 * has hidden it again; its text.
	 */
	async notificationText(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
		return this.wb.waitForToast(text, this.markAt, timeoutMs);
	}

	/** The toasts shown since the current step began. */
	async toastsSinceMark(): Promise<string[]> {
		return (await this.wb.toastHistory(this.markAt)).map((toast) => toast.text);
	}

	// ---- status bar ----

	get statusBar(): Locator {
		return this.wb.statusBarItem(IDS.statusBar);
	}

	async statusBarText(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
		return this.wb.waitForStatusBarText(IDS.statusBar, pattern, timeoutMs);
	}

	/** `warning-kind` / `error-kind` and the like: how VS Code draws the item's background colour. */
	async statusBarKind(): Promise<string> {
		const classes = (await this.statusBar.getAttribute('class')) ?? '';
		return /\b(\w+)-kind\b/.exec(classes)?.[1] ?? 'standard';
	}

	async waitForStatusBarKind(kind: 'standard' | 'warning' | 'error', timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while ((await this.statusBarKind()) !== kind) {
			if (Date.now() > deadline) {
				throw new Error(
					`The status bar item stayed "${await this.statusBarKind()}", expected "${kind}" (text: ${await this.statusBar.innerText()})`,
				);
			}
			await this.page.waitForTimeout(100);
		}
	}

	// ---- the Apps view ----

	async openAppsView(): Promise<Locator> {
		return this.wb.openViewContainer(IDS.viewContainerTitle, IDS.viewContainer);
	}

	/**
	 * Waits until the apps view's text matches `pattern`; returns the text. A view opened for the first time shows its
	 * welcome until the tree's rows and message arrive from the extension host (CI once read it 160 ms too early).
	 */
	async appsViewText(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
		const view = await this.openAppsView();
		return this.wb.waitForText(
			() => view.innerText(),
			pattern,
			(text) => `The apps view shows “${text}”`,
			timeoutMs,
		);
	}

	/** The app's row (label + state), matched by its label exactly. */
	async appRow(app: string): Promise<Locator> {
		const view = await this.openAppsView();
		return view.locator('.monaco-list-row[aria-level="1"]').filter({
			has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(app)}\\s*$`) }),
		});
	}

	/** Waits until the app's row shows a state (its description) matching `pattern`; returns "label description". */
	async appState(app: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
		const row = await this.appRow(app);
		await this.wb.waitForText(
			async () =>
				(await row.locator('.label-description').first().textContent({ timeout: timeoutMs }))?.trim() ?? '',
			pattern,
			(description) => `The tree shows “${app}” as “${description}”`,
			timeoutMs,
		);
		return rowText(row);
	}

	/** Expands the app's row (a click, as a user does) and returns the text of its child rows, one per row. */
	async appDetails(app: string): Promise<string[]> {
		const row = await this.appRow(app);
		if ((await row.getAttribute('aria-expanded')) !== 'true') {
			await row.click();
		}
		const view = await this.openAppsView();
		// Children follow their parent (by data-index) and render a moment after it expands.
		const read = () =>
			view.evaluate((element, name) => {
				const rows = Array.from(element.querySelectorAll<HTMLElement>('.monaco-list-row')).sort(
					(a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
				);
				const start = rows.findIndex(
					(row) =>
						row.getAttribute('aria-level') === '1' &&
						row.querySelector('.label-name')?.textContent?.trim() === name,
				);
				const out: string[] = [];
				for (const row of rows.slice(start + 1)) {
					if (row.getAttribute('aria-level') !== '2') {
						break;
					}
					const label = row.querySelector('.label-name')?.textContent ?? '';
					const description = row.querySelector('.label-description')?.textContent ?? '';
					out.push(`${label.trim()} ${description.trim()}`.trim());
				}
				return out;
			}, app);
		let details = await read();
		for (
			const deadline = Date.now() + 10_000;
			details.length === 0 && Date.now() < deadline;
			details = await read()
		) {
			await this.page.waitForTimeout(50);
		}
		return details;
	}

	async collapseApp(app: string): Promise<void> {
		const row = await this.appRow(app);
		if ((await row.getAttribute('aria-expanded')) === 'true') {
			await row.click();
		}
	}

	// ---- screenshots for the README ----

	/**
	 * Saves <name>.png in SCREENSHOT_DIR (media/screenshots under `npm run screenshots`), after checking that nothing on screen shows a secret or a full token
	 * (tokens are masked, password boxes show dots). `whileFetching`: the picture is of a question asked during a
	 * request, whose progress toast belongs in it.
	 */
	async readmeScreenshot(name: string, needles: readonly Needle[], { whileFetching = false } = {}): Promise<void> {
		if (!whileFetching) {
			// A finished request's progress toast stays a moment longer; the picture should show the result only.
			await this.page
				.locator('.notifications-toasts .notification-toast', {
					hasText: /Getting the access token of|正在获取/,
				})
				.first()
				.waitFor({ state: 'detached', timeout: 10_000 });
		}
		const text = await this.wb.visibleText();
		for (const needle of needles) {
			assert.ok(!text.includes(needle.value), `the screenshot ${name} would show the ${needle.what}`);
		}
		await this.wb.screenshot(path.join(SCREENSHOT_DIR, `${name}.png`));
	}
}

/** "label description", as a user reads a tree row. */
export async function rowText(row: Locator): Promise<string> {
	const label = (await row.locator('.label-name').first().innerText()).trim();
	const description = (await row.locator('.label-description').first().textContent())?.trim() ?? '';
	return `${label} ${description}`.trim();
}

/**
 * The extension's user settings as written in the profile's settings.json. VS Code rewrites the file in place
 * (truncate, then write), so a read can land between the two and see an empty or cut-off file: such a read is
 * retried for a moment rather than taken for the file's content.
 */
export function readUserSettings(userDataDir: string): Record<string, unknown> {
	const file = path.join(userDataDir, 'User', 'settings.json');
	const deadline = Date.now() + 2_000;
	for (;;) {
		try {
			return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
		} catch (error) {
			if (!(error instanceof SyntaxError) || Date.now() > deadline) {
				throw error;
			}
			// A synchronous pause: the callers read the file synchronously, also inside `eventually` polls.
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
		}
	}
}

/** Waits for `condition` to hold, polling; for state outside the page (the sandbox, files). */
export async function eventually(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 15_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
