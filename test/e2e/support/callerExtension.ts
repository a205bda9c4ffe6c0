import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { REPO_ROOT } from '../../../scripts/host/vscodeHost';

/** The palette titles of the fixture extension in test/e2e/fixtures/callerExtension ("another extension"). */
export const CALLER_COMMANDS = {
	refreshByCommand: 'E2E Caller: Refresh Classic through executeCommand',
	getByApi: 'E2E Caller: Get the Token of Classic through the API',
	refreshWithoutArguments: 'E2E Caller: Refresh through executeCommand without arguments',
	marker: 'E2E Caller: Marker',
} as const;

/** What the fixture's marker command shows when anything runs it. */
export const MARKER_RAN = 'E2E Caller: the marker command ran.';

/**
 * Packages the fixture extension that plays "another extension" into a .vsix in a temporary folder, with the same
 * packager as `npm run package`, so a session can install it the way a user installs any extension.
 */
export async function packageCallerExtension(): Promise<string> {
	const packagePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'wat-e2e-caller-')), 'e2e-token-caller.vsix');
	await createVSIX({
		cwd: path.join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'callerExtension'),
		packagePath,
		dependencies: false,
		skipLicense: true,
		allowMissingRepository: true,
	});
	return packagePath;
}

/**
 * For a suite whose session installs the fixture: registers the `before` hook that packages it and returns its
 * .vsix's path once packaged. Call it before `useSession`: mocha runs `before` hooks in order.
 */
export function useCallerExtension(): () => string {
	let vsix = '';
	before(async function () {
		this.timeout(60_000);
		vsix = await packageCallerExtension();
	});
	return () => vsix;
}
