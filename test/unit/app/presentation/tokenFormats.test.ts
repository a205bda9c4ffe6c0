import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { TokenSourceKind } from '../../../../src/core/tokenTypes';
import type { TokenFormatContext } from '../../../../src/app/presentation/tokenFormats';
import {
	expiresInSeconds,
	formatToken,
	previewToken,
	shellQuote,
	TOKEN_FORMAT_IDS,
	tokenFormatLabel,
	tokenFormatPurpose,
} from '../../../../src/app/presentation/tokenFormats';
import { wechatApiBaseUrl } from '../../../../src/app/config/wechatApiBaseUrl';
import { SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { englishL10n } from '../../support/englishL10n';
import { useSandbox } from '../../support/sandboxHarness';
import { singleWindowTokens } from '../../support/singleWindow';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const TOKEN = { accessToken: '86_Xq3abcDEF-ghi_JKLmnoPQRstuVWxyz0123a9Zk', expiresAt: NOW + 7_199_500 };
const WECHAT_API = 'https://api.weixin.qq.com';

function context(source: TokenSourceKind, host: string, wechatApiHost = WECHAT_API): TokenFormatContext {
	return { app: { source, host }, now: NOW, wechatApiHost };
}

/** What a POSIX shell makes of a command line: the arguments after the first word. */
function shellWords(commandLine: string): string[] {
	const output = execFileSync(
		'/bin/sh',
		['-c', `set -- ${commandLine.replace(/^curl /, '')}; for word in "$@"; do printf '%s\\0' "$word"; done`],
		{ encoding: 'utf8' },
	);
	return output.split('\0').slice(0, -1);
}

describe('token formats for "Copy WeChat Access Token As…"', () => {
	it('raw, query parameter and JSON', () => {
		const ctx = context('wechat-stable', WECHAT_API);
		assert.equal(formatToken('raw', TOKEN, ctx), TOKEN.accessToken);
		assert.equal(formatToken('query', TOKEN, ctx), `access_token=${TOKEN.accessToken}`);
		const json: unknown = JSON.parse(formatToken('json', TOKEN, ctx));
		assert.deepEqual(json, { access_token: TOKEN.accessToken, expires_in: 7199 });
	});

	it('encodes what a URL or JSON could not carry as it is', () => {
		const odd = { accessToken: 'a+b/c=d&e"f\\g', expiresAt: NOW + 1000 };
		const ctx = context('wechat', WECHAT_API);
		assert.equal(formatToken('query', odd, ctx), 'access_token=a%2Bb%2Fc%3Dd%26e%22f%5Cg');
		assert.deepEqual(JSON.parse(formatToken('json', odd, ctx)), { access_token: odd.accessToken, expires_in: 1 });
		assert.equal(
			new URL(shellWords(formatToken('curl', odd, ctx))[1] ?? '').searchParams.get('access_token'),
			odd.accessToken,
		);
	});

	it('expires_in: whole seconds left, rounded down, never negative', () => {
		assert.equal(expiresInSeconds(NOW + 7_200_000, NOW), 7200);
		assert.equal(expiresInSeconds(NOW + 999, NOW), 0);
		assert.equal(expiresInSeconds(NOW - 5000, NOW), 0);
	});

	it('curl: a WeChat app’s own host (regional, proxy or sandbox), else the wechatApiHost setting', () => {
		assert.equal(
			wechatApiBaseUrl(
				{ source: 'wechat-stable', host: 'https://sh.api.weixin.qq.com' },
				'https://other.example',
			),
			'https://sh.api.weixin.qq.com',
		);
		assert.equal(
			wechatApiBaseUrl({ source: 'wechat', host: 'http://127.0.0.1:9000' }, WECHAT_API),
			'http://127.0.0.1:9000',
		);
		for (const source of ['authing', 'authing-management', 'custom'] as const) {
			assert.equal(
				wechatApiBaseUrl({ source, host: 'https://shop.authing.cn' }, 'https://proxy.example/wx/'),
				'https://proxy.example/wx',
				source,
			);
		}
		assert.equal(
			formatToken('curl', TOKEN, context('authing', 'https://shop.authing.cn')),
			`curl -sS '${WECHAT_API}/cgi-bin/get_api_domain_ip?access_token=${TOKEN.accessToken}'`,
		);
	});

	it('curl: a wechatApiHost that would send the token unprotected is not used', () => {
		// Plain http to another loopback alias is as unprotected as to another machine: a proxy may carry it.
		for (const unsafe of [
			'http://example.com',
			'http://127.0.0.2:8080',
			'http://localhost.:8080',
			'https://user:pw@example.com',
			'not a url',
			'https://example.com/?q=1',
			'',
		]) {
			assert.equal(
				wechatApiBaseUrl({ source: 'authing', host: 'https://shop.authing.cn' }, unsafe),
				WECHAT_API,
				unsafe,
			);
		}
	});

	it('curl: one shell word whatever the host holds', () => {
		const hosts = [
			"https://proxy.example/it's",
			'https://proxy.example/$(touch pwned)',
			'https://proxy.example/a;b&c|d`e`',
			"https://proxy.example/''",
			'https://proxy.example/%20spaced',
		];
		for (const host of hosts) {
			const command = formatToken('curl', TOKEN, context('authing', 'https://shop.authing.cn', host));
			assert.match(command, /^curl -sS '/);
			const words = shellWords(command);
			assert.equal(words.length, 2, `${host}: ${JSON.stringify(words)}`);
			assert.equal(words[0], '-sS');
			const url = new URL(words[1] ?? '');
			assert.equal(url.pathname.endsWith('/cgi-bin/get_api_domain_ip'), true, host);
			assert.equal(url.searchParams.get('access_token'), TOKEN.accessToken, host);
		}
	});

	it('shellQuote: single quotes, a single quote closed, escaped and reopened', () => {
		assert.equal(shellQuote('plain'), "'plain'");
		assert.equal(shellQuote("it's"), "'it'\\''s'");
		const nasty = 'a\'b"c$d`e\\f\ng *';
		assert.deepEqual(shellWords(`curl ${shellQuote(nasty)}`), [nasty]);
	});

	it('previews show the token masked, or dots before there is one, and never the token', () => {
		const ctx = context('wechat-stable', WECHAT_API);
		for (const id of TOKEN_FORMAT_IDS) {
			const preview = previewToken(id, TOKEN, ctx);
			assert.ok(!preview.includes(TOKEN.accessToken), id);
			assert.ok(preview.includes('86_X…a9Zk'), `${id}: ${preview}`);
			assert.ok(previewToken(id, undefined, ctx).includes('••••••••'), id);
		}
		assert.equal(previewToken('json', TOKEN, ctx), '{"access_token":"86_X…a9Zk","expires_in":7199}');
		assert.equal(previewToken('json', undefined, ctx), '{"access_token":"••••••••","expires_in":…}');
		assert.equal(
			previewToken('curl', TOKEN, ctx),
			`curl -sS '${WECHAT_API}/cgi-bin/get_api_domain_ip?access_token=86_X…a9Zk'`,
		);
	});

	it('every format has a label and a purpose', () => {
		const labels = TOKEN_FORMAT_IDS.map((id) => tokenFormatLabel(id, englishL10n));
		assert.deepEqual(labels, ['Token only', 'Query parameter', 'curl command', 'JSON']);
		assert.ok(TOKEN_FORMAT_IDS.every((id) => tokenFormatPurpose(id, englishL10n).length > 0));
	});

	describe('the curl command, run against the sandbox', () => {
		const env = useSandbox();

		it('answers ip_list for the token the service got', async () => {
			const app = sandboxApp('wechat-stable', env.sandbox.url);
			const { credentials, service } = singleWindowTokens();
			try {
				await service.setApps([app]);
				await credentials.write(app, sandboxSecrets('wechat-stable'));
				const token = await service.get(app);
				assert.equal(token.accessToken, env.sandbox.currentToken(SANDBOX_WECHAT_APP.appId, 'stable'));
				const command = formatToken('curl', token, { app, now: Date.now(), wechatApiHost: WECHAT_API });
				// Asynchronously: the sandbox answers from this very process.
				const { stdout } = await promisify(execFile)('/bin/sh', ['-c', command], {
					encoding: 'utf8',
					timeout: 10_000,
				});
				const answer = JSON.parse(stdout) as { ip_list?: unknown };
				assert.ok(Array.isArray(answer.ip_list) && answer.ip_list.length > 0, JSON.stringify(answer));
			} finally {
				service.dispose();
			}
		});
	});
});
