import * as assert from 'node:assert/strict';
import {
	configuredNames,
	DEFAULT_HOSTS,
	formatProblem,
	parseApps,
	toSettingEntry,
} from '../../../../src/app/config/appConfig';
import { requestIdentity } from '../../../../src/core/requestIdentity';
import { englishL10n } from '../../support/englishL10n';

const APP_ID = 'wx4fc0121bbdb516e8';
const parse = (raw: unknown) => parseApps(raw, englishL10n);

describe('app configuration: the wechatAccessToken.apps setting', () => {
	it('defaults the host per source and normalizes it', () => {
		const { apps, problems } = parse([
			{ name: 'Stable', appId: APP_ID, source: 'wechat-stable' },
			{ name: 'Classic', appId: 'wx9c3c2fcdb21c55cd', source: 'wechat' },
			{ name: 'Mgmt', appId: APP_ID, source: 'authing-management', accessKeyId: 'key-id' },
			{
				name: 'App',
				appId: APP_ID,
				source: 'authing',
				host: 'https://Example.Authing.cn/',
				authingAppId: 'app-id',
			},
		]);
		assert.deepEqual(problems, []);
		assert.deepEqual(
			apps.map((app) => app.host),
			[
				'https://api.weixin.qq.com',
				'https://api.weixin.qq.com',
				'https://api.authing.cn',
				'https://example.authing.cn',
			],
		);
		assert.equal(DEFAULT_HOSTS.authing, undefined);
	});

	it('keys each app by the core request identity: source, host, AppID and Authing ids', () => {
		const [app] = parse([
			{ name: 'Mgmt', appId: APP_ID, source: 'authing-management', accessKeyId: 'key-id', scheme: 'signature' },
		]).apps;
		assert.equal(
			app?.identity,
			requestIdentity({
				source: 'authing-management',
				host: 'https://api.authing.cn',
				appId: APP_ID,
				accessKeyId: 'key-id',
			}),
		);
		assert.equal(app?.scheme, 'signature');
	});

	it('keeps only the fields of the entry’s source', () => {
		const [app] = parse([
			{
				name: 'S',
				appId: APP_ID,
				source: 'wechat-stable',
				authingAppId: 'stray',
				accessKeyId: 'stray',
				scheme: 'signature',
			},
		]).apps;
		assert.deepEqual(app && { authingAppId: app.authingAppId, accessKeyId: app.accessKeyId, scheme: app.scheme }, {
			authingAppId: undefined,
			accessKeyId: undefined,
			scheme: undefined,
		});
		assert.equal(app?.identity, `wechat-stable|https://api.weixin.qq.com|${APP_ID}`);
	});

	it('reports every invalid entry with its position and name, keeps the valid ones, never throws', () => {
		const { apps, problems } = parse([
			'not an object',
			{ name: '', appId: APP_ID, source: 'wechat' },
			{ name: 'Bad id', appId: 'wx123', source: 'wechat' },
			{ name: 'Bad source', appId: APP_ID, source: 'weixin' },
			{ name: 'No host', appId: APP_ID, source: 'authing', authingAppId: 'a' },
			{ name: 'No authing id', appId: APP_ID, source: 'authing', host: 'https://x.authing.cn' },
			{ name: 'No key id', appId: APP_ID, source: 'authing-management' },
			{ name: 'Bad scheme', appId: APP_ID, source: 'authing-management', accessKeyId: 'k', scheme: 'hmac' },
			{ name: 'Plain http', appId: APP_ID, source: 'wechat-stable', host: 'http://api.weixin.qq.com' },
			{ name: 'Good', appId: APP_ID, source: 'wechat-stable' },
			{ name: 'good ', appId: 'wx9c3c2fcdb21c55cd', source: 'wechat-stable' },
			{ name: 'Twin', appId: APP_ID, source: 'wechat-stable', host: 'https://API.weixin.qq.com/' },
		]);
		assert.deepEqual(
			apps.map((app) => app.name),
			['Good'],
		);
		assert.deepEqual(
			problems.map((problem) => problem.index),
			[0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11],
		);
		assert.match(problems[2]?.message ?? '', /AppID is “wx” followed by 16/);
		assert.match(problems[3]?.message ?? '', /"source" must be one of/);
		assert.match(problems[4]?.message ?? '', /"host" is required for the authing source/);
		assert.match(problems[8]?.message ?? '', /https:\/\//);
		assert.match(problems[9]?.message ?? '', /already exists/);
		assert.match(problems[10]?.message ?? '', /same app as “Good”/);
		assert.equal(formatProblem(problems[2]!, englishL10n), `App 3 (“Bad id”): ${problems[2]?.message}`);
		assert.equal(formatProblem(problems[0]!, englishL10n), `App 1: ${problems[0]?.message}`);
	});

	it('an Authing ID with a character a header cannot carry is a problem of its entry, named in the message', () => {
		const { apps, problems } = parse([
			{
				name: 'Typed',
				appId: APP_ID,
				source: 'authing',
				host: 'https://x.authing.cn',
				authingAppId: '93c36fec1c263cb0c5af2af9中',
			},
			{
				name: 'Pasted',
				appId: APP_ID,
				source: 'authing-management',
				accessKeyId: '46bb4dee78106d4f83728780\u200b',
			},
			{ name: 'Good', appId: APP_ID, source: 'authing-management', accessKeyId: '46bb4dee78106d4f83728780' },
		]);
		assert.deepEqual(
			apps.map((app) => app.name),
			['Good'],
		);
		assert.deepEqual(
			problems.map((problem) => formatProblem(problem, englishL10n)),
			[
				'App 1 (“Typed”): The Authing application ID can only have ASCII letters, digits and punctuation: remove “中” (U+4E2D).',
				'App 2 (“Pasted”): The access key ID can only have ASCII letters, digits and punctuation: remove U+200B.',
			],
		);
	});

	it('treats a missing setting as no apps and a non-list as one problem', () => {
		assert.deepEqual(parse(undefined), { apps: [], problems: [] });
		assert.deepEqual(parse(null), { apps: [], problems: [] });
		assert.equal(parse({ name: 'x' }).problems.length, 1);
	});

	it('writes new entries without the default host and without other sources’ fields', () => {
		assert.deepEqual(
			toSettingEntry({ name: 'S', appId: APP_ID, source: 'wechat-stable', host: 'https://api.weixin.qq.com/' }),
			{
				name: 'S',
				source: 'wechat-stable',
				appId: APP_ID,
			},
		);
		assert.deepEqual(
			toSettingEntry({
				name: 'A',
				appId: APP_ID,
				source: 'authing',
				host: 'https://x.authing.cn',
				authingAppId: 'id',
				accessKeyId: 'no',
			}),
			{
				name: 'A',
				source: 'authing',
				appId: APP_ID,
				host: 'https://x.authing.cn',
				authingAppId: 'id',
			},
		);
	});

	it('lists every configured name, valid entry or not, for the uniqueness check', () => {
		assert.deepEqual(configuredNames([{ name: ' A ' }, { name: 3 }, 'x', { name: 'B', source: 'nope' }]), [
			'A',
			'B',
		]);
		assert.deepEqual(configuredNames(undefined), []);
	});
});
