import * as assert from 'node:assert/strict';
import { appStatus, withStatusBarMark } from '../../../../src/app/presentation/appStatus';
import { commandLink } from '../../../../src/app/presentation/commandLinks';
import type { ExpiryStatusContext } from '../../../../src/app/presentation/expiryStatus';
import { expiryStatus } from '../../../../src/app/presentation/expiryStatus';
import type { AppState } from '../../../../src/app/tokens/tokenService';
import { TokenError } from '../../../../src/core/errors';
import { sandboxApp } from '../../support/apps';
import { englishL10n as l10n } from '../../support/englishL10n';

const M = 60_000;
const NOW = 1_800_000_000_000;
const TOKEN = '86_Xq3AbCdEfGhIjKlMnOpQrStUvWxYz0123456789a9Zk';
const COMMANDS = {
	copyAs: 'wechatAccessToken.copyTokenAs',
	refresh: 'wechatAccessToken.refreshToken',
	pin: 'wechatAccessToken.focusStatusBar',
	check: 'wechatAccessToken.checkToken',
};

function state(name: string, expiresInMs?: number, error?: unknown): AppState {
	return {
		app: sandboxApp('authing', 'https://example.authing.cn', { name }),
		token:
			expiresInMs === undefined
				? undefined
				: { accessToken: TOKEN, expiresAt: NOW + expiresInMs, source: 'authing', fetchedAt: NOW - M },
		credentials: 'present',
		error,
		busy: false,
		lastUsedAt: undefined,
	};
}

const context = (pin: ExpiryStatusContext['pin']): ExpiryStatusContext => ({
	now: NOW,
	warnBeforeMs: 10 * M,
	locale: 'en',
	pin,
	commands: COMMANDS,
});

/** The `command:` links of a markdown text: [label, command id, decoded arguments]. */
function links(markdown: string): [string, string, unknown][] {
	return [...markdown.matchAll(/\[([^\]]*)\]\(command:([\w.]+)(?:\?([^)\s]*))?\)/g)].map(
		([, label = '', id = '', query]) => [
			label,
			id,
			query === undefined ? undefined : (JSON.parse(decodeURIComponent(query)) as unknown),
		],
	);
}

describe('the status bar tooltip: command links and why this app is shown', () => {
	it('links Copy As…, Refresh and Check for the app shown, and Show another app… when there is a choice', () => {
		const model = expiryStatus(state('Shop', 60 * M), context({ pinned: false, appCount: 2 }), l10n);
		assert.deepEqual(links(model?.tooltip ?? ''), [
			['Copy As…', COMMANDS.copyAs, ['Shop']],
			['Refresh', COMMANDS.refresh, ['Shop']],
			['Check', COMMANDS.check, ['Shop']],
			['Show another app…', COMMANDS.pin, undefined],
		]);
		assert.match(model?.tooltip ?? '', /The status bar follows the app you used last\\\./);
	});

	it('with the UI mark, every link passes it last, so the command knows the user clicked it (issue 11, item 4)', () => {
		const uiMark = { wechatAccessTokenUi: 'the mark' };
		const model = expiryStatus(state('Shop', 60 * M), { ...context({ pinned: false, appCount: 2 }), uiMark }, l10n);
		assert.deepEqual(links(model?.tooltip ?? ''), [
			['Copy As…', COMMANDS.copyAs, ['Shop', uiMark]],
			['Refresh', COMMANDS.refresh, ['Shop', uiMark]],
			['Check', COMMANDS.check, ['Shop', uiMark]],
			['Show another app…', COMMANDS.pin, [uiMark]],
		]);
	});

	it('one app, not pinned: nothing to switch to, nothing to explain', () => {
		const tooltip =
			expiryStatus(state('Shop', 60 * M), context({ pinned: false, appCount: 1 }), l10n)?.tooltip ?? '';
		assert.deepEqual(
			links(tooltip).map(([label]) => label),
			['Copy As…', 'Refresh', 'Check'],
		);
		assert.doesNotMatch(tooltip, /follows|chose/);
	});

	it('pinned: says so, and offers switching even with one app (to undo the pin)', () => {
		const tooltip =
			expiryStatus(state('Shop', 60 * M), context({ pinned: true, appCount: 1 }), l10n)?.tooltip ?? '';
		assert.match(tooltip, /You chose this app for the status bar\\\./);
		assert.deepEqual(
			links(tooltip).map(([label]) => label),
			['Copy As…', 'Refresh', 'Check', 'Show another app…'],
		);
	});

	it('an expired token: no Copy As…, Refresh and Check still', () => {
		const tooltip = expiryStatus(state('Shop', -M), context({ pinned: false, appCount: 2 }), l10n)?.tooltip ?? '';
		assert.deepEqual(
			links(tooltip).map(([label]) => label),
			['Refresh', 'Check', 'Show another app…'],
		);
	});

	it('app names are encoded in the link: brackets, parentheses, quotes and non-ASCII survive, nothing breaks out', () => {
		const name = "Shop (test) [1] “引号” 'q' *x*";
		const tooltip = expiryStatus(state(name, 60 * M), context({ pinned: true, appCount: 2 }), l10n)?.tooltip ?? '';
		const found = links(tooltip);
		assert.deepEqual(found[0], ['Copy As…', COMMANDS.copyAs, [name]]);
		assert.deepEqual(found[1], ['Refresh', COMMANDS.refresh, [name]]);
		assert.equal(commandLink('a]b', 'x.y', ['(']), '[a\\]b](command:x.y?%5B%22%28%22%5D)');
		assert.ok(!tooltip.includes(TOKEN), 'the token only masked');
	});

	it('a token WeChat refused: shown as refused, with the errcode and when, and a click checks it again', () => {
		const refusal = {
			works: false as const,
			checkedAt: NOW - M,
			refusal: { errcode: 40001, errmsg: 'invalid credential' },
		};
		const model = expiryStatus(
			state('Shop', 60 * M),
			{ ...context({ pinned: false, appCount: 1 }), refusal },
			l10n,
		);
		assert.equal(model?.text, '$(error) Shop refused by WeChat');
		assert.equal(model?.state, 'error');
		assert.equal(model?.clickAction, 'check');
		assert.equal(model?.accessibilityLabel, 'WeChat access token of Shop: refused by WeChat');
		assert.ok(
			(model?.tooltip ?? '')
				.replace(/\\/g, '')
				.includes('WeChat refused this token (errcode 40001) when it was checked at'),
		);
		const expired = expiryStatus(state('Shop', -M), { ...context({ pinned: false, appCount: 1 }), refusal }, l10n);
		assert.equal(expired?.clickAction, 'refresh', 'an expired token is shown as expired, whatever a check said');
	});

	it('no links when the caller names no commands', () => {
		const model = expiryStatus(state('Shop', 60 * M), { now: NOW, warnBeforeMs: 10 * M, locale: 'en' }, l10n);
		assert.deepEqual(links(model?.tooltip ?? ''), []);
	});
});

describe('the status bar for a pinned app without a token', () => {
	it('stays visible, says there is no token yet, and a click gets one', () => {
		const model = expiryStatus(state('Shop'), context({ pinned: true, appCount: 2 }), l10n);
		assert.equal(model?.state, 'none');
		assert.equal(model?.text, '$(key) Shop — no token yet');
		assert.equal(model?.clickAction, 'refresh');
		assert.equal(model?.accessibilityLabel, 'WeChat access token of Shop: none yet');
		assert.match(model?.tooltip ?? '', /No token yet\\\./);
		assert.deepEqual(
			links(model?.tooltip ?? '').map(([label]) => label),
			['Show another app…'],
		);
	});

	it('a failure without a token is shown as one', () => {
		const model = expiryStatus(
			state('Shop', undefined, new TokenError('network', 'down')),
			context({ pinned: true, appCount: 1 }),
			l10n,
		);
		assert.deepEqual([model?.state, model?.text], ['error', '$(error) Shop network error']);
	});

	it('an app that is not pinned and has no token hides the item, as before', () => {
		assert.equal(expiryStatus(state('Shop'), context({ pinned: false, appCount: 2 }), l10n), undefined);
	});
});

describe('the tree and the picker mark the pinned app', () => {
	it('appends “in status bar” to the description of the pinned app only', () => {
		const description = appStatus(state('Shop', 118 * M + 5000), NOW, 10 * M, l10n).description;
		assert.equal(withStatusBarMark(description, true, l10n), '1h 58m left · in status bar');
		assert.equal(withStatusBarMark(description, false, l10n), '1h 58m left');
	});
});
