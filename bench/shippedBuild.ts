import type { BuildOptions, Plugin } from 'esbuild';

interface ShippedBuild {
	readonly axiosTrimPlugin: Plugin;
	readonly extensionBuildOptions: (options: {
		production: boolean;
		testHooks: boolean;
		outfile?: string;
	}) => BuildOptions;
}

/** The pieces of the shipped build (esbuild.js), so the bench bundles code exactly as it ships. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is the build script itself, CommonJS JavaScript
export const { axiosTrimPlugin, extensionBuildOptions } = require('../esbuild.js') as ShippedBuild;
