import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Sandbox } from '../../sandbox/sandboxServer';
import type { Workbench } from './workbench';

/** A WeChat app's credentials, as another server of the team holds them. */
interface AppCredentials {
	readonly appId: string;
	readonly appSecret: string;
}

/**
 * A classic `/cgi-bin/token` fetch made outside the extension (another server of the team, a script): WeChat mints a
 * new classic token, and the previous one works 5 more minutes. Plain HTTP to the sandbox; the token it got.
 */
export async function outsideClassicFetch(sandboxUrl: string, app: AppCredentials): Promise<string> {
	const query = new URLSearchParams({ grant_type: 'client_credential', appid: app.appId, secret: app.appSecret });
	const response = await fetch(`${sandboxUrl}/cgi-bin/token?${query.toString()}`);
	return tokenOf(await response.json(), 'the classic fetch outside');
}

/** A forced stable refresh made outside the extension: the stable token every server held dies at once. */
export async function outsideForcedStableRefresh(sandboxUrl: string, app: AppCredentials): Promise<string> {
	const response = await fetch(`${sandboxUrl}/cgi-bin/stable_token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			grant_type: 'client_credential',
			appid: app.appId,
			secret: app.appSecret,
			force_refresh: true,
		}),
	});
	return tokenOf(await response.json(), 'the forced refresh outside');
}

function tokenOf(body: unknown, what: string): string {
	const token = (body as { access_token?: unknown } | null)?.access_token;
	assert.ok(typeof token === 'string' && token !== '', `${what} got a token: ${JSON.stringify(body)}`);
	return token;
}

/** The `stable_token` requests the sandbox received for `appId`, normal and forced. */
export function stableRequests(sandbox: Sandbox, appId: string): { normal: number; forced: number } {
	const bodies = sandbox.requests
		.filter((request) => request.path === '/cgi-bin/stable_token')
		.map((request) => request.body as { appid?: unknown; force_refresh?: unknown } | undefined)
		.filter((body) => body?.appid === appId);
	const forced = bodies.filter((body) => body?.force_refresh === true).length;
	return { normal: bodies.length - forced, forced };
}

/**
 * Copies a notification's text as a user does: right-click on the toast, "Copy Text" in its context menu. Returns
 * what the clipboard then holds.
 */
export async function copyToastText(wb: Workbench, text: string | RegExp): Promise<string> {
	await wb.writeClipboard('');
	await wb.chooseContextMenuItem(
		wb.notification(text).locator('.notification-list-item-message').first(),
		'Copy Text',
	);
	return (await wb.waitForClipboardChange('')).value;
}

/** The text lines of the active editor. */
export function activeEditorLines(wb: Workbench): Locator {
	return wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
}

/**
 * The text of the document that opened in the editor under the tab `title`, as a user gets it: the tab is active,
 * then select all and copy (a read-only document allows both). Returns the clipboard's text.
 */
export async function readOpenDocument(wb: Workbench, title: string, timeoutMs = 30_000): Promise<string> {
	await wb.page.locator('.tabs-container .tab.active', { hasText: title }).first().waitFor({ timeout: timeoutMs });
	const editor = activeEditorLines(wb);
	await editor.waitFor({ timeout: timeoutMs });
	await editor.click();
	await wb.writeClipboard('');
	await wb.page.keyboard.press('Control+a');
	await wb.page.keyboard.press('Control+c');
	const text = (await wb.waitForClipboardChange('')).value;
	// Back to the top with nothing selected, as a user reads it.
	await wb.page.keyboard.press('Control+Home');
	return text;
}

/**
 * Drags the side bar's edge to `width` pixels, as a user widens it to read a tree's descriptions (the quota bars are
 * cut off at the default width).
 */
export async function widenSideBar(wb: Workbench, width: number): Promise<void> {
	const sideBar = await wb.page.locator('.part.sidebar').boundingBox();
	assert.ok(sideBar !== null, 'the side bar is open');
	const edge = sideBar.x + sideBar.width;
	const y = sideBar.y + sideBar.height / 2;
	await wb.page.mouse.move(edge + 1, y);
	await wb.page.mouse.down();
	await wb.page.mouse.move(edge + 1 + (width - sideBar.width), y, { steps: 5 });
	await wb.page.mouse.up();
	// Off the edge, which stays highlighted while the pointer rests on it.
	await wb.page.mouse.move(sideBar.x + width + 300, y);
}

/** Waits until the status bar no longer says "Activating Extensions…" (VS Code's markdown support, for a screenshot). */
export async function extensionsActivated(wb: Workbench): Promise<void> {
	await wb.page
		.locator('.statusbar-item', { hasText: 'Activating Extensions' })
		.first()
		.waitFor({ state: 'detached', timeout: 15_000 })
		.catch(() => undefined);
}
