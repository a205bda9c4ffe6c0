import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { configureApps, extension, hooks, sandboxEntry, treeOf } from '../support/extension';

// Runs only in a host started with the zh-cn display language (runInCodeServer.ts does; see index.ts).
type BundleEntry = string | { readonly message: string; readonly comment: readonly string[] };

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(path.join(extension().extensionPath, file), 'utf8')) as T;
}

/** `{0}`… replaced by A, B, C…: what l10n.t does with these arguments. */
function format(template: string, args: readonly string[]): string {
	return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** The host hands out the manifest with `%key%`s replaced: a string, or `{ value, original }` when translated. */
function contributedTitle(id: string): string | undefined {
	const commands = (
		extension().packageJSON as {
			contributes: { commands: { command: string; title: string | { value: string } }[] };
		}
	).contributes.commands;
	const title = commands.find((c) => c.command === id)?.title;
	return typeof title === 'object' ? title.value : title;
}

describe('l10n (zh-cn)', () => {
	// The host loads an extension's bundle when it activates it; before that, l10n.t returns the English source.
	before(() => hooks());

	it('loads the Chinese bundle', () => {
		assert.equal(vscode.env.language, 'zh-cn');
		assert.ok(vscode.l10n.uri?.path.endsWith('/l10n/bundle.l10n.zh-cn.json'), vscode.l10n.uri?.toString());
	});

	it('translates every message of the English bundle through vscode.l10n.t', () => {
		const english = readJson<Record<string, BundleEntry>>('l10n/bundle.l10n.json');
		const chinese = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');
		const args = ['A', 'B', 'C', 'D', 'E'];
		const wrong: string[] = [];
		for (const [key, entry] of Object.entries(english)) {
			const expected = format(chinese[key] ?? `(missing: ${key})`, args);
			const actual =
				typeof entry === 'string'
					? vscode.l10n.t(entry, ...args)
					: vscode.l10n.t({ message: entry.message, args, comment: [...entry.comment] });
			if (actual !== expected) {
				wrong.push(`${key}: got ${actual}`);
			}
		}
		assert.deepEqual(wrong, []);
		assert.ok(Object.keys(english).length > 100);
	});

	it('resolves the manifest titles from package.nls.zh-cn.json', () => {
		const nls = readJson<Record<string, string>>('package.nls.zh-cn.json');
		assert.equal(contributedTitle('wechatAccessToken.getToken'), nls['command.getToken.title']);
	});

	it('shows Chinese states in the tree', async () => {
		await configureApps([sandboxEntry('wechat-stable', '商城')]);
		const chinese = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');
		assert.equal((await treeOf('商城')).item.description, chinese['credentials missing']);
		await configureApps([]);
	});
});
