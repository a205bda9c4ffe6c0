import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { VscodeHost } from '../../../scripts/host/vscodeHost';
import { CHROMIUM_ARGS } from '../../../scripts/host/vscodeHost';

/**
 * Debian's Chromium, kept off the network this machine does not have (the e2e suites' flags; their workbench.ts is
 * typed against the DOM, this tsconfig is not, so the browser is launched here).
 */
export async function launchChromium(host: VscodeHost): Promise<Browser> {
	return chromium.launch({
		executablePath: host.chromium,
		headless: true,
		// Playwright's own handlers would exit the process on Ctrl-C before our cleanup stops code-server.
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [...CHROMIUM_ARGS],
	});
}
