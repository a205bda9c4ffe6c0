import * as assert from 'node:assert/strict';
import { createConfiguredClient } from '../../../../src/app/tokens/clientFactory';
import { scopedLog } from '../../../../src/app/ports/log';
import { NUMERIC_SETTINGS, readNumericSetting } from '../../../../src/app/config/numericSettings';
import { requestFor, TOKEN_PATH, useSandbox } from '../../support/sandboxHarness';

describe('numeric settings', () => {
	it('clamps to the bounds and falls back to the default for anything that is not a number', () => {
		assert.equal(readNumericSetting('refreshMarginMinutes', 3), 3);
		assert.equal(readNumericSetting('refreshMarginMinutes', -1), 0);
		assert.equal(readNumericSetting('requestTimeoutSeconds', 0), 1);
		assert.equal(
			readNumericSetting('warnBeforeExpiryMinutes', 1e9),
			NUMERIC_SETTINGS.warnBeforeExpiryMinutes.maximum,
		);
		for (const bad of [undefined, null, '5', Number.NaN, Number.POSITIVE_INFINITY]) {
			assert.equal(readNumericSetting('warnBeforeExpiryMinutes', bad), 10, String(bad));
		}
	});
});

describe('scoped log', () => {
	it('prefixes every line with its component, and keeps an error’s stack', () => {
		const lines: string[] = [];
		const sink = {
			info: (m: string) => lines.push(`I ${m}`),
			warn: (m: string) => lines.push(`W ${m}`),
			debug: (m: string) => lines.push(`D ${m}`),
			error: (m: string | Error) => lines.push(`E ${String(m)}`),
		};
		const log = scopedLog(sink, 'tokens');
		log.info('a');
		log.warn('b');
		log.debug('c');
		log.error(new Error('boom'));
		assert.deepEqual(lines.slice(0, 3), ['I [tokens] a', 'W [tokens] b', 'D [tokens] c']);
		assert.match(lines[3] ?? '', /^E \[tokens\] Error: boom\n\s+at /);
	});
});

describe('the configured client', () => {
	const env = useSandbox();

	it('asks Authing in the display language, and logs retries', async () => {
		const lines: string[] = [];
		const log = {
			info: (m: string) => lines.push(m),
			warn: () => undefined,
			debug: () => undefined,
			error: () => undefined,
		};
		env.sandbox.addFault({ kind: 'http-error', status: 503, times: 1, path: TOKEN_PATH.authing });
		await createConfiguredClient(5, 'zh-cn', log).fetchToken(requestFor('authing', env.sandbox.url));
		assert.deepEqual(
			env.sandbox.requests.map((request) => request.headers['x-authing-lang']),
			['zh-CN', 'zh-CN'],
		);
		assert.match(lines.join('\n'), /Attempt 1 failed \(server-error\); retrying in \d+ ms\./);
		env.sandbox.reset();
		await createConfiguredClient(5, 'en', log).fetchToken(requestFor('authing', env.sandbox.url));
		assert.equal(env.sandbox.requests[0]?.headers['x-authing-lang'], 'en-US');
	});
});
