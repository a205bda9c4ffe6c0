// Bundles the extension into one file, in the style of microsoft/vscode-extension-samples' esbuild-sample.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
// The integration drivers' build: the production bundle plus the test hooks (src/vscode/startup/testingHooks.ts).
const testHooks = !production || process.argv.includes('--test-hooks');
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

/**
 * Stubs the parts of axios the client cannot reach with its configuration (node's http adapter, `maxRedirects: 0`,
 * `proxy: false`, JSON string bodies), so they are neither bundled nor parsed at activation: 348 KB → 148 KB and
 * about 5 ms less require time (measured by `npm run bench`, see bench/README.md). Each stub throws if it is ever
 * reached, so a configuration change that needs the real module fails loudly instead of misbehaving.
 * - form-data (+ mime-types, mime-db's ~137 KB, combined-stream, …): only for FormData bodies.
 * - follow-redirects (+ debug): only used when maxRedirects > 0.
 * - https-proxy-agent (+ agent-base, debug): only used when a proxy applies.
 * - axios's fetch adapter: never selected in Node (http comes first), but loading it probes `Request`/`Response`,
 *   which loads Node's whole fetch implementation.
 */
const AXIOS_STUBS = [
	{
		filter: /^form-data$/,
		contents: 'module.exports = class FormData { constructor() { throw new Error("form-data is not bundled"); } };',
	},
	{
		filter: /^follow-redirects$/,
		contents:
			'const no = { request() { throw new Error("follow-redirects is not bundled"); } }; module.exports = { http: no, https: no };',
	},
	{
		filter: /^https-proxy-agent$/,
		contents:
			'module.exports = class HttpsProxyAgent { constructor() { throw new Error("https-proxy-agent is not bundled"); } };',
	},
	{
		filter: /^\.\/fetch\.js$/,
		importer: /axios[\\/]lib[\\/]adapters[\\/]adapters\.js$/,
		contents: 'export const getFetch = () => null; export default null;',
	},
];

/** @type {import('esbuild').Plugin} */
const axiosTrimPlugin = {
	name: 'axios-trim',
	setup(build) {
		AXIOS_STUBS.forEach((stub, index) => {
			build.onResolve({ filter: stub.filter }, (args) =>
				stub.importer && !stub.importer.test(args.importer)
					? undefined
					: { path: String(index), namespace: 'axios-trim' },
			);
		});
		build.onLoad({ filter: /.*/, namespace: 'axios-trim' }, (args) => ({
			contents: AXIOS_STUBS[Number(args.path)].contents,
			loader: 'js',
		}));
	},
};

/**
 * Two bundles: `dist/extension.js`, what VS Code loads and activates at start-up (src/extension.ts: the commands'
 * ids), and `dist/services.js`, everything else, which it requires right after activation. This keeps that require
 * out of the first bundle (it stays a run-time `require` of the file beside it).
 * @type {import('esbuild').Plugin}
 */
const servicesBundlePlugin = {
	name: 'services-bundle',
	setup(build) {
		build.onResolve({ filter: /^\.\/services\.js$/ }, (args) =>
			/src[\\/]extension\.ts$/.test(args.importer) ? { path: './services.js', external: true } : undefined,
		);
	},
};

/**
 * The extension's build. `testHooks: false` (every `--production` build without `--test-hooks`, so the one
 * `npm run package` ships) defines `__TEST_HOOKS__` as false: esbuild removes the code it guards and, with it, the
 * test hooks module (test/unit/vscode/startup/testingHooks.test.ts checks the bundle).
 * @param {{ production: boolean, testHooks: boolean, outdir?: string }} options
 * @returns {import('esbuild').BuildOptions}
 */
function extensionBuildOptions({ production, testHooks, outdir = 'dist' }) {
	return {
		absWorkingDir: __dirname,
		entryPoints: { extension: 'src/extension.ts', services: 'src/services.ts' },
		bundle: true,
		format: 'cjs',
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		platform: 'node',
		target: 'node18',
		outdir,
		external: ['vscode'],
		define: { __TEST_HOOKS__: JSON.stringify(testHooks) },
		logLevel: 'silent',
		plugins: [axiosTrimPlugin, servicesBundlePlugin],
	};
}

async function main() {
	const options = extensionBuildOptions({ production, testHooks });
	const ctx = await esbuild.context({ ...options, metafile, plugins: [...options.plugins, problemMatcherPlugin] });
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

module.exports = { axiosTrimPlugin, extensionBuildOptions };

if (require.main === module) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
