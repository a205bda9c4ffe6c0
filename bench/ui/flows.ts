import type { Sandbox } from '../../test/sandbox/sandboxServer';
import { User } from '../../test/e2e/support/user';
import type { Workbench } from '../../test/e2e/support/workbench';
import { BENCH_APP, MINIMAL, OURS } from './contenders';
import type { UiContender } from './contenders';

/** Stores the bench app's AppSecret in a contender's SecretStorage, through its own UI, before anything is timed. */
export async function enterSecret(
	wb: Workbench,
	sandbox: Sandbox,
	contender: UiContender,
	pick: boolean,
): Promise<void> {
	if (contender === OURS) {
		await new User(wb).setCredentials(BENCH_APP.name, [{ field: /WeChat AppSecret/, value: BENCH_APP.appSecret }], {
			pick,
		});
	} else {
		// The minimal extension asks for the secret on its first Get, which also fetches a first token.
		await wb.runCommand(MINIMAL.commandTitle);
		if (pick) {
			await wb.waitForInput(MINIMAL.pickPlaceholder);
			await wb.pickExact(BENCH_APP.name);
		}
		await wb.waitForInput(`Minimal: AppSecret of ${BENCH_APP.name}`);
		await wb.submitInput(BENCH_APP.appSecret);
		const deadline = Date.now() + 30_000;
		while (
			sandbox.currentToken(BENCH_APP.appId, 'stable') === undefined ||
			(await wb.readClipboard()) !== sandbox.currentToken(BENCH_APP.appId, 'stable')
		) {
			if (Date.now() > deadline) {
				throw new Error('the minimal extension did not copy a token after its secret was entered');
			}
			await wb.page.waitForTimeout(50);
		}
	}
	await wb.dismissAll();
}
