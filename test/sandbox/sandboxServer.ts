import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_CONFIG } from './config';
import type { SandboxConfig } from './config';
import { delay, sendReply, streamHugeBody } from './delivery';
import { echoReply } from './echoReply';
import { faultReply } from './faultReplies';
import type { JsSdkSignatureRequest, TicketType } from './jsSdkTickets';
import { DELIVERY_KINDS, REPLACING_KINDS } from './faults';
import type { ContentKind, Fault } from './faults';
import { htmlReply, nginxErrorPage } from './reply';
import { SANDBOX_WECHAT_APPS } from './fixtures';
import { asRecord, parseBody, readBody, RequestTooLarge } from './requestBody';
import type { RouteContext } from './routeContext';
import { dialectOf, route } from './router';
import { CONTROL_PREFIX, handleControl } from './routes/control';
import { SandboxState } from './state';
import type { RecordedRequest } from './state';
import type { Lineage, TokenStatus } from './wechatTokens';

export interface SandboxOptions {
	/** 0 (the default) picks a free port. */
	readonly port?: number;
	/**
	 * The loopback address to listen on; default `127.0.0.1`. Another one (e.g. `127.0.0.2`) is this machine by a
	 * name that a proxy resolver does not treat as local, as a remote host would be.
	 */
	readonly hostname?: string;
	/** Serve https with this certificate (PEM) instead of plain http, as Authing and WeChat do. */
	readonly tls?: { readonly key: string; readonly cert: string };
	/** Lifetime of issued WeChat tokens; default 7200. Shorthand for `config.tokenLifetimeSeconds`. */
	readonly tokenLifetimeSeconds?: number;
	/** The sandbox's clock, ms since the epoch; default `Date.now`. Token lifetimes and quotas run on it. */
	readonly now?: () => number;
	readonly config?: Partial<SandboxConfig>;
}

/** A running sandbox. Everything here is also reachable over HTTP under `/__sandbox/` (see README.md). */
export interface Sandbox {
	/** `http://127.0.0.1:<port>` (or the https scheme and hostname it was started with), no trailing slash: the host for every token source. */
	readonly url: string;
	readonly port: number;
	/** Every upstream request received since start or the last reset, oldest first. */
	readonly requests: readonly RecordedRequest[];
	readonly config: SandboxConfig;
	/** Stops listening and destroys every open socket, hanging ones included; resolves when the server is closed. */
	close(): Promise<void>;
	addFault(fault: Fault): void;
	clearFaults(): void;
	/** Forgets faults, tokens, quota use, recorded requests, config changes and clock moves. */
	reset(): void;
	configure(patch: Partial<SandboxConfig>): void;
	/** Shorthand for `configure({ tokenLifetimeSeconds })`: applies to tokens issued from now on. */
	setTokenLifetimeSeconds(seconds: number): void;
	/** Moves the sandbox clock forward (or back) without touching the `now` it was given. */
	advance(seconds: number): void;
	now(): number;
	/** Upstream requests received, on one exact path or on all. */
	countRequests(path?: string): number;
	/** Whether WeChat would accept this token right now. */
	isTokenValid(token: string): boolean;
	tokenStatus(token: string): TokenStatus;
	/** The latest token issued for a WeChat app: of one lineage, or the newest of either. */
	currentToken(appId: string, lineage?: Lineage): string | undefined;
	/** Makes every issued management token unknown, as if it had expired on Authing's side. */
	revokeManagementTokens(): void;
	/** The newest JS-SDK ticket `getticket` handed out for an app (default type `jsapi`), expired or not. */
	currentTicket(appId: string, type?: TicketType): string | undefined;
	/** The ticket the current one replaced (after it expired), to sign as a server with a stale cache would. */
	previousTicket(appId: string, type?: TicketType): string | undefined;
	/**
	 * The JS-SDK signature of a page for `appId`, made with its current jsapi ticket (or its previous one) by the
	 * sandbox's own implementation of WeChat's rule; undefined before the app's first `getticket`.
	 */
	jsSdkSignature(request: JsSdkSignatureRequest): string | undefined;
	/** The `clear_quota` resets an app used this calendar month (Beijing time, sandbox clock); 10 are allowed. */
	clearQuotaCount(appId: string): number;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const config: SandboxConfig = {
		...DEFAULT_CONFIG,
		...options.config,
		...(options.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
	};
	const state = new SandboxState(options.now ?? Date.now, config);
	const hostname = options.hostname ?? '127.0.0.1';
	const sockets = new Set<Socket>();
	/** One per request in flight, aborted when its client leaves or the sandbox closes. */
	const exchanges = new Set<AbortController>();

	const listener: RequestListener = (request, response) => {
		const exchange = new AbortController();
		exchanges.add(exchange);
		response.on('close', () => {
			exchanges.delete(exchange);
			exchange.abort();
		});
		handle(state, request, response, exchange.signal).catch((error: unknown) => {
			// A bug in the sandbox itself: say so loudly, and never leave the client hanging.
			console.error('[sandbox] internal error', error);
			if (!response.headersSent) {
				response.writeHead(500, { 'content-type': 'text/plain' }).end('sandbox internal error');
			} else {
				response.destroy();
			}
		});
	};
	const server =
		options.tls === undefined
			? createServer(listener)
			: createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener);
	// For https this is the TCP socket under the TLS one: destroying it on close ends hanging exchanges either way.
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, hostname, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;

	let closing: Promise<void> | undefined;
	const close = (): Promise<void> => {
		closing ??= new Promise<void>((resolve) => {
			server.close(() => resolve());
			exchanges.forEach((exchange) => exchange.abort());
			sockets.forEach((socket) => socket.destroy());
		});
		return closing;
	};

	return {
		url: `${options.tls === undefined ? 'http' : 'https'}://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
		port,
		get requests() {
			return state.requests;
		},
		get config() {
			return state.config;
		},
		close,
		addFault: (fault) => state.faults.add(fault),
		clearFaults: () => state.faults.clear(),
		reset: () => state.reset(),
		configure: (patch) => state.configure(patch),
		setTokenLifetimeSeconds: (seconds) => state.configure({ tokenLifetimeSeconds: seconds }),
		advance: (seconds) => state.advance(seconds),
		now: () => state.now(),
		countRequests: (path) => state.countRequests(path),
		isTokenValid: (token) => state.wechat.status(token) === 'valid',
		tokenStatus: (token) => state.wechat.status(token),
		currentToken: (appId, lineage) => state.wechat.latest(appId, lineage)?.value,
		revokeManagementTokens: () => state.management.revokeAll(),
		currentTicket: (appId, type = 'jsapi') => state.jsSdkTickets.latest(appId, type)?.value,
		previousTicket: (appId, type = 'jsapi') => state.jsSdkTickets.previous(appId, type)?.value,
		jsSdkSignature: (request) => state.jsSdkTickets.signPage(request),
		clearQuotaCount: (appId) => state.wechatCalls.clearQuotaCount(appId),
	};
}

/**
 * One request, in the order a real service would fail: a `slow` fault delays everything; a replacing fault answers
 * instead of the route; the answer (whoever made it) is then delivered, possibly badly.
 */
async function handle(
	state: SandboxState,
	request: IncomingMessage,
	response: ServerResponse,
	signal: AbortSignal,
): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
	const method = request.method ?? 'GET';
	const path = url.pathname;
	const query = Object.fromEntries(url.searchParams);

	let rawBody: string;
	try {
		rawBody = await readBody(request);
	} catch (error: unknown) {
		if (error instanceof RequestTooLarge) {
			await sendReply(response, htmlReply(413, nginxErrorPage(413, 'Request Entity Too Large')), {
				dateMs: state.now(),
				signal,
			});
		} else {
			request.socket.destroy();
		}
		return;
	}
	const body = parseBody(rawBody);

	if (path.startsWith(CONTROL_PREFIX)) {
		await sendReply(response, handleControl(state, { method, path, query, body }), { dateMs: state.now(), signal });
		return;
	}

	const recorded: RecordedRequest = {
		method,
		path,
		query,
		headers: { ...request.headers },
		body,
		rawBody,
		time: state.now(),
	};
	state.record(recorded);

	const slow = state.faults.take(path, ['slow']);
	if (slow !== undefined && !(await delay(slow.delayMs, signal))) {
		return;
	}
	const skewMs = (state.faults.take(path, ['server-date'])?.offsetSeconds ?? 0) * 1000;
	const now = state.now();

	const replacing = state.faults.take(path, REPLACING_KINDS);
	if (replacing?.kind === 'drop') {
		request.socket.destroy();
		return;
	}
	if (replacing?.kind === 'huge-body') {
		await streamHugeBody(response, replacing.bytes, now + skewMs, signal);
		return;
	}

	const context: RouteContext = {
		request: recorded,
		state,
		now,
		skewMs,
		takeFault: <K extends ContentKind>(kind: K) => state.faults.take(path, [kind]),
	};
	const reply =
		replacing === undefined
			? route(context)
			: replacing.kind === 'echo'
				? echoReply(replacing, recorded, dialectOf(path), state.config)
				: faultReply(replacing, {
						method,
						path,
						dialect: dialectOf(path),
						config: state.config,
					});
	if (dialectOf(path) === 'wechat') {
		state.wechatCalls.observe(recorded, reply, wechatCallerApp(state, recorded), state.now());
	}
	await sendReply(response, reply, {
		dateMs: now + skewMs,
		fault: state.faults.take(path, DELIVERY_KINDS),
		signal,
	});
}

/**
 * The app a WeChat call is charged to: the owner of its access token, else the AppID it names (a token request). A
 * call with a token that names another app (`clear_quota` with a wrong `appid`) is the token's app's.
 */
function wechatCallerApp(state: SandboxState, request: RecordedRequest): string | undefined {
	const token = request.query.access_token;
	const owner = token === undefined ? undefined : state.wechat.owner(token);
	if (owner !== undefined) {
		return owner;
	}
	const named = request.query.appid ?? asRecord(request.body)?.['appid'];
	return typeof named === 'string' && SANDBOX_WECHAT_APPS.some((app) => app.appId === named) ? named : undefined;
}
