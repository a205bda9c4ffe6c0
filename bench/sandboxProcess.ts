import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';

export const AUTHING_INFO_PATH = '/api/v3/get-wechat-access-token-info';

/** The sandbox running in a child process, driven over its HTTP control API (never counted as upstream traffic). */
export interface RemoteSandbox {
	readonly url: string;
	/** Forgets recorded requests and issued tokens. */
	reset(): Promise<void>;
	/** Upstream requests received on `path` since the last reset. */
	count(path: string): Promise<number>;
	stop(): Promise<void>;
}

export async function startRemoteSandbox(): Promise<RemoteSandbox> {
	const child: ChildProcess = fork(path.join(__dirname, 'sandboxChild.ts'), [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the sandbox did not start within 20 s')), 20_000);
		child.once('message', (message: { url?: string }) => {
			clearTimeout(timer);
			if (typeof message.url === 'string') {
				resolve(message.url);
			} else {
				reject(new Error('unexpected message from the sandbox process'));
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the sandbox process exited (${code})`));
		});
	});
	// A separate agent, so control calls never borrow or disturb the sockets the contenders use.
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const control = (method: string, controlPath: string): Promise<unknown> =>
		new Promise((resolve, reject) => {
			const request = http.request(`${url}/__sandbox/${controlPath}`, { method, agent }, (response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => {
					try {
						resolve(JSON.parse(text) as unknown);
					} catch (error) {
						reject(error instanceof Error ? error : new Error(String(error)));
					}
				});
			});
			request.on('error', reject);
			request.end();
		});
	return {
		url,
		reset: async () => {
			await control('POST', 'reset');
		},
		count: async (countedPath) => {
			const state = (await control('GET', 'state')) as { counts?: Record<string, number> };
			return state.counts?.[countedPath] ?? 0;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				if (child.exitCode !== null) {
					resolve();
					return;
				}
				child.once('exit', () => resolve());
				child.disconnect();
			}),
	};
}
