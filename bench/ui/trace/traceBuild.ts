import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { extensionBuildOptions } from '../../shippedBuild';

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
 * Bundles the extension as `vscode:prepublish` does (esbuild.js's options: minified CJS, node18, no test hooks, axios
 * imported from dist/axios.js beside it, which the installed .vsix holds), entered through `traceEntry.ts` with
 * `tracedVscode.ts` in place of `vscode`: the shipped code, timestamped at its boundaries.
 */
export async function buildTracedExtension(outfile: string): Promise<void> {
	const shipped = extensionBuildOptions({ production: true, testHooks: false, outfile });
	await esbuild.build({
		...shipped,
		entryPoints: [path.join(__dirname, 'traceEntry.ts')],
		sourcemap: false,
		// `vscode` is the shim's, which the plugin below makes external for the shim alone.
		external: [],
		plugins: [...(shipped.plugins ?? []), tracedVscodePlugin],
	});
}
