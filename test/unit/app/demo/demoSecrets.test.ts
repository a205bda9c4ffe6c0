import * as assert from 'node:assert/strict';
import { DEMO_SECRETS_ENV, planDemoSeeds } from '../../../../src/app/demo/demoSecrets';
import { sandboxApp } from '../../support/apps';

const SECRET = '134897a5cd8f579dae62e3c7d81c7bf3';
const KEY_SECRET = '854e165b8f6e4afeaa69759955cff36a';

describe('demo secrets: seeded only for loopback hosts', () => {
	const local = sandboxApp('authing-management', 'http://127.0.0.1:47806', { name: 'Local' });
	const remote = sandboxApp('wechat-stable', 'https://api.weixin.qq.com', { name: 'Remote' });
	const apps = [local, remote];

	it('does nothing without the variable', () => {
		assert.deepEqual(planDemoSeeds(undefined, apps), { seeds: [], refused: [] });
		assert.deepEqual(planDemoSeeds('  ', apps), { seeds: [], refused: [] });
	});

	it('seeds a loopback app with the fields its source uses, and nothing else', () => {
		const raw = JSON.stringify({
			Local: { appSecret: SECRET, accessKeySecret: KEY_SECRET, userAccessToken: 'ignored', extra: 'x' },
		});
		const { seeds, refused } = planDemoSeeds(raw, apps);
		assert.deepEqual(refused, []);
		assert.deepEqual(
			seeds.map(({ app, values }) => ({ name: app.name, values })),
			[{ name: 'Local', values: { appSecret: SECRET, accessKeySecret: KEY_SECRET } }],
		);
	});

	it('refuses apps whose host is not loopback, unknown apps and malformed input, naming no secret', () => {
		const { seeds, refused } = planDemoSeeds(
			JSON.stringify({ Remote: { appSecret: SECRET }, Missing: { appSecret: SECRET }, Local: 'x' }),
			apps,
		);
		assert.deepEqual(seeds, []);
		assert.equal(refused.length, 3);
		assert.match(refused[0] ?? '', /Remote.*not a loopback address/);
		assert.ok(refused.every((line) => !line.includes(SECRET)));
		assert.deepEqual(planDemoSeeds('{', apps), { seeds: [], refused: [`${DEMO_SECRETS_ENV} is not JSON`] });
		assert.deepEqual(planDemoSeeds('[]', apps).seeds, []);
	});
});
