/**
 * Run in a fresh `node` process (bundled by the bench first): `node activateProbe.js <extension.js>`.
 * Registers the `vscode` stand-in through Module._resolveFilename, then times `require` of the bundled extension,
 * the `activate()` call (what VS Code counts as activation) and, when it returns a promise, the time until that
 * resolves (the services it starts right after, src/services.ts). Prints one JSON line.
 */
import Module from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { autoStubbed, createExtensionContext, createVscodeStandIn, secretCalls } from './vscodeStandIn';

interface ModuleInternals {
	_resolveFilename(request: string, ...rest: unknown[]): string;
	_cache: Record<string, unknown>;
}

interface ExtensionModule {
	activate?: (context: object) => unknown;
}

async function main(): Promise<void> {
	const extensionFile = path.resolve(process.argv[2] ?? 'dist/extension.js');
	const internals = Module as unknown as ModuleInternals;
	const standInId = path.join(__dirname, '__vscode_stand_in__.js');
	const standIn = new Module(standInId);
	standIn.filename = standInId;
	standIn.loaded = true;
	standIn.exports = createVscodeStandIn();
	internals._cache[standInId] = standIn;
	const resolve = internals._resolveFilename.bind(Module);
	internals._resolveFilename = (request: string, ...rest: unknown[]): string =>
		request === 'vscode' ? standInId : resolve(request, ...rest);
	// The extension's root: where its package.json is, as in an installed extension (dist/extension.js below it).
	const root = path.dirname(path.dirname(extensionFile));
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		publisher?: string;
		name?: string;
	};
	const context = createExtensionContext(root, manifest);

	const started = process.hrtime.bigint();
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle chosen at run time
	const extension = require(extensionFile) as ExtensionModule;
	const required = process.hrtime.bigint();
	if (typeof extension.activate !== 'function') {
		throw new Error(`${extensionFile} exports no activate()`);
	}
	const activation = extension.activate(context);
	const called = process.hrtime.bigint();
	await activation;
	const activated = process.hrtime.bigint();
	// Let work that activate() started but did not await run too, before looking at what it touched.
	await new Promise((resolve) => setTimeout(resolve, 50));
	// Node's own list of the built-in modules loaded so far: without `net` no connection can have been made.
	// Read before touching process.stdout: a piped stdout is itself a net socket.
	const netLoaded = ((process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? []).includes(
		'NativeModule net',
	);
	const result = JSON.stringify({
		requireMs: Number(required - started) / 1e6,
		activateCallMs: Number(called - required) / 1e6,
		activateMs: Number(activated - required) / 1e6,
		autoStubbed: [...autoStubbed],
		netLoaded,
		secretCalls,
	});
	process.stdout.write(`${result}\n`);
	// Timers the extension started (a countdown, say) must not keep the probe alive.
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
	process.exit(1);
});
