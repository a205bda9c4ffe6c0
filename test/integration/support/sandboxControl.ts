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
};
