import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { build } from 'esbuild';
import type * as vscode from 'vscode';
import type { WechatAccessTokenApi } from '../../../../src/api/wechatAccessTokenApi';
import type { ExpiryAlert } from '../../../../src/app/expiry/expiryAlerts';
import type { ShownAlert } from '../../../../src/vscode/expiry/expiryAlertNotification';
import type { TestingHooks } from '../../../../src/vscode/startup/testingHooks';
import { TestObservation } from '../../../../src/vscode/startup/testingHooks';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is the build script itself, CommonJS JavaScript
const { extensionBuildOptions } = require('../../../../esbuild.js') as {
	extensionBuildOptions: (options: { production: boolean; testHooks: boolean; outdir: string }) => BuildOptions;
};

/** Words only the test hooks bring: the export's name and the members of src/vscode/startup/testingHooks.ts. */
const HOOK_WORDS = [
	'__testing',
	'TestObservation',
	'watchStatusBarItem',
	'recordAlerts',
	'statusBarSnapshot',
	'snapshot',
	'history()',
];

describe('test hooks: never in the shipped bundle', () => {
	let dir: string;
	before(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'wat-bundle-'));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	/** The extension's two bundles as `node esbuild.js` builds them, written to the temporary folder (dist/ is left alone). */
	async function bundle(testHooks: boolean): Promise<string> {
		const outdir = path.join(dir, testHooks ? 'with-hooks' : 'shipped');
		await build(extensionBuildOptions({ production: true, testHooks, outdir }));
		return ['extension.js', 'services.js'].map((file) => readFileSync(path.join(outdir, file), 'utf8')).join('\n');
	}

	it('the --production bundle (what `npm run package` ships) holds none of them', async () => {
		const shipped = await bundle(false);
		assert.deepEqual(
			HOOK_WORDS.filter((word) => shipped.includes(word)),
			[],
		);
	});

	it('the integration drivers’ build (--production --test-hooks) holds them: the check above can see them', async () => {
		const withHooks = await bundle(true);
		for (const word of ['__testing', 'watchStatusBarItem', 'recordAlerts']) {
			assert.ok(withHooks.includes(word), word);
		}
	});
});

describe('test hooks: what they observe', () => {
	/** The parts of a StatusBarItem the status bar sets; the rest is never read. */
	function fakeItem(): { item: vscode.StatusBarItem; shownCalls: () => number } {
		let shown = 0;
		const item = {
			text: '',
			tooltip: undefined,
			backgroundColor: undefined,
			command: undefined,
			show: () => shown++,
			hide: () => undefined,
		};
		return { item: item as unknown as vscode.StatusBarItem, shownCalls: () => shown };
	}

	function hooksOf(observation: TestObservation): TestingHooks {
		const api: WechatAccessTokenApi = {
			apiVersion: 1,
			getAccessToken: () => Promise.resolve(''),
			getAccessTokenInfo: () => Promise.reject(new Error('unused')),
			checkToken: () => Promise.reject(new Error('unused')),
			getQuota: () => Promise.reject(new Error('unused')),
			explainRid: () => Promise.reject(new Error('unused')),
			getJsapiTicket: () => Promise.reject(new Error('unused')),
			signJsSdkPage: () => Promise.reject(new Error('unused')),
		};
		const exports = observation.exports(api, {} as Omit<TestingHooks, 'statusBar' | 'expiry'>);
		assert.deepEqual(
			Object.keys(exports).sort(),
			[
				'__testing',
				'apiVersion',
				'checkToken',
				'explainRid',
				'getAccessToken',
				'getAccessTokenInfo',
				'getJsapiTicket',
				'getQuota',
				'signJsSdkPage',
			],
			'the public API beside the hooks',
		);
		assert.ok(exports.__testing);
		return exports.__testing;
	}

	it('the status bar: hidden until shown, then what was set on the item', () => {
		const observation = new TestObservation();
		const real = fakeItem();
		const item = observation.watchStatusBarItem(real.item);
		const { statusBar } = hooksOf(observation);
		item.text = '$(key) Shop 1h 59m';
		assert.equal(statusBar.snapshot().visible, false);

		item.tooltip = { value: '**Shop**' } as vscode.MarkdownString;
		item.backgroundColor = { id: 'statusBarItem.warningBackground' };
		item.command = { title: 'Copy', command: 'wechatAccessToken.copyToken', arguments: ['Shop'] };
		item.show();
		assert.equal(real.shownCalls(), 1, 'the real item is shown');
		assert.equal(real.item.text, '$(key) Shop 1h 59m', 'what is set reaches the real item');
		assert.deepEqual(statusBar.snapshot(), {
			visible: true,
			text: '$(key) Shop 1h 59m',
			tooltip: '**Shop**',
			background: 'statusBarItem.warningBackground',
			command: 'wechatAccessToken.copyToken',
			commandArguments: ['Shop'],
		});

		item.hide();
		assert.equal(statusBar.snapshot().visible, false);
		assert.equal(statusBar.snapshot().text, '');
	});

	it('the expiry alerts: each one shown, oldest first', () => {
		const observation = new TestObservation();
		const show = observation.recordAlerts((alert) => ({
			appName: alert.app.name,
			message: 'expires soon',
			buttons: ['Refresh', 'Copy'],
			autoRefreshFailed: false,
		}));
		const { expiry } = hooksOf(observation);
		const alertFor = (name: string): ExpiryAlert => ({ app: { name } }) as ExpiryAlert;
		const shown: ShownAlert = show(alertFor('Shop'));
		show(alertFor('Blog'));
		assert.equal(shown.appName, 'Shop');
		assert.deepEqual(
			expiry.history().map((alert) => alert.appName),
			['Shop', 'Blog'],
		);
	});
});
