import * as assert from 'node:assert/strict';

/** Polls `check` for up to a second: for what another window (or a change event) brings about on its own time. */
export async function eventually(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 200 && !check(); i++) {
		await delay(5);
	}
	assert.ok(check(), what);
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
