import * as http from 'node:http';
import { AuthenticationClient } from 'authing-node-sdk';
import { requestIdentity } from '../src/core/requestIdentity';
import { createTokenClient } from '../src/core/tokenClient';
import type { TokenCache } from '../src/core/tokenCache';
import type { AuthingRequest } from '../src/core/tokenTypes';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../test/sandbox/fixtures';
import { AUTHING_INFO_PATH } from './sandboxProcess';

/** One way of getting the token: resolves with the token text, rejects on any failure. */
export type Call = () => Promise<string>;

export interface Contenders {
	readonly ours: Call;
	readonly sdk: Call;
	readonly floor: Call;
	/** Ours through a TokenCache, as the extension calls it; `cache` is what it goes through. */
	readonly cached: (cache: TokenCache) => Promise<string>;
	readonly request: AuthingRequest;
}

/**
 * The three contenders on the same request to the same sandbox: Authing's application route, with the sandbox's
 * Authing application and WeChat app. Each keeps its connections alive as it would in real use.
 */
export function createContenders(sandboxUrl: string): Contenders {
	const request: AuthingRequest = {
		source: 'authing',
		host: sandboxUrl,
		authingAppId: SANDBOX_AUTHING.authingAppId,
		appId: SANDBOX_WECHAT_APP.appId,
		appSecret: SANDBOX_WECHAT_APP.appSecret,
	};

	const client = createTokenClient();
	const ours: Call = async () => (await client.fetchToken(request)).accessToken;

	const sdkClient = new AuthenticationClient({
		appId: SANDBOX_AUTHING.authingAppId,
		appHost: sandboxUrl,
		// This call sends no Authing app secret; 'none' is how the SDK is told it has none.
		tokenEndPointAuthMethod: 'none',
	});
	const sdk: Call = async () => {
		const result = await sdkClient.getWechatMpAccessTokenInfo({
			appId: request.appId,
			appSecret: request.appSecret,
		});
		if (result.statusCode !== 200) {
			throw new Error(`SDK call failed: ${result.statusCode} ${result.message}`);
		}
		return result.data.accessToken;
	};

	const floor = floorCall(sandboxUrl, request);

	const cached = async (cache: TokenCache): Promise<string> => {
		const token = await cache.get(requestIdentity(request), (signal) => client.fetchToken(request, { signal }));
		return token.accessToken;
	};

	return { ours, sdk, floor, cached, request };
}

/**
 * The floor: the least code that makes the same request with Node's own `http` and a keep-alive agent, reads the
 * body, parses it and checks Authing's envelope. No timeout, retry, validation of the host or typed errors.
 */
function floorCall(sandboxUrl: string, request: AuthingRequest): Call {
	const agent = new http.Agent({ keepAlive: true });
	const { hostname, port } = new URL(sandboxUrl);
	return () =>
		new Promise<string>((resolve, reject) => {
			const body = JSON.stringify({ appId: request.appId, appSecret: request.appSecret });
			const outgoing = http.request(
				{
					hostname,
					port,
					path: AUTHING_INFO_PATH,
					method: 'POST',
					agent,
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						'x-authing-app-id': request.authingAppId,
					},
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => (text += chunk));
					response.on('end', () => {
						try {
							const envelope = JSON.parse(text) as {
								statusCode?: number;
								data?: { accessToken?: string };
							};
							if (envelope.statusCode !== 200 || typeof envelope.data?.accessToken !== 'string') {
								throw new Error(`floor call failed: ${text.slice(0, 200)}`);
							}
							resolve(envelope.data.accessToken);
						} catch (error) {
							reject(error instanceof Error ? error : new Error(String(error)));
						}
					});
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
}
