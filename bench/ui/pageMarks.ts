import type { Page } from 'playwright-core';

/**
 * Runs in the page before the workbench loads: timestamps, on one clock (epoch milliseconds with sub-millisecond
 * resolution: `performance.timeOrigin + performance.now()`, the same clock the extension host's trace uses), of every
 * Enter keydown (captured at the window, before VS Code handles it), every `navigator.clipboard.writeText` (which is
 * how VS Code in the browser puts `env.clipboard.writeText` on the clipboard) and every notification toast added.
 * Nothing polls: the bench awaits `__benchNextWrite`, which resolves when the next write lands.
 * Plain JavaScript: a TypeScript function would be compiled with helpers the page lacks.
 */
export const PAGE_MARKS = `(() => {
	const now = () => performance.timeOrigin + performance.now();
	const marks = { enters: [], writes: [], toasts: [] };
	let onWrite;
	window.__benchMarks = marks;
	window.__benchReset = () => {
		marks.enters.length = 0;
		marks.writes.length = 0;
		marks.toasts.length = 0;
	};
	window.__benchNextWrite = (timeoutMs) =>
		new Promise((resolve) => {
			if (marks.writes.some((write) => write.done !== 0)) {
				resolve(true);
				return;
			}
			const timer = setTimeout(() => resolve(false), timeoutMs);
			onWrite = () => {
				clearTimeout(timer);
				onWrite = undefined;
				resolve(true);
			};
		});
	// The performance marks put the same two moments on Chromium's trace clock, for --workbench-trace.
	addEventListener('keydown', (event) => {
		if (event.key === 'Enter') {
			marks.enters.push(now());
			performance.mark('bench-enter');
		}
	}, true);
	const writeText = Clipboard.prototype.writeText;
	Clipboard.prototype.writeText = function (text) {
		performance.mark('bench-write');
		const entry = { at: now(), done: 0, text };
		marks.writes.push(entry);
		const result = writeText.call(this, text);
		const settle = (done) => () => {
			entry.done = done === 'ok' ? now() : -1;
			if (onWrite) onWrite();
		};
		result.then(settle('ok'), settle('failed'));
		return result;
	};
	const watchToasts = () => {
		const container = document.querySelector('.notifications-toasts');
		if (!container) {
			setTimeout(watchToasts, 200);
			return;
		}
		new MutationObserver((records) => {
			const at = now();
			for (const record of records) {
				for (const node of record.addedNodes) {
					if (node instanceof HTMLElement && node.classList.contains('notification-toast-container')) {
						const message = node.querySelector('.notification-list-item-message');
						marks.toasts.push({ at, text: message ? message.textContent.trim().slice(0, 80) : '' });
					}
				}
			}
		}).observe(container, { childList: true });
	};
	watchToasts();
})()`;

/** What the page recorded since the last reset; `text` of a write is the value written (compared, never printed). */
export interface PageMarks {
	readonly enters: readonly number[];
	readonly writes: readonly { readonly at: number; readonly done: number; readonly text: string }[];
	readonly toasts: readonly { readonly at: number; readonly text: string }[];
}

export async function resetMarks(page: Page): Promise<void> {
	await page.evaluate('window.__benchReset()');
}

/** Waits (without polling) until a clipboard write has landed; false after `timeoutMs`. */
export async function nextClipboardWrite(page: Page, timeoutMs: number): Promise<boolean> {
	return page.evaluate<boolean, number>(
		(ms) => (window as unknown as { __benchNextWrite(ms: number): Promise<boolean> }).__benchNextWrite(ms),
		timeoutMs,
	);
}

export async function readMarks(page: Page): Promise<PageMarks> {
	return page.evaluate<PageMarks>('window.__benchMarks');
}
