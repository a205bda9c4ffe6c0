import * as assert from 'node:assert/strict';
import type { TestingHooks } from '../../src/vscode/testingHooks';
import { TEST_HOOKS_ENV, testingExports } from '../../src/vscode/testingHooks';

describe('test hooks in the extension exports', () => {
	const saved = process.env[TEST_HOOKS_ENV];
	afterEach(() => {
		if (saved === undefined) {
			delete process.env[TEST_HOOKS_ENV];
		} else {
			process.env[TEST_HOOKS_ENV] = saved;
		}
	});

	it('are absent, and never built, unless the variable is exactly 1', () => {
		const build = (): TestingHooks => assert.fail('built the hooks');
		delete process.env[TEST_HOOKS_ENV];
		assert.deepEqual(testingExports(build), {});
		process.env[TEST_HOOKS_ENV] = 'true';
		assert.deepEqual(testingExports(build), {});
	});

	it('are exported as __testing when it is', () => {
		process.env[TEST_HOOKS_ENV] = '1';
		const hooks = { activationMs: 1 } as TestingHooks;
		assert.equal(testingExports(() => hooks).__testing, hooks);
	});
});
