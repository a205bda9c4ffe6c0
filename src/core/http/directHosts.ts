/**
 * The only hosts plain `http` may go to: this machine, by the two names with which a request reaches it directly,
 * never through a proxy, in VS Code as outside it.
 *
 * - VS Code's proxy support (`@vscode/proxy-agent`, `http.proxySupport` "override" by default) sends `localhost`,
 *   `127.0.0.1` and `::1` DIRECT before it looks at `http.proxy`, `http.noProxy`, HTTP(S)_PROXY or a PAC script. Every
 *   other name may be proxied, even one that also reaches this machine (`127.0.0.2`, `0.0.0.0`, `localhost.`,
 *   `[::ffff:127.0.0.1]`), and over plain http a proxy reads the whole request, the secret in it included.
 * - Of those three, only for `localhost` and `127.0.0.1` does it keep the request's own agent. For `::1` it connects with
 *   Node's global agent, which Node's own proxy support (NODE_USE_ENV_PROXY=1, Node 22.21/24.5 and later) points at
 *   HTTP_PROXY for every host, loopback included: in code-server 4.139 with that variable set, a request to
 *   `http://[::1]` reached the proxy with the AppSecret in it. axios (`proxy: false`) gives the request a direct agent.
 *
 * Keyed by `URL.hostname`, the form every request is sent to: lowercase, IPv4 in dotted decimal. So `http://127.1` and
 * `http://LOCALHOST` are the same request as `http://127.0.0.1` and `http://localhost`. An IPv6-only server on this
 * machine is reached as `localhost` where that name resolves to `::1`.
 */
const DIRECT_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost']);

/** The names as a person writes them, for messages: `127.0.0.1 or localhost`. */
export const DIRECT_HOSTNAMES_TEXT = [...DIRECT_HOSTNAMES].join(' or ');

/** Whether a URL's `hostname` is one that plain http may go to (see DIRECT_HOSTNAMES). */
export function isDirectHostname(hostname: string): boolean {
	return DIRECT_HOSTNAMES.has(hostname);
}
