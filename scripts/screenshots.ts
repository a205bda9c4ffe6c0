import { spawnSync } from 'node:child_process';

/**
 * `npm run screenshots`: refreshes the README's pictures in media/screenshots. It runs the e2e suites, which take
 * each picture at the step it shows (after checking that no secret or full token is on screen); `npm test` runs the
 * same suites with the pictures going to a scratch folder, so testing leaves the work tree as it found it.
 */
const run = spawnSync('npx', ['mocha', '--config', 'test/e2e/.mocharc.json'], {
	stdio: 'inherit',
	env: { ...process.env, E2E_SCREENSHOT_DIR: 'media/screenshots' },
});
process.exitCode = run.status ?? 1;
