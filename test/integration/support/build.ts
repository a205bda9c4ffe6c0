import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const OUT_DIR = path.join(REPO_ROOT, 'out/integration');

/**
 * The extension as users get it (the production bundle that `npm run package` puts in the .vsix) plus the test hooks
 * the suites read (src/vscode/startup/testingHooks.ts), which the .vsix's bundle does not hold.
 */
export function buildExtension(): void {
	execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.js'), '--production', '--test-hooks'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
}

/**
 * Bundles the runner and each suite into out/integration, one file each (the runner finds the suites by name).
 * `vscode` is the host's; mocha is the repository's, required at run time so the host's Node loads it.
 */
export async function buildSuite(): Promise<string> {
	rmSync(OUT_DIR, { recursive: true, force: true });
	const suites = path.join(REPO_ROOT, 'test/integration/suites');
	await build({
		entryPoints: [
			path.join(REPO_ROOT, 'test/integration/index.ts'),
			...readdirSync(suites)
				.filter((f) => f.endsWith('.test.ts'))
				.map((f) => path.join(suites, f)),
		],
		outbase: path.join(REPO_ROOT, 'test/integration'),
		outdir: OUT_DIR,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		sourcemap: 'inline',
		external: ['vscode', 'mocha'],
		logLevel: 'warning',
	});
	return path.join(OUT_DIR, 'index.js');
}
