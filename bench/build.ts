import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { axiosTrimPlugin } from './axiosTrim';

export const ROOT = path.resolve(__dirname, '..');

/** A scratch directory for this run's bundles; removed by the caller. */
export function makeScratchDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'wat-bench-'));
}

/**
 * The token client bundled the way the extension ships it (esbuild.js --production: one CJS file, minified,
 * platform node, target node18, axios inlined with the same trim). Returns the file and its size.
 */
export async function bundleClient(outDir: string): Promise<{ file: string; bytes: number }> {
	const file = path.join(outDir, 'tokenClient.js');
	await build({
		entryPoints: [path.join(ROOT, 'src/core/tokenClient.ts')],
		bundle: true,
		format: 'cjs',
		minify: true,
		platform: 'node',
		target: 'node18',
		outfile: file,
		logLevel: 'silent',
		plugins: [axiosTrimPlugin],
	});
	return { file, bytes: fs.statSync(file).size };
}

/** The activate probe and its `vscode` stand-in, as one plain-Node script. */
export async function bundleActivateProbe(outDir: string): Promise<string> {
	const file = path.join(outDir, 'activateProbe.js');
	await build({
		entryPoints: [path.join(__dirname, 'activateProbe.ts')],
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node18',
		outfile: file,
		logLevel: 'silent',
	});
	return file;
}
