/**
 * The addresses a server may have signed instead of the page's own (PROTOCOLS.md §7): the other scheme behind a
 * proxy that terminates TLS, a default port the browser leaves out, the `/` a browser adds after a bare domain, the
 * query a router dropped, the `www.` a redirect added or removed. Built on the text, never through `URL`, so
 * everything not changed stays exactly as given.
 */
export type UrlChange = 'scheme' | 'default-port' | 'trailing-slash' | 'query' | 'www';

export interface UrlVariant {
	readonly url: string;
	/** What differs from the given address, in the order of `UrlChange`. */
	readonly changes: readonly UrlChange[];
}

const CHANGES: readonly UrlChange[] = ['scheme', 'default-port', 'trailing-slash', 'query', 'www'];
const ADDRESS = /^(https?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?$/i;
/** The host (an IPv6 literal in brackets included) and an optional port. */
const AUTHORITY = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/;

interface Parts {
	readonly scheme: string;
	readonly host: string;
	readonly port: string | undefined;
	readonly path: string;
	readonly query: string;
}

/**
 * Every variant of `url` by one or more of the changes that apply to it, fewest changes first; none for a text that
 * is not an http(s) address.
 */
export function urlVariants(url: string): UrlVariant[] {
	const parts = partsOf(url);
	if (parts === undefined) {
		return [];
	}
	const applicable = CHANGES.filter((change) => applies(change, parts));
	const subsets: UrlChange[][] = [];
	for (let mask = 1; mask < 1 << applicable.length; mask += 1) {
		subsets.push(applicable.filter((_, index) => (mask & (1 << index)) !== 0));
	}
	subsets.sort((a, b) => a.length - b.length);
	const seen = new Set([url]);
	const variants: UrlVariant[] = [];
	for (const changes of subsets) {
		const variant = join(changes.reduce((changed, change) => apply(change, changed, parts), parts));
		if (!seen.has(variant)) {
			seen.add(variant);
			variants.push({ url: variant, changes });
		}
	}
	return variants;
}

function partsOf(url: string): Parts | undefined {
	const address = ADDRESS.exec(url);
	const authority = AUTHORITY.exec(address?.[2] ?? '');
	if (address === null || authority === null || authority[1] === undefined || authority[1] === '') {
		return undefined;
	}
	return {
		scheme: address[1] ?? '',
		host: authority[1],
		port: authority[2],
		path: address[3] ?? '',
		query: address[4] ?? '',
	};
}

function defaultPort(scheme: string): string {
	return scheme.toLowerCase() === 'https' ? '443' : '80';
}

function applies(change: UrlChange, parts: Parts): boolean {
	switch (change) {
		case 'scheme':
		case 'www':
			return true;
		case 'default-port':
			// A port of its own is the page's: only the scheme's default can be there or not.
			return parts.port === undefined || parts.port === '80' || parts.port === '443';
		case 'trailing-slash':
			return parts.path === '' || parts.path === '/';
		case 'query':
			return parts.query !== '';
	}
}

/** `change` made to `parts` (already changed by earlier ones); `original` says what the given address had. */
function apply(change: UrlChange, parts: Parts, original: Parts): Parts {
	switch (change) {
		case 'scheme': {
			const lower = parts.scheme.toLowerCase() === 'https' ? 'http' : 'https';
			return { ...parts, scheme: parts.scheme === parts.scheme.toUpperCase() ? lower.toUpperCase() : lower };
		}
		case 'default-port':
			return { ...parts, port: original.port === undefined ? defaultPort(parts.scheme) : undefined };
		case 'trailing-slash':
			return { ...parts, path: original.path === '' ? '/' : '' };
		case 'query':
			return { ...parts, query: '' };
		case 'www':
			return {
				...parts,
				host: /^www\./i.test(original.host) ? original.host.slice(4) : `www.${original.host}`,
			};
	}
}

function join(parts: Parts): string {
	return `${parts.scheme}://${parts.host}${parts.port === undefined ? '' : `:${parts.port}`}${parts.path}${parts.query}`;
}
