import * as assert from 'node:assert/strict';
import { planAppRemoval } from '../../../../src/app/config/appRemoval';

describe('removing an app from the settings', () => {
	const shop = { name: 'Shop', appId: 'wx0000000000000001' };
	const blog = { name: 'Blog', appId: 'wx0000000000000002' };
	const broken = { name: 42 };

	it('takes the entry out of each settings file that lists it, and leaves every other entry, valid or not', () => {
		const plan = planAppRemoval(
			{ user: [shop, broken, blog], workspace: [{ ...shop, host: 'http://127.0.0.1:9' }] },
			' shop ',
			true,
		);
		assert.deepEqual(plan, {
			writes: [
				{ scope: 'user', apps: [broken, blog] },
				{ scope: 'workspace', apps: [] },
			],
			keptInUntrustedWorkspace: false,
		});
	});

	it('writes nothing where the app is not listed, or the setting is not a list', () => {
		assert.deepEqual(planAppRemoval({ user: [blog], workspace: 'not a list' }, 'Shop', true), {
			writes: [],
			keptInUntrustedWorkspace: false,
		});
	});

	it('an untrusted workspace is never rewritten: the user settings only, and it says the workspace still lists the app', () => {
		assert.deepEqual(planAppRemoval({ user: [shop], workspace: [shop, blog] }, 'Shop', false), {
			writes: [{ scope: 'user', apps: [] }],
			keptInUntrustedWorkspace: true,
		});
		assert.deepEqual(planAppRemoval({ user: undefined, workspace: [blog] }, 'Shop', false), {
			writes: [],
			keptInUntrustedWorkspace: false,
		});
	});
});
