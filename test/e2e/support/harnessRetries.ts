/**
 * The harness's own input steps it had to repeat: an F1 the palette never saw, a click on a menu item VS Code did
 * not take. Only such steps may be repeated, and only after checking that the product did nothing with the first
 * one (the palette never opened, the menu is still open): a repeat never hides a failure of the extension. Each one
 * is logged where it happens and counted; the root hooks print the count at the end of the run.
 */

interface Retry {
	readonly step: string;
	readonly test: string;
}

const retries: Retry[] = [];
let currentTest = '(outside a test)';

/** Called by the root hooks before each test, so a retry names the test it happened in. */
export function setCurrentTest(title: string): void {
	currentTest = title;
}

/** Records one repeat of a harness input step and logs it, with what `evidence` says made the repeat safe. */
export function countRetry(step: string, evidence: string): void {
	retries.push({ step, test: currentTest });
	console.log(`      [e2e retry #${retries.length}] ${step}: ${evidence}`);
}

/** "harness retries: N", then one line per kind of step with its count and the tests it happened in. */
export function retrySummary(): string {
	const byStep = new Map<string, Retry[]>();
	for (const retry of retries) {
		byStep.set(retry.step, [...(byStep.get(retry.step) ?? []), retry]);
	}
	const lines = [...byStep].map(
		([step, list]) => `    ${list.length} × ${step} (${[...new Set(list.map((retry) => retry.test))].join('; ')})`,
	);
	return [`  [e2e] harness retries: ${retries.length}`, ...lines].join('\n');
}
