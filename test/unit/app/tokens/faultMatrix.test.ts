import * as assert from 'node:assert/strict';
import { CredentialStore } from '../../../../src/app/credentials/credentialStore';
import { TokenService } from '../../../../src/app/tokens/tokenService';
import { classicMintKey, tokenKey } from '../../../../src/app/credentials/secretKeys';
import { serializeToken } from '../../../../src/app/tokens/secretTokenStore';
import { TokenError } from '../../../../src/core/errors';
import type { TokenSourceKind } from '../../../../src/core/tokenTypes';
import { TOKEN_SOURCES } from '../../../../src/core/tokenTypes';
import { SANDBOX_AUTHING, SANDBOX_TEAM, SANDBOX_WECHAT_APP } from '../../../sandbox/fixtures';
import type { Sandbox } from '../../../sandbox/sandboxServer';
import { startSandbox } from '../../../sandbox/sandboxServer';
import { sandboxApp, sandboxSecrets } from '../../support/apps';
import { closedPort } from '../../../../scripts/host/closedPort';
import { eventually } from '../../support/eventually';
import type { FaultRow } from '../../support/faultRows';
import { FAULT_ROWS } from '../../support/faultRows';
import { MemorySecretStore } from '../../support/memorySecretStore';
import { recordingLog } from '../../support/recordingLog';
import { TOKEN_PATH, testClient, useSandbox } from '../../support/sandboxHarness';
import { snapshotSecrets, stillValidToken } from '../../support/secretSnapshot';
import { SINGLE_WINDOW_LEASE } from '../../support/singleWindow';
import { watchUnhandledRejections } from '../../support/unhandledRejections';
import { approveEveryClassicMint } from '../../support/classicMintPrompts';

type RowOutcomes = Record<TokenSourceKind, string>;

function retries(count: number): string {
	return count === 0 ? 'ok' : `ok after ${count} ${count === 1 ? 'retry' : 'retries'}`;
}

function formatMatrix(rows: ReadonlyMap<string, RowOutcomes>): string {
	const header = ['fault', ...TOKEN_SOURCES];
	const body = [...rows].map(([name, outcomes]) => [name, ...TOKEN_SOURCES.map((source) => outcomes[source])]);
	const widths = header.map((_, column) =>
		Math.max(...[header, ...body].map((cells) => (cells[column] ?? '').length)),
	);
	const line = (cells: readonly string[]): string =>
		`  | ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
	const rule = `  |${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
	return [
		'',
		'  Fault matrix (refresh through TokenService with a still-valid cached token):',
		line(header),
		rule,
		...body.map(line),
	].join('\n');
}

describe('fault matrix: every fault × every source, a forced refresh through TokenService', () => {
	const env = useSandbox();
	const rejections = watchUnhandledRejections();
	const printed = new Map<string, RowOutcomes>();
	let elsewhere: Sandbox;
	let refusedPort: number;

	before(async () => {
		elsewhere = await startSandbox();
		refusedPort = await closedPort();
	});
	after(async () => {
		await elsewhere.close();
		console.log(formatMatrix(printed));
	});

	/** One cell: secrets and a still-valid token stored, the fault armed, a refresh forced; checks what must hold. */
	async function runCell(row: FaultRow, source: TokenSourceKind): Promise<string> {
		const host = row.fault === 'refused' ? `http://127.0.0.1:${refusedPort}` : env.sandbox.url;
		const app = sandboxApp(source, host);
		const secrets = new MemorySecretStore();
		const cached = stillValidToken(source);
		const log = recordingLog();
		const client = testClient({
			random: () => 0.5,
			...(row.timeoutMs === undefined ? {} : { timeoutMs: row.timeoutMs }),
		});
		const service = new TokenService({
			secrets,
			credentials: new CredentialStore(secrets),
			client,
			log,
			lease: SINGLE_WINDOW_LEASE,
			classicMintPrompt: approveEveryClassicMint,
		});
		try {
			await new CredentialStore(secrets).write(app, sandboxSecrets(source));
			await secrets.store(tokenKey(app.identity), serializeToken(cached));
			await service.setApps([app]);
			assert.equal(service.state(app).token?.accessToken, cached.accessToken, 'the cached token is loaded');
			const before = await snapshotSecrets(secrets);
			if (row.fault === 'redirect') {
				env.sandbox.addFault({
					kind: 'redirect',
					location: `${elsewhere.url}${TOKEN_PATH[source]}`,
					path: TOKEN_PATH[source],
				});
			} else if (row.fault !== 'refused') {
				env.sandbox.addFault({ ...row.fault, path: row.path ?? TOKEN_PATH[source] });
			}

			let outcome: string;
			try {
				const token = await service.get(app, { bypassCache: true, allowClassic: true });
				outcome = retries(client.delays.length);
				assert.ok(env.sandbox.isTokenValid(token.accessToken), 'a token that works');
				// Only the cached token may change, and only to the new one (stored just after it was handed out).
				await service.persisted();
				const after = await snapshotSecrets(secrets);
				assert.equal(after.get(tokenKey(app.identity)), serializeToken(token));
				after.delete(tokenKey(app.identity));
				before.delete(tokenKey(app.identity));
				// When a classic request went out is kept on purpose, beside the secrets (ClassicMintGuard).
				after.delete(classicMintKey(app.appId));
				assert.deepEqual(after, before, 'the stored secrets are unchanged');
			} catch (error) {
				assert.ok(TokenError.is(error), `a typed error, got ${String(error)}`);
				const attempts = client.delays.length + 1;
				outcome = attempts > 1 ? `${error.reason} ×${attempts}` : error.reason;
				await service.persisted();
				const after = await snapshotSecrets(secrets);
				// A classic request that may have reached WeChat is recorded on purpose (ClassicMintGuard): not a secret.
				after.delete(classicMintKey(app.appId));
				assert.deepEqual(after, before, 'the stored secrets and the cached token are unchanged');
				assert.equal(
					service.state(app).token?.accessToken,
					cached.accessToken,
					'the still-valid token is still shown',
				);
				assert.equal((await service.peek(app))?.accessToken, cached.accessToken, 'and still handed out');
				assert.ok(TokenError.is(service.state(app).error, error.reason), 'the failure is shown');
			}
			if (row.fault !== 'refused') {
				// A request the client gave up on (a timeout) may still be on its way in on a busy machine: wait for it.
				const counted = () => env.sandbox.countRequests(row.path ?? TOKEN_PATH[source]);
				await eventually(() => counted() >= client.delays.length + 1, 'every attempt reached the server');
				assert.equal(counted(), client.delays.length + 1, 'attempts as counted by the server');
			}
			assert.equal(elsewhere.countRequests(), 0, 'nothing reached the other origin');
			assert.equal(service.state(app).busy, false);
			const logged = log.lines.join('\n');
			for (const secret of [
				SANDBOX_WECHAT_APP.appSecret,
				SANDBOX_AUTHING.accessKeySecret,
				SANDBOX_TEAM.envelopeBearerToken,
				cached.accessToken,
			]) {
				assert.ok(!logged.includes(secret), 'no secret or full token in the log');
			}
			return outcome;
		} finally {
			service.dispose();
			env.sandbox.reset();
		}
	}

	for (const row of FAULT_ROWS) {
		it(row.name, async () => {
			const outcomes = {} as RowOutcomes;
			for (const source of TOKEN_SOURCES) {
				outcomes[source] = row.expect[source] === 'n/a' ? 'n/a' : await runCell(row, source);
			}
			printed.set(row.name, outcomes);
			assert.deepEqual(outcomes, row.expect);
			assert.deepEqual(await rejections.settle(), [], 'no unhandled rejection');
		});
	}
});
