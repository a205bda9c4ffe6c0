/**
 * Runs the sandbox for manual use, the demo and out-of-process tests: `tsx test/sandbox/cli.ts [--port N]
 * [--token-lifetime SECONDS]`. Prints where it listens and the (fake) credentials to use with it.
 */
import { SANDBOX_AUTHING, SANDBOX_TEAM, SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from './fixtures';
import { startSandbox } from './sandboxServer';

function numberFlag(args: readonly string[], name: string): number | undefined {
	const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
	if (index === -1) {
		return undefined;
	}
	const arg = args[index] ?? '';
	const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
	const value = Number(text);
	if (text === undefined || text === '' || !Number.isInteger(value) || value < 0) {
		throw new Error(`${name} needs a non-negative integer`);
	}
	return value;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const sandbox = await startSandbox({
		port: numberFlag(args, '--port') ?? 0,
		tokenLifetimeSeconds: numberFlag(args, '--token-lifetime'),
	});
	console.log(`sandbox listening on ${sandbox.url}`);
	console.log(`  WeChat app:      appId ${SANDBOX_WECHAT_APP.appId}  appSecret ${SANDBOX_WECHAT_APP.appSecret}`);
	console.log(`  WeChat app 2:    appId ${SANDBOX_WECHAT_APP_2.appId}  appSecret ${SANDBOX_WECHAT_APP_2.appSecret}`);
	console.log(`  Authing app:     ${SANDBOX_AUTHING.authingAppId} (user token ${SANDBOX_AUTHING.userAccessToken})`);
	console.log(`  Authing pool:    ${SANDBOX_AUTHING.userPoolId}`);
	console.log(`  Authing key:     ${SANDBOX_AUTHING.accessKeyId} / ${SANDBOX_AUTHING.accessKeySecret}`);
	console.log(`  Team servers:    GET /team/wechat/token  X-Team-Key: ${SANDBOX_TEAM.wechatStyleKey}`);
	console.log(`                   POST /team/api/token    Authorization: Bearer ${SANDBOX_TEAM.envelopeBearerToken}`);
	console.log(`  control API:     ${sandbox.url}/__sandbox/state`);

	const stop = (): void => {
		void sandbox.close().then(() => {
			console.log('sandbox stopped');
		});
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
