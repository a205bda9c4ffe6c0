import { AsyncLocalStorage } from 'node:async_hooks';
import { TokenError } from './errors';
import { HttpTransport } from './http/httpTransport';
import type { RetryEvent, RetryPolicy } from './http/retry';
import { DEFAULT_RETRY_POLICY } from './http/retry';
import { RequestSecrets, redactTokenError, secretsOf } from './redactSecrets';
import { createAuthingSource } from './sources/authingApplication';
import { createAuthingManagementSource } from './sources/authingManagement';
import { createCustomSource } from './sources/customServer';
import type { SourceContext } from './sources/sourceContext';
import { createWechatClassicSource } from './sources/wechatClassic';
import { createWechatStableSource } from './sources/wechatStable';
import { checkTokenShape } from './tokenShape';
import type { AccessToken, Clock, FetchOptions, TokenRequest, TokenSource, TokenSourceKind } from './tokenTypes';
import { systemClock } from './tokenTypes';

export interface TokenClientOptions {
	readonly timeoutMs?: number;
	readonly maxBodyBytes?: number;
	readonly retryPolicy?: Partial<RetryPolicy>;
	readonly clock?: Clock;
	readonly lang?: 'zh-CN' | 'en-US';
	/** Waits between retries; tests pass one that records the delays instead of waiting. */
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	readonly random?: () => number;
	readonly onRetry?: (event: RetryEvent) => void;
}

/** One entry point for every source: the caller hands a request, the source it names does the rest. */
export interface TokenClient {
	fetchToken(request: TokenRequest, options?: FetchOptions): Promise<AccessToken>;
}

type SourceTable = { readonly [K in TokenSourceKind]: TokenSource<Extract<TokenRequest, { source: K }>> };

export function createTokenClient(options: TokenClientOptions = {}): TokenClient {
	const clock = options.clock ?? systemClock;
	// The secrets of the request under way, for the retry events (sources retry deep inside their own code, and a retry
	// event's error can quote the server's message, which may echo them; see redactSecrets.ts), and for the sources to
	// add the credentials they make on the way.
	const requestSecrets = new AsyncLocalStorage<RequestSecrets>();
	const onRetry = options.onRetry;
	const context: SourceContext = {
		transport: new HttpTransport({
			clock,
			...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
			...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
		}),
		clock,
		lang: options.lang ?? 'en-US',
		noteSecret: (value) => requestSecrets.getStore()?.add(value),
		retry: {
			policy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
			...(options.sleep ? { sleep: options.sleep } : {}),
			...(options.random ? { random: options.random } : {}),
			...(onRetry
				? {
						onRetry: (event: RetryEvent) =>
							onRetry({
								...event,
								error: redactTokenError(event.error, requestSecrets.getStore()?.all ?? []),
							}),
					}
				: {}),
		},
	};
	const sources: SourceTable = {
		authing: createAuthingSource(context),
		'authing-management': createAuthingManagementSource(context),
		'wechat-stable': createWechatStableSource(context),
		wechat: createWechatClassicSource(context),
		custom: createCustomSource(context),
	};
	return {
		fetchToken(request: TokenRequest, fetchOptions?: FetchOptions): Promise<AccessToken> {
			const source = sources[request.source] as TokenSource;
			// A server may echo the secrets back in its error message; they never leave the client in an error. Every
			// source's token is checked here, in one place, before anyone can use it (tokenShape.ts).
			const secrets = new RequestSecrets(secretsOf(request));
			return requestSecrets
				.run(secrets, () => source.fetch(request, fetchOptions).then(checkTokenShape))
				.catch((error: unknown) => {
					throw TokenError.is(error) ? redactTokenError(error, secrets.all) : error;
				});
		},
	};
}
