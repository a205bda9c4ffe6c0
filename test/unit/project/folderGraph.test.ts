import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The feature folders of a layer depend one way (issue 20): no folder imports, through any of its files, a folder
 * that imports it back, type-only imports included (they still say one folder needs the other to be understood).
 * Files at a layer's top level count as one folder, "(top)". import-x's no-cycle holds files; this holds folders.
 */
const root = path.resolve(__dirname, '../../..');
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm;

/** folder -> folder -> one file-level import that makes the arrow (for the message). */
function folderGraph(layer: string): Map<string, Map<string, string>> {
	const base = path.join(root, layer);
	const folderOf = (file: string): string => {
		const relative = path.relative(base, file);
		return relative.includes(path.sep) ? (relative.split(path.sep)[0] ?? '(top)') : '(top)';
	};
	const graph = new Map<string, Map<string, string>>();
	for (const entry of fs.readdirSync(base, { recursive: true, encoding: 'utf8' })) {
		if (!entry.endsWith('.ts')) {
			continue;
		}
		const file = path.join(base, entry);
		for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
			const target = path.resolve(path.dirname(file), specifier ?? '');
			if (!target.startsWith(base + path.sep)) {
				continue;
			}
			const [from, to] = [folderOf(file), folderOf(target)];
			if (from !== to) {
				const arrows = graph.get(from) ?? new Map<string, string>();
				arrows.set(to, arrows.get(to) ?? `${entry} -> ${path.relative(base, target)}`);
				graph.set(from, arrows);
			}
		}
	}
	return graph;
}

/** A cycle of folders as the arrows that make it, or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (folder: string): string[] | undefined => {
		state.set(folder, 'open');
		stack.push(folder);
		for (const next of graph.get(folder)?.keys() ?? []) {
			if (state.get(next) === 'open') {
				const loop = [...stack.slice(stack.indexOf(next)), next];
				return loop.slice(1).map((to, i) => graph.get(loop[i] ?? '')?.get(to) ?? to);
			}
			const found = state.get(next) === undefined ? visit(next) : undefined;
			if (found) {
				return found;
			}
		}
		stack.pop();
		state.set(folder, 'done');
		return undefined;
	};
	for (const folder of graph.keys()) {
		const found = state.get(folder) === undefined ? visit(folder) : undefined;
		if (found) {
			return found;
		}
	}
	return undefined;
}

describe('structure: feature folders depend one way', () => {
	for (const layer of ['src/app', 'src/vscode']) {
		it(`${layer}: the folder graph has no cycle`, () => {
			const graph = folderGraph(layer);
			assert.ok(graph.size > 3, `${layer} has feature folders that import each other`);
			const cycle = findCycle(graph);
			assert.equal(cycle, undefined, `a cycle of folders in ${layer}:\n  ${cycle?.join('\n  ')}`);
		});
	}

	it('finds a cycle when there is one (src/vscode’s commands and health, before they were sorted)', () => {
		const graph = new Map([
			['commands', new Map([['health', 'commands/registerCommands.ts -> health/checkToken.ts']])],
			['health', new Map([['commands', 'health/checkToken.ts -> commands/appPicker.ts']])],
		]);
		assert.deepEqual(findCycle(graph), [
			'commands/registerCommands.ts -> health/checkToken.ts',
			'health/checkToken.ts -> commands/appPicker.ts',
		]);
	});
});
