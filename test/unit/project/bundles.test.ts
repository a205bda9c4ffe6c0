import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { build } from 'esbuild';
import { COMMANDS } from '../../../src/vscode/commandIds';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is the build script itself, CommonJS JavaScript
const { extensionBuildOptions } = require('../../../esbuild.js') as {
	extensionBuildOptions: (options: { production: boolean; testHooks: boolean; outdir: string }) => BuildOptions;
};

/** What VS Code loads before it activates the extension: it must stay small (issue 20's start-up target). */
const FIRST_BUNDLE_BUDGET_BYTES = 8_000;

interface ModuleInternals {
	_resolveFilename(request: string, ...rest: unknown[]): string;
}

describe('bundles: VS Code loads a small activation bundle, the services come right after', () => {
	let dir: string;
	before(async function () {
		this.timeout(60_000);
		dir = mkdtempSync(path.join(os.tmpdir(), 'wat-bundles-'));
		await build(extensionBuildOptions({ production: true, testHooks: false, outdir: dir }));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('dist/extension.js is a few KB and requires only vscode, and ./services.js at run time', () => {
		const first = path.join(dir, 'extension.js');
		assert.ok(
			statSync(first).size <= FIRST_BUNDLE_BUDGET_BYTES,
			`${statSync(first).size} B > ${FIRST_BUNDLE_BUDGET_BYTES}`,
		);
		const required = [...readFileSync(first, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
		assert.deepEqual([...new Set(required)].sort(), ['./services.js', 'vscode']);
	});

	it('the package holds both bundles', () => {
		const whitelist = readFileSync(path.join(__dirname, '../../../.vscodeignore'), 'utf8').split('\n');
		assert.ok(whitelist.includes('!dist/extension.js'));
		assert.ok(whitelist.includes('!dist/services.js'));
	});

	it('activate() registers every command and returns before the services are loaded; disposing it then starts nothing', async () => {
		const registered: string[] = [];
		const fakeVscode = {
			commands: {
				registerCommand: (id: string) => {
					registered.push(id);
					return { dispose: () => undefined };
				},
			},
		};
		const fakeId = path.join(dir, '__fake_vscode__.js');
		const fake = new Module(fakeId);
		fake.exports = fakeVscode;
		fake.loaded = true;
		require.cache[fakeId] = fake;
		const internals = Module as unknown as ModuleInternals;
		const resolve = internals._resolveFilename.bind(Module);
		internals._resolveFilename = (request: string, ...rest: unknown[]): string =>
			request === 'vscode' ? fakeId : resolve(request, ...rest);
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle just built
			const extension = require(path.join(dir, 'extension.js')) as {
				activate(context: { subscriptions: { dispose(): void }[] }): Promise<unknown>;
			};
			const context = { subscriptions: [] as { dispose(): void }[] };
			const activation = extension.activate(context);
			assert.deepEqual(
				registered,
				COMMANDS.map(({ id }) => id),
			);
			assert.equal(
				require.cache[path.join(dir, 'services.js')],
				undefined,
				'services.js loaded during activate()',
			);
			// A window closed at once: VS Code disposes the subscriptions before the next task.
			context.subscriptions.forEach((subscription) => subscription.dispose());
			const settled = await Promise.race([
				activation.then(
					() => 'resolved',
					() => 'rejected',
				),
				new Promise((resolve) => setTimeout(() => resolve('pending'), 50)),
			]);
			assert.equal(settled, 'pending');
			assert.equal(require.cache[path.join(dir, 'services.js')], undefined, 'services.js loaded after disposal');
		} finally {
			internals._resolveFilename = resolve;
			delete require.cache[fakeId];
		}
	});
});
