import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { axiosTrimPlugin } from '../../axiosTrim';
import { REPO_ROOT } from '../../../scripts/host/vscodeHost';

const SHIM = path.join(__dirname, 'tracedVscode.ts');

/** The extension's `vscode` imports get the traced API; the shim's own import stays the real, external one. */
const tracedVscodePlugin: esbuild.Plugin = {
	name: 'traced-vscode',
	setup(build) {
		build.onResolve({ filter: /^vscode$/ }, (args) =>
			args.importer === SHIM ? { path: 'vscode', external: true } : { path: SHIM },
		);
	},
};

/**
 * Bundles the extension as `vscode:prepublish` does (minified CJS, node18, axios trimmed, no test hooks), entered through
 * `traceEntry.ts` with `tracedVscode.ts` in place of `vscode`: the shipped code, timestamped at its boundaries. One
 * file: src/extension.ts's `require('./services.js')` is bundled here (esbuild reads it as src/services.ts), where the
 * shipped build leaves it to run time; the trace times commands, not start-up.
 */
export async function buildTracedExtension(outfile: string): Promise<void> {
	await esbuild.build({
		entryPoints: [path.join(__dirname, 'traceEntry.ts')],
		absWorkingDir: REPO_ROOT,
		bundle: true,
		format: 'cjs',
		minify: true,
		platform: 'node',
		target: 'node18',
		outfile,
		// As in the shipped build: no test hooks (esbuild.js).
		define: { __TEST_HOOKS__: 'false' },
		logLevel: 'silent',
		plugins: [axiosTrimPlugin, tracedVscodePlugin],
	});
}
