import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { VscodeHost } from '../../e2e/support/vscodeHost';

/**
 * Debian's Chromium, kept off the network this machine does not have (the flags of test/e2e/support/workbench.ts,
 * which this file does not import: that one is typed against the DOM, this tsconfig is not).
 */
export async function launchChromium(host: VscodeHost): Promise<Browser> {
	return chromium.launch({
		executablePath: host.chromium,
		headless: true,
		// Playwright's own handlers would exit the process on Ctrl-C before our cleanup stops code-server.
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}
