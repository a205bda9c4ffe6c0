import { SANDBOX_URL_ENV } from './env';

/** The sandbox's control API (test/sandbox/README.md), reached over loopback HTTP from inside the extension host. */
export interface SandboxState {
	/** Upstream requests per path. */
	readonly counts: Record<string, number>;
	/** The newest token of each lineage, per WeChat AppID (fake tokens, shown in full). */
	readonly tokens: Record<
		string,
		{ readonly classic?: { readonly value: string }; readonly stable?: { readonly value: string } }
	>;
}

export type TokenStatus = 'valid' | 'expired' | 'invalidated' | 'unknown';

/** A JS-SDK ticket the sandbox handed out (fake, shown in full); times in ms on the sandbox clock. */
export interface SandboxTicket {
	readonly value: string;
	readonly issuedAt: number;
	readonly expiresAt: number;
}

export function sandboxUrl(): string {
	const url = process.env[SANDBOX_URL_ENV];
	if (url === undefined || url === '') {
		throw new Error(
			`${SANDBOX_URL_ENV} is not set: run the suite through test/integration/runInCodeServer.ts or runInDesktop.ts`,
		);
	}
	return url;
}

async function control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${sandboxUrl()}/__sandbox/${path}`, {
		method,
		...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
	});
	const text = await response.text();
	if (!response.ok) {
		throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${text}`);
	}
	return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export const sandbox = {
	reset: async (): Promise<void> => void (await control('POST', 'reset')),
	configure: async (patch: Record<string, unknown>): Promise<void> => void (await control('POST', 'config', patch)),
	addFault: async (fault: Record<string, unknown>): Promise<void> => void (await control('POST', 'faults', fault)),
	clearFaults: async (): Promise<void> => void (await control('DELETE', 'faults')),
	state: async (): Promise<SandboxState> => (await control('GET', 'state')) as SandboxState,
	/** Upstream requests since the last reset, control requests excluded. */
	async requestCount(): Promise<number> {
		const { counts } = await this.state();
		return Object.values(counts).reduce((sum, count) => sum + count, 0);
	},
	async tokenStatus(token: string): Promise<TokenStatus> {
		const answer = (await control('GET', `token-status?token=${encodeURIComponent(token)}`)) as {
			status: TokenStatus;
		};
		return answer.status;
	},
	/** An app's newest JS-SDK ticket of a type and the one it replaced (`null` before there is one). */
	async ticket(
		appId: string,
		type: 'jsapi' | 'wx_card' = 'jsapi',
	): Promise<{ readonly current: SandboxTicket | null; readonly previous: SandboxTicket | null }> {
		const query = `appId=${encodeURIComponent(appId)}&type=${type}`;
		return (await control('GET', `ticket?${query}`)) as {
			current: SandboxTicket | null;
			previous: SandboxTicket | null;
		};
	},
	/**
	 * The page signature the sandbox computes itself with the app's current (or previous) jsapi ticket: what the
	 * extension's signature must equal. Fails while the app has no such ticket.
	 */
	async jsSdkSignature(request: {
		readonly appId: string;
		readonly url: string;
		readonly nonceStr: string;
		readonly timestamp: string | number;
		readonly ticket?: 'current' | 'previous';
	}): Promise<string> {
		return ((await control('POST', 'jssdk-signature', request)) as { signature: string }).signature;
	},
};
