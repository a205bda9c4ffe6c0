import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * The project's own eslint.config.mjs on small in-memory probes placed in src/: the layer and cycle rules must
 * report what they exist to forbid (a typo in a zone, or a resolver that cannot follow extensionless .ts imports,
 * would otherwise pass in silence). The probes import real modules, found by listing the folders, so the test
 * survives files moving inside a layer.
 */
const root = path.resolve(__dirname, '../../..');

// Probes are not on disk, so the type-aware rules (which need the file in a TS program) are switched off for them.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

const firstModuleUnder = (folder: string): string => {
	const entries = fs.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).sort();
	const file = entries.find((entry) => entry.endsWith('.ts'));
	assert.ok(file, `no module under ${folder}`);
	return path.join(folder, file);
};

/** The import specifier a file at `from` writes to reach the module at `to` (both relative to the repository). */
const specifier = (from: string, to: string): string => {
	const relative = path.relative(path.dirname(from), to.replace(/\.ts$/, '')).split(path.sep).join('/');
	return relative.startsWith('.') ? relative : `./${relative}`;
};

/** The rules that report on `text` as if it were the file at `file`. */
const rulesFor = async (file: string, text: string): Promise<string[]> => {
	const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
	assert.ok(result);
	return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
};

const importing = (file: string, target: string, kind: 'value' | 'type' = 'value'): string =>
	kind === 'value'
		? `import { probe } from '${specifier(file, target)}';\nexport const user = probe;\n`
		: `import type { probe } from '${specifier(file, target)}';\nexport type User = typeof probe;\n`;

describe('lint: layers and cycles', function () {
	this.timeout(60_000);
	const appModule = firstModuleUnder('src/app');
	const vscodeModule = firstModuleUnder('src/vscode');

	it('reports src/core importing src/app (a type too), src/vscode or src/extension.ts', async () => {
		const probe = 'src/core/layerProbe.ts';
		assert.deepEqual(await rulesFor(probe, importing(probe, appModule)), ['import-x/no-restricted-paths']);
		assert.deepEqual(await rulesFor(probe, importing(probe, appModule, 'type')), ['import-x/no-restricted-paths']);
		assert.deepEqual(await rulesFor(probe, importing(probe, vscodeModule)), ['import-x/no-restricted-paths']);
		assert.deepEqual(await rulesFor(probe, importing(probe, 'src/extension.ts')), ['import-x/no-restricted-paths']);
	});

	it('reports src/app importing src/vscode or vscode', async () => {
		const probe = 'src/app/layerProbe.ts';
		assert.deepEqual(await rulesFor(probe, importing(probe, vscodeModule)), ['import-x/no-restricted-paths']);
		assert.deepEqual(await rulesFor(probe, "import { window } from 'vscode';\nexport const user = window;\n"), [
			'no-restricted-imports',
		]);
	});

	it('reports src/vscode importing the composition root', async () => {
		const probe = 'src/vscode/layerProbe.ts';
		assert.deepEqual(await rulesFor(probe, importing(probe, 'src/extension.ts')), ['import-x/no-restricted-paths']);
	});

	it('accepts imports that point inward', async () => {
		const coreModule = firstModuleUnder('src/core');
		assert.deepEqual(await rulesFor('src/core/layerProbe.ts', importing('src/core/layerProbe.ts', coreModule)), []);
		assert.deepEqual(await rulesFor('src/app/layerProbe.ts', importing('src/app/layerProbe.ts', coreModule)), []);
		assert.deepEqual(
			await rulesFor('src/vscode/layerProbe.ts', importing('src/vscode/layerProbe.ts', appModule)),
			[],
		);
		assert.deepEqual(await rulesFor('src/layerProbe.ts', importing('src/layerProbe.ts', vscodeModule)), []);
	});

	it('reports an import cycle', async () => {
		// src/extension.ts imports this module by value; a probe in its place that imports src/extension.ts closes a loop.
		const extension = fs.readFileSync(path.join(root, 'src/extension.ts'), 'utf8');
		const imported = /^import \{[^}]*\} from '\.\/(vscode\/[^']+)';$/m.exec(extension)?.[1];
		assert.ok(imported, 'src/extension.ts imports nothing from src/vscode by value');
		const probe = `src/${imported}.ts`;
		const rules = await rulesFor(probe, importing(probe, 'src/extension.ts'));
		assert.ok(rules.includes('import-x/no-cycle'), rules.join(', '));
	});

	it('reports a notification or progress shown anywhere but src/vscode/notifications.ts (where text is made inert)', async () => {
		const probe = 'src/vscode/flows/notificationProbe.ts';
		for (const call of [
			'vscode.window.showErrorMessage(message)',
			'vscode.window.showWarningMessage(message, { modal: true })',
			'vscode.window\n\t.showInformationMessage(message)',
			'vscode.window.withProgress({ location: 15, title: message }, () => Promise.resolve())',
		]) {
			const text = `import * as vscode from 'vscode';\nexport function probe(message: string): unknown {\n\treturn ${call};\n}\n`;
			assert.deepEqual(await rulesFor(probe, text), ['no-restricted-syntax'], call);
		}
		const through = `import { showErrorMessage } from '../notifications';\nexport function probe(message: string): unknown {\n\treturn showErrorMessage(message);\n}\n`;
		assert.deepEqual(await rulesFor(probe, through), []);
	});
});
