import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appContextValue, tokenContextValue } from '../../../src/app/presentation/contextValues';
import type { ExpiryState } from '../../../src/app/expiry/expiryState';
import { NUMERIC_SETTINGS } from '../../../src/app/config/numericSettings';
import type { SettingName, SettingOrigin } from '../../../src/app/config/settingOrigins';
import { SETTING_ORIGINS } from '../../../src/app/config/settingOrigins';
import { ACTIVE_APP_PIN_KEY } from '../../../src/app/tokens/activeAppPin';
import {
	APPS_VIEW_ID,
	COMMAND_CATEGORY,
	COMMANDS,
	HAS_APPS_CONTEXT_KEY,
	NO_APPS_CONTEXT_KEY,
} from '../../../src/vscode/commandIds';
import { englishBundle, findL10nCalls } from '../../../scripts/l10nSource';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as unknown;

interface ContributedCommand {
	command: string;
	title: string;
	category?: string;
	icon?: string;
}
interface MenuItem {
	command: string;
	when?: string;
	group?: string;
}
interface Manifest {
	activationEvents: string[];
	main: string;
	engines: { vscode: string };
	capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
	contributes: {
		commands: ContributedCommand[];
		menus: Record<string, MenuItem[]>;
		viewsContainers: { activitybar: { id: string; icon: string }[] };
		views: Record<string, { id: string; icon?: string }[]>;
		viewsWelcome: { view: string; contents: string; when?: string }[];
		configuration: {
			properties: Record<string, { scope?: string; default?: unknown; minimum?: number; maximum?: number }>;
		};
	};
}

const manifest = readJson('package.json') as Manifest;
const nls = readJson('package.nls.json') as Record<string, string>;
const nlsZh = readJson('package.nls.zh-cn.json') as Record<string, string>;
const bundle = readJson('l10n/bundle.l10n.json') as Record<string, unknown>;
const bundleZh = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, unknown>;
const calls = findL10nCalls(path.join(root, 'src'));

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

describe('manifest: package.json, its translations and the source agree', () => {
	describe('commands', () => {
		it('every command in the table is contributed, and every contributed command is in the table', () => {
			const contributed = manifest.contributes.commands.map((command) => command.command).sort();
			assert.deepEqual(contributed, COMMANDS.map((command) => command.id).sort());
		});

		it('titles, icons and the category are the ones in the table', () => {
			for (const entry of COMMANDS) {
				const contributed = manifest.contributes.commands.find((command) => command.command === entry.id);
				assert.deepEqual(
					{ title: contributed?.title, icon: contributed?.icon, category: contributed?.category },
					{ title: entry.title, icon: entry.icon, category: COMMAND_CATEGORY },
					entry.id,
				);
			}
		});

		it('hides exactly the tree-only commands from the Command Palette', () => {
			const hidden = manifest.contributes.menus.commandPalette
				?.filter((item) => item.when === 'false')
				.map((item) => item.command)
				.sort();
			assert.deepEqual(
				hidden,
				COMMANDS.filter((command) => !command.palette)
					.map((command) => command.id)
					.sort(),
			);
		});

		it('the English titles are exactly the issue’s', () => {
			const titles = Object.fromEntries(COMMANDS.map(({ key, title }) => [key, nls[title.slice(1, -1)]]));
			assert.equal(titles.getToken, 'Get WeChat Access Token');
			assert.equal(titles.refreshToken, 'Refresh WeChat Access Token');
			assert.equal(titles.addApp, 'Add WeChat App…');
			assert.equal(titles.setCredentials, 'Set WeChat App Credentials…');
			assert.equal(titles.removeApp, 'Remove WeChat App…');
		});

		it('menus only name contributed commands, and view menus are scoped to the view', () => {
			const ids = new Set(COMMANDS.map((command) => command.id));
			for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
				for (const item of items) {
					assert.ok(ids.has(item.command as (typeof COMMANDS)[number]['id']), `${menu}: ${item.command}`);
					if (menu.startsWith('view/')) {
						assert.match(
							item.when ?? '',
							new RegExp(`^view == ${APPS_VIEW_ID.replace('.', '\\.')}\\b`),
							`${menu}: ${item.command}`,
						);
					}
				}
			}
		});

		it('every command id the source names is contributed', () => {
			const ids = new Set<string>(COMMANDS.map((command) => command.id));
			const notCommands = new Set([
				APPS_VIEW_ID,
				'wechatAccessToken.expiry',
				'wechatAccessToken.classicOptIn',
				ACTIVE_APP_PIN_KEY,
				NO_APPS_CONTEXT_KEY,
				HAS_APPS_CONTEXT_KEY,
				'wechatAccessToken.walkthroughOffered',
			]);
			const sources = listFiles(path.join(root, 'src')).map((file) => fs.readFileSync(file, 'utf8'));
			for (const text of sources) {
				for (const [, id = ''] of text.matchAll(/'(wechatAccessToken\.[A-Za-z]+)'/g)) {
					assert.ok(ids.has(id) || notCommands.has(id), id);
				}
			}
		});
	});

	describe('tree item menus match the context values the tree sets', () => {
		const itemMenus = manifest.contributes.menus['view/item/context'] ?? [];
		const matches = (item: MenuItem, contextValue: string): boolean => {
			const when = item.when ?? '';
			const regex = /viewItem =~ \/(.+)\/$/.exec(when);
			if (regex?.[1] !== undefined) {
				return new RegExp(regex[1]).test(contextValue);
			}
			const equals = /viewItem == (\S+)$/.exec(when);
			return equals?.[1] === contextValue;
		};
		const inline = (command: string): MenuItem[] =>
			itemMenus.filter(
				(item) => item.command === `wechatAccessToken.${command}` && item.group?.startsWith('inline'),
			);
		const conditions: ExpiryState[] = ['none', 'valid', 'expiring', 'expired'];

		it('app items: inline copy while the token works, inline get otherwise, inline refresh always', () => {
			for (const token of conditions) {
				for (const focused of [false, true]) {
					const value = appContextValue('wechat-stable', token, 'present', focused);
					const works = token === 'valid' || token === 'expiring';
					assert.equal(
						inline('copyToken').some((item) => matches(item, value)),
						works,
						`copy ${value}`,
					);
					assert.equal(
						inline('getToken').some((item) => matches(item, value)),
						!works,
						`get ${value}`,
					);
					assert.ok(
						inline('refreshToken').some((item) => matches(item, value)),
						`refresh ${value}`,
					);
				}
			}
		});

		it('app items: "Show WeChat App in Status Bar…" for every app but the pinned one, in the context menu', () => {
			const focus = itemMenus.filter((item) => item.command === 'wechatAccessToken.focusStatusBar');
			assert.deepEqual(
				focus.map((item) => item.group),
				['3_statusBar@1'],
			);
			for (const token of conditions) {
				for (const credentials of ['present', 'missing', 'unavailable', 'unknown'] as const) {
					assert.ok(
						focus.some((item) => matches(item, appContextValue('custom', token, credentials, false))),
						`${token} ${credentials} not pinned`,
					);
					assert.ok(
						!focus.some((item) => matches(item, appContextValue('custom', token, credentials, true))),
						`${token} ${credentials} pinned`,
					);
				}
			}
			assert.ok(!focus.some((item) => matches(item, tokenContextValue(false))), 'not on token rows');
		});

		it('the token row: reveal while masked, hide while revealed, copy either way', () => {
			assert.ok(inline('revealToken').some((item) => matches(item, tokenContextValue(false))));
			assert.ok(!inline('revealToken').some((item) => matches(item, tokenContextValue(true))));
			assert.ok(inline('hideToken').some((item) => matches(item, tokenContextValue(true))));
			assert.ok(!inline('hideToken').some((item) => matches(item, tokenContextValue(false))));
			assert.ok(inline('copyToken').some((item) => matches(item, tokenContextValue(false))));
			assert.ok(
				!inline('refreshToken').some((item) => matches(item, tokenContextValue(false))),
				'token rows have no refresh',
			);
		});
	});

	describe('views, settings and activation', () => {
		it('the activity bar container holds the apps view, with an icon from media/ and a welcome link', () => {
			const [container] = manifest.contributes.viewsContainers.activitybar;
			assert.equal(container?.id, 'wechatAccessToken');
			assert.deepEqual(
				manifest.contributes.views.wechatAccessToken?.map((view) => view.id),
				[APPS_VIEW_ID],
			);
			assert.ok(fs.existsSync(path.join(root, container?.icon ?? 'missing')), container?.icon);
			const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.view === APPS_VIEW_ID);
			assert.equal(
				welcome?.when,
				NO_APPS_CONTEXT_KEY,
				'the welcome waits until the settings say there is no app',
			);
			for (const strings of [nls, nlsZh]) {
				assert.match(
					strings[(welcome?.contents ?? '').slice(1, -1)] ?? '',
					/\]\(command:wechatAccessToken\.addApp\)/,
				);
			}
		});

		it('numeric settings have the defaults and bounds the code uses', () => {
			for (const [name, expected] of Object.entries(NUMERIC_SETTINGS)) {
				const schema = manifest.contributes.configuration.properties[`wechatAccessToken.${name}`];
				assert.deepEqual(
					{ default: schema?.default, minimum: schema?.minimum, maximum: schema?.maximum },
					{ ...expected },
					name,
				);
			}
		});

		describe('where each setting may come from (src/app/config/settingOrigins.ts)', () => {
			const properties = manifest.contributes.configuration.properties;
			const origins = Object.entries(SETTING_ORIGINS) as [SettingName, SettingOrigin][];
			const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;

			it('every contributed setting has a decided origin, and every decided one is contributed', () => {
				assert.deepEqual(
					Object.keys(properties).sort(),
					origins.map(([name]) => `wechatAccessToken.${name}`).sort(),
				);
			});

			it('each setting states the scope its origin calls for, and exactly the trusted-workspace ones are restricted', () => {
				const expectedScope: Record<SettingOrigin, string> = {
					user: 'application',
					'trusted-workspace': 'window',
					workspace: 'window',
				};
				for (const [name, origin] of origins) {
					const key = `wechatAccessToken.${name}`;
					assert.equal(properties[key]?.scope, expectedScope[origin], `${key} (${origin})`);
					assert.equal(restricted.includes(key), origin === 'trusted-workspace', `${key} restricted`);
				}
			});

			it('a repository cannot turn on token exposure: these settings are user-only (application scope)', () => {
				const userOnly = origins.filter(([, origin]) => origin === 'user').map(([name]) => name);
				assert.deepEqual(userOnly.sort(), [
					'autoRefresh',
					'curlApiHost',
					'refreshMarginMinutes',
					'requestTimeoutSeconds',
					'terminalEnvironment',
					'wechatApiHost',
				]);
				for (const name of userOnly) {
					assert.equal(properties[`wechatAccessToken.${name}`]?.scope, 'application', name);
				}
			});
		});

		it('never activates on "*", restricts the hosts setting in untrusted workspaces', () => {
			assert.ok(!manifest.activationEvents.includes('*'));
			assert.deepEqual(manifest.capabilities.untrustedWorkspaces, {
				...manifest.capabilities.untrustedWorkspaces,
				supported: 'limited',
				restrictedConfigurations: ['wechatAccessToken.apps'],
			});
			assert.equal(manifest.main, './dist/extension.js');
		});
	});

	describe('package.nls: every manifest string in English and Chinese', () => {
		const used = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] ?? '');

		it('every %key% in package.json exists in both languages', () => {
			for (const key of used) {
				assert.ok(nls[key], `package.nls.json: ${key}`);
				assert.ok(nlsZh[key], `package.nls.zh-cn.json: ${key}`);
			}
		});

		it('both files have the same keys, none unused', () => {
			assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
			assert.deepEqual(Object.keys(nls).sort(), [...new Set(used)].sort());
		});
	});

	describe('l10n bundles: every message in the code in English and Chinese', () => {
		it('every l10n.t call has a literal message, and a translator comment when it has placeholders', () => {
			for (const call of calls) {
				const where = `${path.relative(root, call.file)}:${call.line}`;
				assert.ok(call.key !== undefined, `${where}: the message must be a literal`);
				if (placeholders(call.message ?? '').length > 0) {
					assert.ok(
						(call.comment ?? []).length > 0,
						`${where}: "${call.message}" needs a comment saying what its placeholders are`,
					);
				}
			}
		});

		it('bundle.l10n.json is exactly what the code uses', () => {
			assert.deepEqual(bundle, englishBundle(calls));
		});

		it('the Chinese bundle translates every key, keeping the placeholders', () => {
			assert.deepEqual(Object.keys(bundleZh).sort(), Object.keys(bundle).sort());
			for (const [key, english] of Object.entries(bundle)) {
				const message = typeof english === 'string' ? english : (english as { message: string }).message;
				const chinese = bundleZh[key];
				assert.equal(typeof chinese, 'string', key);
				assert.deepEqual(placeholders(chinese as string), placeholders(message), key);
			}
		});
	});
});

function listFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? listFiles(full) : [full];
	});
}
