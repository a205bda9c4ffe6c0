import * as assert from 'node:assert/strict';
import type { Sandbox } from '../../sandbox/sandboxServer';
import { eventually } from './user';

/**
 * The token the sandbox issued, once it exists and differs from `previous` (a test waits for the next one). The
 * sandbox's latest token stays its latest after it expires: a test that waits for a replacement must pass the token
 * it replaces, or it may read the old one before the extension's request arrives.
 */
export async function issuedToken(
	read: () => string | undefined,
	previous?: string,
	timeoutMs = 30_000,
): Promise<string> {
	await eventually(
		() => {
			const value = read();
			return value !== undefined && value !== previous;
		},
		'a new token at the sandbox',
		timeoutMs,
	);
	return read() as string;
}

/** For `afterEach`: when a test failed, its last requests at the sandbox say what the extension asked for. */
export function logSandboxRequestsOnFailure(test: Mocha.Test | undefined, sandbox: Sandbox): void {
	if (test?.state !== 'failed') {
		return;
	}
	const last = sandbox.requests
		.slice(-8)
		.map((request) => `${new Date(request.time).toISOString()} ${request.method} ${request.path}`);
	console.log(`      [e2e] the sandbox's last requests:\n        ${last.join('\n        ')}`);
}

/** The sandbox's current stable token for `appId`, which a test expects to exist already. */
export function currentStableToken(sandbox: Sandbox, appId: string): string {
	const current = sandbox.currentToken(appId, 'stable');
	assert.ok(current, 'the sandbox issued a token');
	return current;
}
