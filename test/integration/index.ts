/**
 * The integration suite's entry point, loaded by VS Code's extension host as `extensionTestsPath` (code-server's via
 * runInCodeServer.ts, desktop VS Code's via runInDesktop.ts). VS Code calls `run()` once the extension under
 * development is loaded, and reports its outcome: resolved means passed, rejected means failed.
 * Shape as in microsoft/vscode-extension-samples' helloworld-test-sample (src/test/suite/index.ts), with bdd and
 * mocha's async loader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import MochaImport from 'mocha';

/** Suites that need the zh-cn display language (file names `*.zh-cn.test.js`) run in their own host, started in it. */
const ZH_CN_SUFFIX = '.zh-cn.test.js';
/** Runs first: it checks the state the extension activated into, before any other suite changes it. */
const FIRST = 'activation.test.js';

export async function run(): Promise<void> {
	// mocha 12 is an ES module that the host loads with require(); depending on the Node version its namespace comes
	// back flagged as __esModule (the import is the class) or not (the import is the namespace, holding the class).
	const Mocha =
		typeof MochaImport === 'function'
			? MochaImport
			: (MochaImport as unknown as { default: typeof MochaImport }).default;
	const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000, slow: 2_000 });

	const suites = path.join(__dirname, 'suites');
	const zhCn = vscode.env.language.toLowerCase() === 'zh-cn';
	const files = fs
		.readdirSync(suites)
		.filter((file) => file.endsWith('.test.js') && file.endsWith(ZH_CN_SUFFIX) === zhCn)
		// Code-unit order, not localeCompare: the order of the suites must not depend on the host's locale.
		.sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || (a < b ? -1 : a > b ? 1 : 0));
	console.log(`Integration suites (${vscode.env.language}, VS Code ${vscode.version}): ${files.join(', ')}`);
	files.forEach((file) => mocha.addFile(path.join(suites, file)));

	await mocha.loadFilesAsync();
	const failures = await new Promise<number>((resolve) => mocha.run(resolve));
	if (failures > 0) {
		throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`);
	}
}
