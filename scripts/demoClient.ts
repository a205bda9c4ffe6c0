/**
 * Shows the token client doing its job against the built-in sandbox server, no account needed:
 * one token from each source, the team-safe ones returning the token already in force, and 1000 simultaneous
 * callers sharing one upstream request. Tokens are masked and lifetimes written as the extension shows them.
 */
import { formatRemaining } from '../src/app/presentation/timeFormats';
import { englishLocalizer } from '../src/app/ports/localizer';
import { maskToken } from '../src/app/tokens/maskToken';
import { requestIdentity } from '../src/core/requestIdentity';
import { createTokenClient } from '../src/core/tokenClient';
import { TokenCache } from '../src/core/tokenCache';
import type { TokenRequest } from '../src/core/tokenTypes';
import { SANDBOX_AUTHING, SANDBOX_WECHAT_APP } from '../test/sandbox/fixtures';
import { startSandbox } from '../test/sandbox/sandboxServer';

async function main(): Promise<void> {
	const sandbox = await startSandbox();
	const host = sandbox.url;
	const wechat = { appId: SANDBOX_WECHAT_APP.appId, appSecret: SANDBOX_WECHAT_APP.appSecret, host };
	const requests: TokenRequest[] = [
		{ source: 'authing', ...wechat, authingAppId: SANDBOX_AUTHING.authingAppId },
		{
			source: 'authing-management',
			...wechat,
			accessKeyId: SANDBOX_AUTHING.accessKeyId,
			accessKeySecret: SANDBOX_AUTHING.accessKeySecret,
		},
		{ source: 'wechat-stable', ...wechat },
		{ source: 'wechat', ...wechat, invalidatesOtherTokensAcknowledged: true },
	];
	const client = createTokenClient();
	console.log(`sandbox server: ${host}\n`);
	console.log('source               token        expires in   ms');
	try {
		for (const request of requests) {
			const started = process.hrtime.bigint();
			const token = await client.fetchToken(request);
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			console.log(
				`${request.source.padEnd(20)} ${maskToken(token.accessToken).padEnd(12)} ${formatRemaining(token.expiresAt - Date.now(), englishLocalizer).padEnd(12)} ${ms.toFixed(1)}`,
			);
		}
		const cache = new TokenCache();
		const stable = requests[2] as TokenRequest;
		const before = sandbox.countRequests();
		await Promise.all(
			Array.from({ length: 1000 }, () =>
				cache.get(requestIdentity(stable), (signal) => client.fetchToken(stable, { signal })),
			),
		);
		console.log(
			`\n1000 simultaneous callers through the cache → ${sandbox.countRequests() - before} upstream request(s)`,
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
