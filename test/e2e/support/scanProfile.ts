import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SecretLedger } from './secretScan';
import { dumpBrowserStorage, scanBrowserStorage, scanFolder } from './secretScan';
import type { Session } from './session';

/** SecretStorage's own store in code-server: one localStorage entry, sealed (see dumpBrowserStorage). */
export const SECRET_STORAGE_KEY = 'secrets.provider';

/**
 * The end-of-suite privacy check: no secret the suite typed and no full token the sandbox issued may appear in
 * plaintext anywhere but SecretStorage's own store. Checks the browser side (localStorage, IndexedDB) while the
 * window is open, then stops VS Code (so everything is flushed) and searches every file of the profile: user data,
 * settings.json, logs including the extension's output channel, extensions, code-server's own log and XDG folders.
 * `documents`: texts the extension showed in editors (e.g. the rid documents, which live in memory only), as the
 * suite read them while they were open.
 */
export async function assertNoPlaintextSecrets(
	session: Session,
	ledger: SecretLedger,
	documents: readonly { readonly what: string; readonly text: string }[] = [],
): Promise<void> {
	ledger.stop();
	const needles = ledger.list();
	assert.ok(ledger.tokenCount() > 0, 'the suite fetched tokens to look for');
	const documentHits = documents.flatMap(({ what, text }) =>
		needles.filter((needle) => text.includes(needle.value)).map((needle) => `${what}: ${needle.what}`),
	);
	assert.deepEqual(documentHits, [], 'no secret or full token in the documents the extension opened');

	const storage = await dumpBrowserStorage(session.wb.page);
	const sealed = storage.localStorage[SECRET_STORAGE_KEY];
	assert.ok(
		sealed !== undefined && sealed.length > 0,
		`SecretStorage's store (localStorage "${SECRET_STORAGE_KEY}") exists`,
	);
	// Even SecretStorage's own store holds nothing readable: code-server seals it with AES-GCM.
	const browserHits = scanBrowserStorage(storage, needles);
	assert.deepEqual(browserHits, [], 'nothing secret in the browser storage, SecretStorage included');

	await session.shutdown();
	const { root } = session.server;
	const result = scanFolder(root, needles);
	const outputLog = result.files.find((file) =>
		/exthost\d+\/wechat-access-token\.wechat-access-token\/WeChat Access Token\.log$/.test(file),
	);
	assert.ok(outputLog !== undefined, "the extension's output channel log was among the files searched");
	const log = readFileSync(path.join(root, outputLog), 'utf8');
	assert.match(log, /token for "[^"]+": \S{4}…\S{4}/, 'the log names tokens by their masked form only');
	assert.ok(result.files.includes(path.join('ud', 'User', 'settings.json')), 'settings.json was searched');
	console.log(
		`      [e2e] privacy scan: ${needles.length} secrets and tokens, ${documents.length} documents, ${result.filesScanned} files (${(result.bytesScanned / 1024).toFixed(0)} KiB) + ` +
			`${Object.keys(storage.localStorage).length} localStorage entries + ${storage.indexedDb.length} IndexedDB stores: ${result.hits.length} hits`,
	);
	assert.deepEqual(result.hits, [], 'no secret or full token in plaintext in the profile folder');
}
