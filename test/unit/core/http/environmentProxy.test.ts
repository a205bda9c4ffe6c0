import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import { RecordingProxy } from '../../support/recordingProxy';
import { ALL_SOURCES, TOKEN_PATH, requestFor, testClient, useSandbox } from '../../support/sandboxHarness';

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/**
 * The client never applies a proxy it finds in the environment itself: axios would forward plain http through it in
 * cleartext (the secret included), and in VS Code it would override the user's proxy settings. VS Code's own proxy
 * support, which does read HTTP(S)_PROXY, is exercised by test/e2e/proxy.e2e.ts.
 */
describe('client: a proxy in the environment is not the client’s to use', () => {
	const env = useSandbox();
	let proxy: RecordingProxy;
	const saved = new Map<string, string | undefined>();

	before(async () => {
		proxy = await RecordingProxy.start();
	});
	after(async () => {
		await proxy.close();
	});
	beforeEach(() => {
		for (const name of PROXY_VARIABLES) {
			saved.set(name, process.env[name]);
			delete process.env[name];
		}
		for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) {
			process.env[name] = proxy.url;
		}
	});
	afterEach(() => {
		for (const [name, value] of saved) {
			if (value === undefined) {
				delete process.env[name];
			} else {
				process.env[name] = value;
			}
		}
	});

	it('the proxy works: a plain http request sent to it reaches the sandbox, and it sees everything in it', async () => {
		const status = await new Promise<number | undefined>((resolve, reject) => {
			const { hostname, port } = new URL(proxy.url);
			const request = http.request(
				{
					hostname,
					port,
					method: 'GET',
					path: `${env.sandbox.url}/__sandbox/state?secret=${SANDBOX_WECHAT_APP.appSecret}`,
				},
				(response) => {
					response.resume();
					resolve(response.statusCode);
				},
			);
			request.on('error', reject);
			request.end();
		});
		assert.equal(status, 200);
		assert.match(proxy.requests.at(-1)?.line ?? '', /^GET http:\/\/127\.0\.0\.1:\d+\/__sandbox\/state\?secret=/);
		assert.ok(proxy.bytes().includes(SANDBOX_WECHAT_APP.appSecret), 'the tap records what the proxy reads');
	});

	it('with HTTP_PROXY and HTTPS_PROXY set, every source goes straight to the sandbox: the proxy sees nothing', async () => {
		const before = { requests: proxy.requests.length, bytes: proxy.bytes().length };
		for (const source of [...ALL_SOURCES, 'custom'] as const) {
			const token = await testClient().fetchToken(requestFor(source, env.sandbox.url));
			assert.ok(token.accessToken.length > 0, source);
			assert.equal(env.sandbox.countRequests(TOKEN_PATH[source]), 1, source);
		}
		assert.deepEqual(proxy.requests.slice(before.requests), [], 'no request reached the proxy');
		assert.equal(proxy.bytes().length, before.bytes, 'not one byte passed the proxy');
		assert.ok(!proxy.bytes().includes(SANDBOX_AUTHING.accessKeySecret));
	});
});
