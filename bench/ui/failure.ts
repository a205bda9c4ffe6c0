import * as os from 'node:os';
import * as path from 'node:path';
import type { Workbench } from '../../test/e2e/support/workbench';

/** On a failed step: a screenshot of the window and what had the focus, so the cause can be seen after the run. */
export async function reportFailure(wb: Workbench, step: string): Promise<void> {
	const file = path.join(os.tmpdir(), `wechat-access-token-bench-ui-${Date.now()}.png`);
	await wb.screenshot(file).then(
		() => console.error(`[bench:ui] ${step} failed; screenshot: ${file}`),
		(error: unknown) => console.error(`[bench:ui] ${step} failed; no screenshot (${String(error)})`),
	);
	const focus = await wb.focusHistory(60_000).catch(() => []);
	console.error(`[bench:ui] focus and quick input, last 60 s:\n  ${focus.join('\n  ')}`);
}
