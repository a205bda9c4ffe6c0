import * as assert from 'node:assert/strict';
import type { Workbench } from '../../test/e2e/support/workbench';
import { escapeRegExp } from '../../test/e2e/support/workbench';
import type { Sandbox } from '../../test/sandbox/sandboxServer';
import type { UiContender } from './contenders';
import { BENCH_APP } from './contenders';
import type { PageMarks } from './pageMarks';
import { nextClipboardWrite, readMarks, resetMarks } from './pageMarks';

/** A user takes far longer than this between seeing the picker and pressing Enter; the window settles meanwhile. */
const SETTLE_BEFORE_ENTER_MS = 250;
/** After a run: its message and tree/status-bar updates land before the screen is cleared for the next. */
const TAIL_MS = 400;
const PLACEHOLDER = '-';

/** One timed Enter, in page-clock milliseconds from its keydown. */
export interface TimedRun {
	/** Enter → `navigator.clipboard.writeText` called with the token. */
	readonly clipboardMs: number;
	/** Enter → that write resolved. */
	readonly clipboardLandedMs: number;
	/** Toasts that showed, from Enter (progress, "Copied …"). */
	readonly toasts: readonly { readonly ms: number; readonly text: string }[];
	/** The Enter's keydown (epoch ms, the clock the extension host's trace uses) and the raw page marks. */
	readonly enterAt: number;
	readonly marks: PageMarks;
}

/** What a timed Enter should end in: the app's current token at the sandbox on the clipboard, after `requests` requests. */
export interface Expectation {
	readonly appId: string;
	readonly lineage: 'stable' | 'classic';
	readonly requests: 0 | 1;
	/** Everything before the timed Enter; the bench clears the clipboard and the marks around it. */
	readonly prepare: () => Promise<void>;
	readonly label: string;
}

/**
 * Prepares (clipboard cleared, `prepare`, the window settled), presses Enter and times it to the token's clipboard
 * write in the page. Checks the clipboard holds the sandbox's token for the app and that the sandbox saw exactly the
 * expected requests; clears the screen after.
 */
export async function timedEnter(wb: Workbench, sandbox: Sandbox, expect: Expectation): Promise<TimedRun> {
	await wb.writeClipboard(PLACEHOLDER);
	await expect.prepare();
	await wb.page.waitForTimeout(SETTLE_BEFORE_ENTER_MS);
	await resetMarks(wb.page);
	const before = sandbox.countRequests();
	await wb.page.keyboard.press('Enter');
	if (!(await nextClipboardWrite(wb.page, 30_000))) {
		throw new Error(`${expect.label}: nothing was written to the clipboard within 30 s of Enter`);
	}
	await wb.page.waitForTimeout(TAIL_MS);
	const marks = await readMarks(wb.page);
	const enterAt = marks.enters[0];
	const write = marks.writes[0];
	assert.ok(enterAt !== undefined && write !== undefined, `${expect.label}: the page saw no Enter or no write`);
	const token = sandbox.currentToken(expect.appId, expect.lineage);
	assert.ok(
		token !== undefined && write.text === token,
		`${expect.label}: the clipboard write is not the sandbox's current token`,
	);
	assert.equal(await wb.readClipboard(), token, `${expect.label}: the clipboard does not hold the token`);
	assert.equal(sandbox.countRequests() - before, expect.requests, `${expect.label}: requests to the sandbox`);
	await wb.dismissAll();
	return {
		clipboardMs: write.at - enterAt,
		clipboardLandedMs: write.done - enterAt,
		toasts: marks.toasts.map((toast) => ({ ms: toast.at - enterAt, text: toast.text })),
		enterAt,
		marks,
	};
}

/**
 * One Get of the bench app as a user does it: F1, the title, Enter; with two apps the picker, then Enter on the app
 * (the timed one); with one app the palette's Enter is the timed one.
 */
export function timedGet(
	wb: Workbench,
	sandbox: Sandbox,
	contender: UiContender,
	options: { pick: boolean; requests: 0 | 1 },
): Promise<TimedRun> {
	return timedEnter(wb, sandbox, {
		appId: BENCH_APP.appId,
		lineage: 'stable',
		requests: options.requests,
		label: `${contender.key} Get`,
		prepare: async () => {
			if (options.pick) {
				await wb.runCommand(contender.commandTitle);
				await wb.waitForInput(contender.pickPlaceholder);
				await focusedRow(wb, BENCH_APP.name);
			} else {
				await wb.typeCommand(contender.commandTitle);
			}
		},
	});
}

/** Waits until the open picker's focused row is `label` (then Enter picks it). */
export async function focusedRow(wb: Workbench, label: string): Promise<void> {
	await wb.quickInput
		.locator('.monaco-list-row.focused')
		.filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
		.waitFor({ timeout: 30_000 });
}

/** Rounds of one run per contender, the first contender alternating, so drift and warm caches favour neither. */
export async function interleaved<R = TimedRun>(
	rounds: number,
	contenders: readonly UiContender[],
	run: (contender: UiContender) => Promise<R>,
	onRun?: (contender: UiContender, result: R, round: number) => void,
): Promise<Map<UiContender['key'], R[]>> {
	const results = new Map<UiContender['key'], R[]>(contenders.map((contender) => [contender.key, []]));
	for (let round = 0; round < rounds; round++) {
		const order = contenders.map((_, i) => contenders[(round + i) % contenders.length] as UiContender);
		for (const contender of order) {
			const result = await run(contender);
			results.get(contender.key)?.push(result);
			onRun?.(contender, result, round);
		}
	}
	return results;
}
