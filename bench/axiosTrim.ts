import type { Plugin } from 'esbuild';

/** The axios trim of the shipped build (esbuild.js), so the bench bundles the client exactly as it ships. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is the build script itself, CommonJS JavaScript
export const axiosTrimPlugin: Plugin = (require('../esbuild.js') as { axiosTrimPlugin: Plugin }).axiosTrimPlugin;
