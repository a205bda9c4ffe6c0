import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
// The types of the ES module build, as in src/core/http/httpTransport.ts.
import type { AxiosStatic } from 'axios' with { 'resolution-mode': 'import' };
import type { BuildOptions } from 'esbuild';
import { build } from 'esbuild';

interface ShippedBuild {
	readonly extensionBuildOptions: (options: {
		production: boolean;
		testHooks: boolean;
		outfile: string;
	}) => BuildOptions;
	readonly axiosBuildOptions: (options: { production: boolean; outfile: string }) => BuildOptions;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is the build script itself, CommonJS JavaScript
const { axiosBuildOptions, extensionBuildOptions } = require('../../../esbuild.js') as ShippedBuild;

const ROOT = path.join(__dirname, '..', '..', '..');
/** Error codes only axios's own code holds. */
const AXIOS_WORDS = ['ERR_BAD_OPTION_VALUE', 'ERR_FR_TOO_MANY_REDIRECTS'];

/**
 * What `npm run package` ships: dist/extension.js without axios, which VS Code loads at activation, and dist/axios.js
 * beside it, loaded by the first request (esbuild.js says why). The integration and e2e suites make real requests
 * through both files; this holds the layout itself.
 */
describe('the shipped build: axios beside the extension, loaded by the first request', () => {
	let dir: string;
	let extension: string;
	before(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'wat-layout-'));
		await build(
			extensionBuildOptions({ production: true, testHooks: false, outfile: path.join(dir, 'extension.js') }),
		);
		await build(axiosBuildOptions({ production: true, outfile: path.join(dir, 'axios.js') }));
		extension = readFileSync(path.join(dir, 'extension.js'), 'utf8');
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('dist/extension.js holds no axios code, and requires ./axios.js only when a request is made', () => {
		assert.deepEqual(
			AXIOS_WORDS.filter((word) => extension.includes(word)),
			[],
		);
		// Inside a promise: esbuild's form of `import('axios')` with dynamic imports turned off (not at the top level).
		assert.match(extension, /Promise\.resolve\(\)\.then\(\(\)=>\w+\(require\("\.\/axios\.js"\)\)\)/);
	});

	it('dist/axios.js is axios, trimmed as the extension uses it, and makes a real request over loopback', async () => {
		const chunk = readFileSync(path.join(dir, 'axios.js'), 'utf8');
		assert.ok(
			AXIOS_WORDS.every((word) => chunk.includes(word)),
			'axios is in the chunk',
		);
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built chunk, as the extension requires it
		const loaded = require(path.join(dir, 'axios.js')) as {
			__esModule?: boolean;
			default: AxiosStatic;
		};
		assert.equal(loaded.__esModule, true, 'marked, so the extension’s import finds axios as its default');
		const server = http.createServer((_request, response) => response.end('{"errcode":0}'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = server.address() as AddressInfo;
			const client = loaded.default.create({ maxRedirects: 0, proxy: false, responseType: 'text' });
			const response = await client.get(`http://127.0.0.1:${port}/`);
			assert.equal(response.data, '{"errcode":0}');
		} finally {
			server.close();
		}
	});

	it('the package holds both files', () => {
		const whitelist = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
		for (const file of ['!dist/extension.js', '!dist/axios.js']) {
			assert.ok(whitelist.includes(file), `.vscodeignore lets ${file.slice(1)} into the .vsix`);
		}
	});
});
