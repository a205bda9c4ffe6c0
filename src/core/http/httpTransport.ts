// The types of the ES module build, which is what `import('axios')` below loads.
import type { AxiosError, AxiosInstance } from 'axios' with { 'resolution-mode': 'import' };
import { TokenError, cancelledError } from '../errors';
import type { Clock } from '../tokenTypes';
import { systemClock } from '../tokenTypes';
import { throwIfAborted } from './abort';
import { serverClockOffsetMs } from './clockSkew';

export interface HttpRequest {
	readonly method: 'GET' | 'POST';
	/** A base URL already checked by `parseServiceUrl`. */
	readonly baseUrl: string;
	readonly path: string;
	readonly query?: Readonly<Record<string, string>>;
	readonly headers?: Readonly<Record<string, string>>;
	readonly json?: unknown;
	/** A body sent exactly as given (a request file's JSON, Chinese unescaped); its content type is in `headers`. */
	readonly body?: string;
	/** `bytes`: the answer may be binary (an image), read up to `maxBodyBytes` and kept as bytes beside its text. */
	readonly responseType?: 'text' | 'bytes';
	/** A larger cap than the transport's, for a call that may answer a file (a Mini Program code). */
	readonly maxBodyBytes?: number;
	readonly signal?: AbortSignal;
}

export interface HttpResponse {
	readonly status: number;
	readonly headers: Readonly<Record<string, string | undefined>>;
	readonly text: string;
	/** The raw body, for a request that asked for `bytes`. */
	readonly bytes?: Uint8Array;
	/** The parsed body, or `undefined` when it is not JSON. Sources decide what a non-JSON body means. */
	readonly json: unknown;
	readonly sentAt: number;
	readonly receivedAt: number;
	/** Server clock minus ours, from the `Date` header; 0 when within the header's one-second resolution. */
	readonly serverClockOffsetMs: number;
}

export interface HttpTransportOptions {
	/** The whole request, from connecting to the last byte; a slow drip cannot stretch it. */
	readonly timeoutMs?: number;
	/** Token responses are well under a kilobyte; anything near this cap is not one. */
	readonly maxBodyBytes?: number;
	readonly clock?: Clock;
	readonly userAgent?: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * The only place the client touches axios. Every request: no redirects (credentials are in it), the body read as
 * text whatever the status, a size cap, an overall deadline and cancellation. Every axios failure is mapped to a
 * TokenError here and nowhere else.
 *
 * Proxies are VS Code's business, not ours. In VS Code's extension host, `http.proxySupport` (default "override")
 * patches `http.request`/`https.request`, which axios calls, and picks the route for each request from `http.proxy`,
 * `http.noProxy`, HTTP(S)_PROXY or the system/PAC proxy (@vscode/proxy-agent). Over https a proxy then gets
 * `CONNECT host:port` and carries TLS it cannot read; plain http only goes to 127.0.0.1 or localhost
 * (`parseServiceUrl`, `directHosts.ts`), which VS Code always connects to directly. So this transport:
 * - passes no agent of its own: with `http.proxySupport: "on"` VS Code leaves requests that bring an agent alone, and
 *   such a request would skip the user's proxy. Node's global agents keep connections alive (Node 19 and later);
 * - sets `proxy: false`, so axios never reads HTTP(S)_PROXY itself: it would forward plain http through one in
 *   cleartext, and it would bypass `http.noProxy` and the rest of VS Code's settings. With it, axios also swaps in a
 *   direct agent where Node's own proxy support (NODE_USE_ENV_PROXY=1) would proxy the global agent's requests.
 * Outside VS Code (tests, `npm run demo:client`) requests go directly.
 */
export class HttpTransport {
	private axios: Promise<AxiosInstance> | undefined;
	private readonly timeoutMs: number;
	private readonly clock: Clock;

	constructor(private readonly options: HttpTransportOptions = {}) {
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.clock = options.clock ?? systemClock;
	}

	/**
	 * axios is loaded by the first request, not with this module: loading it costs ~40 ms (it reads the global
	 * `FormData` and probes `Request`/`Response` for its fetch adapter at load, which makes Node load its whole fetch
	 * implementation, and it loads Node's http/https), and the extension creates its client during activation, which
	 * sends nothing. Measured by `npm run bench` (bench/README.md).
	 */
	private instance(): Promise<AxiosInstance> {
		return (this.axios ??= import('axios').then(({ default: axios }) =>
			axios.create({
				maxRedirects: 0,
				maxContentLength: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
				responseType: 'text',
				// Keep the raw text: a body that is not JSON must become a typed error, not an axios parse quirk.
				transformResponse: [(data: unknown) => data],
				validateStatus: () => true,
				// Never a proxy axios finds in the environment (see the class comment); VS Code's proxy settings still apply.
				proxy: false,
				headers: { 'user-agent': this.options.userAgent ?? 'wechat-access-token' },
			}),
		));
	}

	async send(request: HttpRequest): Promise<HttpResponse> {
		throwIfAborted(request.signal);
		const deadline = new AbortController();
		const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
		const onCallerAbort = (): void => deadline.abort();
		request.signal?.addEventListener('abort', onCallerAbort, { once: true });
		const sentAt = this.clock.now();
		try {
			const response = await (
				await this.instance()
			).request<unknown>({
				method: request.method,
				url: request.baseUrl + request.path,
				params: request.query,
				headers: {
					...request.headers,
					...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
				},
				data: request.json === undefined ? request.body : JSON.stringify(request.json),
				signal: deadline.signal,
				...(request.responseType === 'bytes' ? { responseType: 'arraybuffer' } : {}),
				...(request.maxBodyBytes === undefined ? {} : { maxContentLength: request.maxBodyBytes }),
			});
			const receivedAt = this.clock.now();
			const headers = normalizeHeaders(response.headers);
			if (response.status >= 300 && response.status < 400) {
				throw redirectRefused(request.baseUrl, response.status, headers['location']);
			}
			const bytes = toBytes(response.data);
			const text =
				bytes !== undefined
					? new TextDecoder().decode(bytes)
					: typeof response.data === 'string'
						? response.data
						: '';
			return {
				status: response.status,
				headers,
				text,
				...(bytes === undefined ? {} : { bytes }),
				json: parseJson(text),
				sentAt,
				receivedAt,
				serverClockOffsetMs: serverClockOffsetMs(headers['date'], sentAt, receivedAt),
			};
		} catch (error) {
			if (error instanceof TokenError) {
				throw error;
			}
			if (request.signal?.aborted) {
				throw cancelledError();
			}
			if (deadline.signal.aborted) {
				throw new TokenError(
					'timeout',
					`No complete answer from ${request.baseUrl} within ${this.timeoutMs / 1000} s.`,
				);
			}
			throw mapAxiosError(error, request.baseUrl);
		} finally {
			clearTimeout(timer);
			request.signal?.removeEventListener('abort', onCallerAbort);
		}
	}
}

function normalizeHeaders(headers: unknown): Record<string, string | undefined> {
	const result: Record<string, string | undefined> = {};
	if (headers && typeof headers === 'object') {
		for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
			result[name.toLowerCase()] = Array.isArray(value)
				? value.join(', ')
				: typeof value === 'string' || typeof value === 'number'
					? String(value)
					: undefined;
		}
	}
	return result;
}

/** What axios hands back for `responseType: 'arraybuffer'` in Node (a Buffer), as plain bytes; undefined for text. */
function toBytes(data: unknown): Uint8Array | undefined {
	if (data instanceof Uint8Array) {
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	}
	return data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
}

/** `JSON.parse`, or `undefined` for text that is not JSON. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function redirectRefused(baseUrl: string, status: number, location: string | undefined): TokenError {
	let target = 'another address';
	try {
		target = location ? new URL(location, baseUrl).origin : target;
	} catch {
		// An unparseable Location is still a redirect we refuse; its text is not worth showing.
	}
	return new TokenError(
		'redirect-refused',
		`${baseUrl} answered with a redirect (HTTP ${status}) to ${target}. It was not followed, because the request carries credentials; check the configured host.`,
		{ httpStatus: status },
	);
}

const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_NETWORK',
]);
/**
 * Failures that only happen before a connection exists, so nothing was sent. Not ECONNRESET or EPIPE (a reused
 * keep-alive socket can fail after the request went out) nor the unreachable codes (also reported on a live socket).
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Axios errors carry the request config (credentials included), so the original is never passed on as `cause`:
 * only its code and message are kept.
 */
function mapAxiosError(error: unknown, baseUrl: string): TokenError {
	if (isAxiosError(error)) {
		const cause = new Error(`${error.code ?? 'ERR'}: ${error.message}`);
		if (error.code === 'ERR_CANCELED') {
			return cancelledError();
		}
		if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
			return new TokenError('timeout', `The connection to ${baseUrl} timed out.`, {}, { cause });
		}
		if (error.message.includes('maxContentLength')) {
			return new TokenError(
				'bad-response',
				`The answer from ${baseUrl} is larger than any token response; it was not read.`,
				{},
				{ cause },
			);
		}
		const code = error.code ?? '';
		const what = NETWORK_CODES.has(code) ? describeNetworkCode(code) : 'the connection failed';
		return new TokenError(
			'network',
			`Could not reach ${baseUrl}: ${what} (${code || error.message}).`,
			NOT_SENT_CODES.has(code) ? { requestSent: false } : {},
			{ cause },
		);
	}
	const message = error instanceof Error ? error.message : String(error);
	return new TokenError('network', `Could not reach ${baseUrl}: ${message}.`, {}, { cause: new Error(message) });
}

/** axios's own test (`axios.isAxiosError`), without loading axios to run it. */
function isAxiosError(error: unknown): error is AxiosError {
	return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

function describeNetworkCode(code: string): string {
	switch (code) {
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection was closed before the answer was complete';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name could not be resolved';
		default:
			return 'the network is unreachable';
	}
}
