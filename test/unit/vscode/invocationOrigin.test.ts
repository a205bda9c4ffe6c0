import * as assert from 'node:assert/strict';
import { commandCaller, invocationOrigin, isUiInvocation, UI_INVOCATION } from '../../../src/vscode/invocationOrigin';

/**
 * Issue 11, item 4: how a command knows the user started it from the extension's own UI, from the arguments VS Code
 * passes (no `vscode` needed: the rule is plain data). Everything that names an app without the mark is external.
 */
describe('where a command was started from', () => {
	const treeElement = { kind: 'app', appName: 'Shop' };
	const ownTree = (value: unknown): boolean => value === treeElement;
	const origin = (...args: unknown[]) => invocationOrigin(args, ownTree);

	it('a tree item’s menu: the user', () => {
		assert.deepEqual(origin(treeElement, [treeElement]), { origin: 'ui', args: [treeElement, [treeElement]] });
	});

	it('no argument (the palette, and alike a task’s command input or executeCommand without args): unmarked, not the user', () => {
		assert.deepEqual(origin(), { origin: 'unmarked', args: [] });
		assert.deepEqual(origin(undefined), { origin: 'unmarked', args: [undefined] });
		assert.deepEqual(origin(null), { origin: 'unmarked', args: [null] });
	});

	it('the extension’s own buttons and links pass the mark, which is taken off; it survives a command link’s JSON', () => {
		assert.deepEqual(origin('Shop', UI_INVOCATION), { origin: 'ui', args: ['Shop'] });
		assert.deepEqual(origin('Shop', { stableRefresh: 'normal' }, UI_INVOCATION), {
			origin: 'ui',
			args: ['Shop', { stableRefresh: 'normal' }],
		});
		const throughJson = JSON.parse(JSON.stringify(['Shop', UI_INVOCATION])) as unknown[];
		assert.deepEqual(origin(...throughJson), { origin: 'ui', args: ['Shop'] });
		assert.deepEqual(
			origin(UI_INVOCATION),
			{ origin: 'ui', args: [] },
			'a link without an app (“Show another app…”)',
		);
	});

	it('an app name from executeCommand or a keybinding’s args, a look-alike tree element, a guessed mark: something else', () => {
		assert.equal(origin('Shop').origin, 'external');
		assert.equal(origin('Shop', { stableRefresh: 'normal' }).origin, 'external');
		assert.equal(
			origin({ kind: 'app', appName: 'Shop' }).origin,
			'external',
			'a copy of a tree element is not one',
		);
		assert.equal(origin('Shop', { wechatAccessTokenUi: 'a guess' }).origin, 'external');
		assert.equal(origin({ label: 'launch configuration' }).origin, 'external', 'what ${command:} passes');
		assert.equal(isUiInvocation({ wechatAccessTokenUi: 'a guess' }), false);
		assert.match(UI_INVOCATION.wechatAccessTokenUi, /^[0-9a-f-]{36}$/, 'random per extension host');
	});

	it('who asked for a token, for the classic question', () => {
		assert.equal(commandCaller('ui'), 'user');
		assert.equal(commandCaller('unmarked'), 'unmarked');
		assert.equal(commandCaller('external'), 'command');
	});
});
