// Bundles the extension into one file, in the style of microsoft/vscode-extension-samples' esbuild-sample.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/** Prints esbuild's problems in the format VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
	name: 'esbuild-problem-matcher',
	setup(build) {
		build.onStart(() => console.log('[watch] build started'));
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
			}
			console.log('[watch] build finished');
		});
	},
};

async function main() {
	const ctx = await esbuild.context({
		entryPoints: ['src/extension.ts'],
		bundle: true,
		format: 'cjs',
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		platform: 'node',
		target: 'node18',
		outfile: 'dist/extension.js',
		external: ['vscode'],
		logLevel: 'silent',
		metafile,
		plugins: [problemMatcherPlugin],
	});
	if (watch) {
		await ctx.watch();
		return;
	}
	const result = await ctx.rebuild();
	if (metafile) {
		require('fs').writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
		console.log(await esbuild.analyzeMetafile(result.metafile));
	}
	await ctx.dispose();
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
