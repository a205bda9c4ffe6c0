/**
 * The sandbox server in its own process, so its CPU time lands on its own core and not on the event loop of the
 * client being measured. Started by `sandboxProcess.ts` with an IPC channel; exits when the parent goes away.
 */
import { startSandbox } from '../test/sandbox/sandboxServer';

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: 0 });
	process.send?.({ url: sandbox.url });
	process.once('disconnect', () => {
		void sandbox.close().then(() => process.exit(0));
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
