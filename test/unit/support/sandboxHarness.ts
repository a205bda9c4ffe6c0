import type { Sandbox } from '../../sandbox/sandboxServer';
import { startSandbox } from '../../sandbox/sandboxServer';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../../sandbox/fixtures';
import { TEAM_AUTH_HEADER_VALUES } from '../../sandbox/teamSettings';
import type { TokenClientOptions } from '../../../src/core/tokenClient';
import { createTokenClient } from '../../../src/core/tokenClient';
import type { TokenClient } from '../../../src/core/tokenClient';
import type { CustomRequest, TokenRequest, TokenSourceKind } from '../../../src/core/tokenTypes';
import { parseJsonPath } from '../../../src/core/jsonPath';
import type { DiagnosticsCall } from '../../../src/core/diagnostics/diagnosticsClient';

/**
 * One sandbox server for a mocha suite, reset between tests, and clients that do not really wait between retries
 * (the delays they would have waited are recorded instead).
 */
export function useSandbox(): { readonly sandbox: Sandbox } {
	let started: Sandbox | undefined;
	before(async () => {
		started = await startSandbox();
	});
	afterEach(() => {
		started?.reset();
	});
	after(async () => {
		await started?.close();
	});
	return {
		get sandbox(): Sandbox {
			if (!started) {
				throw new Error('useSandbox(): the sandbox is used before the suite started it');
			}
			return started;
		},
	};
}

export interface TestClient extends TokenClient {
	/** The backoff delays the client would have slept, in order. */
	readonly delays: number[];
}

export function testClient(options: TokenClientOptions = {}): TestClient {
	const delays: number[] = [];
	const client = createTokenClient({
		timeoutMs: 2000,
		sleep: (ms) => {
			delays.push(ms);
			return Promise.resolve();
		},
		...options,
	});
	return { fetchToken: (request, fetchOptions) => client.fetchToken(request, fetchOptions), delays };
}

/** Every field any source's request has: an override naming none of them (a renamed field) fails to compile. */
type RequestField = TokenRequest extends infer R ? (R extends unknown ? keyof R : never) : never;

/** A request for `source` that the sandbox accepts; override any field (with any value) to make it fail. */
export function requestFor(
	source: TokenSourceKind,
	host: string,
	overrides: { readonly [K in RequestField]?: unknown } = {},
): TokenRequest {
	const wechat = { appId: SANDBOX_WECHAT_APP.appId, appSecret: SANDBOX_WECHAT_APP.appSecret, host };
	const base: Record<TokenSourceKind, TokenRequest> = {
		authing: { source: 'authing', ...wechat, authingAppId: SANDBOX_AUTHING.authingAppId },
		'authing-management': {
			source: 'authing-management',
			...wechat,
			accessKeyId: SANDBOX_AUTHING.accessKeyId,
			accessKeySecret: SANDBOX_AUTHING.accessKeySecret,
		},
		'wechat-stable': { source: 'wechat-stable', ...wechat },
		wechat: { source: 'wechat', ...wechat, invalidatesOtherTokensAcknowledged: true },
		custom: teamEnvelopeRequest(host),
	};
	// Overrides may break the request on purpose (a wrong type, a missing secret): that is what they are for.
	return { ...base[source], ...overrides } as TokenRequest;
}

/** The sandbox's stable token of a WeChat app (the first fixture app unless told), fetched as another server would. */
export async function stableTokenOf(
	host: string,
	app: { readonly appId: string; readonly appSecret: string } = SANDBOX_WECHAT_APP,
): Promise<string> {
	const request = requestFor('wechat-stable', host, { appId: app.appId, appSecret: app.appSecret });
	return (await testClient().fetchToken(request)).accessToken;
}

/** A call made with `accessToken` to the sandbox playing WeChat; `secrets` are what its answers must be blanked of. */
export function diagnosticsCallTo(
	host: string,
	accessToken: string,
	secrets: readonly string[] = [SANDBOX_WECHAT_APP.appSecret],
): DiagnosticsCall {
	return { apiHost: host, accessToken, secrets };
}

/** A request the sandbox's team envelope server (`POST /team/api/token`) answers; `host` is where the sandbox is. */
export function teamEnvelopeRequest(host: string): CustomRequest {
	return {
		source: 'custom',
		appId: SANDBOX_WECHAT_APP.appId,
		custom: {
			url: `${host}/team/api/token`,
			method: 'POST',
			body: { appId: '${appId}' },
			authHeader: 'Authorization',
			tokenPath: path('data.token'),
			expiry: { kind: 'expires-at', path: path('data.expireAt') },
			success: { path: path('code'), equals: 0 },
		},
		authHeaderValue: TEAM_AUTH_HEADER_VALUES.envelope,
	};
}

/** A request the sandbox's WeChat-style team server (`GET /team/wechat/token`) answers. */
export function teamWechatStyleRequest(host: string): CustomRequest {
	return {
		source: 'custom',
		appId: SANDBOX_WECHAT_APP.appId,
		custom: {
			url: `${host}/team/wechat/token?appid=\${appId}`,
			method: 'GET',
			authHeader: 'X-Team-Key',
			tokenPath: path('access_token'),
			expiry: { kind: 'expires-in', path: path('expires_in') },
			success: { path: path('errcode'), equals: 0, orAbsent: true },
		},
		authHeaderValue: TEAM_AUTH_HEADER_VALUES.wechatStyle,
	};
}

function path(text: string): readonly (string | number)[] {
	const parsed = parseJsonPath(text);
	if (parsed === undefined) {
		throw new Error(`not a JSON path: ${text}`);
	}
	return parsed;
}

/**
 * The sources whose requests carry the WeChat AppSecret, which most client tests are about. `custom` (a team's own
 * server, no AppSecret) has its own tests (test/unit/core/sources/customServer, customResponse) and is in the fault
 * matrix (`TOKEN_SOURCES`).
 */
export const ALL_SOURCES: readonly TokenSourceKind[] = ['authing', 'authing-management', 'wechat-stable', 'wechat'];

/** The path each source's token request goes to, for arming faults on it. */
export const TOKEN_PATH: Record<TokenSourceKind, string> = {
	authing: '/api/v3/get-wechat-access-token-info',
	'authing-management': '/api/v3/get-weixin-access-token',
	'wechat-stable': '/cgi-bin/stable_token',
	wechat: '/cgi-bin/token',
	custom: '/team/api/token',
};
