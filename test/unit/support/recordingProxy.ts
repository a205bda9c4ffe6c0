import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';

/** One request the proxy received: its request line and headers, as they came. */
export interface ProxiedRequest {
	/** e.g. `CONNECT 127.0.0.2:8443 HTTP/1.1`, or `POST http://127.0.0.2:8080/cgi-bin/stable_token HTTP/1.1`. */
	readonly line: string;
	readonly method: string;
	/** The request target: `host:port` for CONNECT, an absolute URL for a forwarded request. */
	readonly target: string;
	/** Header lines, `Name: value`, in order. */
	readonly headers: readonly string[];
}

/**
 * A real forwarding proxy on loopback: the `proxy` package (TooTallNate's, the one `https-proxy-agent` is tested
 * against), which tunnels CONNECT and forwards plain http. In front of it, a tap that records every byte clients send
 * it and every byte it sends back: exactly what a proxy on the network could read. The tap only relays; all proxying
 * is the package's.
 *
 * `hosts` are names the proxy resolves itself, as a proxy with its own DNS does (clients behind a corporate proxy often
 * cannot resolve outside names at all): a CONNECT to one of them is relayed to its address. The request is recorded as
 * the client sent it.
 */
export class RecordingProxy {
	private readonly requestLog: ProxiedRequest[] = [];
	private readonly chunks: Buffer[] = [];
	private readonly sockets = new Set<Socket>();

	private constructor(
		private readonly proxy: Server,
		private readonly tap: net.Server,
		private readonly hosts: Readonly<Record<string, string>>,
	) {}

	static async start(options: { readonly hosts?: Readonly<Record<string, string>> } = {}): Promise<RecordingProxy> {
		// ESM-only package, loaded the way a CommonJS module can.
		const { createProxy } = await import('proxy');
		const proxy = createProxy(createServer());
		const tap = net.createServer();
		const recording = new RecordingProxy(proxy, tap, options.hosts ?? {});
		// Ahead of the package's own listeners, which read `url` only after this returns.
		proxy.prependListener('request', (request: IncomingMessage) => recording.record(request));
		proxy.prependListener('connect', (request: IncomingMessage) => {
			recording.record(request);
			recording.resolve(request);
		});
		await listen(proxy);
		const proxyPort = (proxy.address() as AddressInfo).port;
		tap.on('connection', (client) => recording.relay(client, proxyPort));
		await listen(tap);
		return recording;
	}

	/** `http://127.0.0.1:<port>`: the value for `http.proxy` or HTTP(S)_PROXY. */
	get url(): string {
		return `http://127.0.0.1:${(this.tap.address() as AddressInfo).port}`;
	}

	get requests(): readonly ProxiedRequest[] {
		return this.requestLog;
	}

	/** Every byte that passed the proxy's port, both ways, in the order it arrived. */
	bytes(): Buffer {
		return Buffer.concat(this.chunks);
	}

	/** The request lines and headers, one per line, then a blank line after each request. */
	logText(): string {
		return this.requestLog.map((request) => [request.line, ...request.headers, ''].join('\n')).join('\n');
	}

	/** Forgets what was recorded so far (connections stay open). */
	reset(): void {
		this.requestLog.length = 0;
		this.chunks.length = 0;
	}

	async close(): Promise<void> {
		this.sockets.forEach((socket) => socket.destroy());
		this.proxy.closeAllConnections();
		await Promise.all([
			new Promise((resolve) => this.tap.close(resolve)),
			new Promise((resolve) => this.proxy.close(resolve)),
		]);
	}

	private record(request: IncomingMessage): void {
		const headers: string[] = [];
		for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
			headers.push(`${request.rawHeaders[index] ?? ''}: ${request.rawHeaders[index + 1] ?? ''}`);
		}
		const method = request.method ?? '';
		const target = request.url ?? '';
		this.requestLog.push({ line: `${method} ${target} HTTP/${request.httpVersion}`, method, target, headers });
	}

	/** Points a CONNECT to a name in `hosts` at its address. */
	private resolve(request: IncomingMessage): void {
		const target = request.url ?? '';
		const colon = target.lastIndexOf(':');
		const address = this.hosts[target.slice(0, colon).toLowerCase()];
		if (address !== undefined) {
			request.url = `${address}${target.slice(colon)}`;
		}
	}

	private relay(client: Socket, proxyPort: number): void {
		const upstream = net.connect(proxyPort, '127.0.0.1');
		for (const socket of [client, upstream]) {
			this.sockets.add(socket);
			socket.on('data', (chunk: Buffer) => this.chunks.push(Buffer.from(chunk)));
			socket.on('close', () => {
				this.sockets.delete(socket);
				client.destroy();
				upstream.destroy();
			});
			socket.on('error', () => undefined);
		}
		client.pipe(upstream);
		upstream.pipe(client);
	}
}

function listen(server: net.Server): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
}
