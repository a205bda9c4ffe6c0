import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/sandboxServer';
import { SANDBOX_WECHAT_APPS } from '../../sandbox/fixtures';

/** A value that must never be found in plaintext outside SecretStorage's own store, and what it is (for the report). */
export interface Needle {
	readonly value: string;
	readonly what: string;
}

/**
 * Everything secret one suite dealt with: the secrets it typed and every full token the sandbox handed out. The
 * sandbox keeps no list of issued tokens, so the ledger polls the current token of each fixture app (a token is
 * current from its minting until the next one, which in these tests is always seconds later), and reads the
 * management tokens off the requests that carried them.
 */
export class SecretLedger {
	private readonly needles = new Map<string, string>();
	private readonly timer: NodeJS.Timeout;

	/** Starts with the fixture apps' AppSecrets; snapshots every 20 ms, so a token replaced within one test is recorded too. */
	constructor(private readonly sandbox: Sandbox) {
		// Every suite may type the fixture apps' AppSecrets; a scan that looks for them all costs nothing.
		for (const { appId, appSecret } of SANDBOX_WECHAT_APPS) {
			this.add(appSecret, `AppSecret of ${appId}`);
		}
		this.timer = setInterval(() => this.snapshot(), 20);
		this.timer.unref();
	}

	stop(): void {
		clearInterval(this.timer);
		this.snapshot();
	}

	add(value: string, what: string): void {
		if (value !== '') {
			this.needles.set(value, what);
		}
	}

	/**
	 * Records the tokens and JS-SDK tickets the sandbox currently holds for the fixture apps, and the management tokens
	 * sent so far.
	 */
	snapshot(): void {
		for (const { appId } of SANDBOX_WECHAT_APPS) {
			for (const lineage of ['stable', 'classic'] as const) {
				const token = this.sandbox.currentToken(appId, lineage);
				if (token !== undefined) {
					this.add(token, `${lineage} access token of ${appId}`);
				}
			}
			// JS-SDK tickets are kept like tokens: in SecretStorage only.
			for (const type of ['jsapi', 'wx_card'] as const) {
				for (const ticket of [
					this.sandbox.currentTicket(appId, type),
					this.sandbox.previousTicket(appId, type),
				]) {
					if (ticket !== undefined) {
						this.add(ticket, `${type} ticket of ${appId}`);
					}
				}
			}
		}
		for (const request of this.sandbox.requests) {
			const authorization: unknown = request.headers.authorization;
			const value = typeof authorization === 'string' ? authorization : '';
			const bearer = /^Bearer (\S{20,})$/.exec(value)?.[1];
			if (bearer !== undefined) {
				this.add(bearer, 'Authing management token');
			}
		}
	}

	list(): Needle[] {
		return [...this.needles].map(([value, what]) => ({ value, what }));
	}

	tokenCount(): number {
		return this.list().filter((needle) => needle.what.includes('token')).length;
	}
}

export interface FileScanResult {
	readonly filesScanned: number;
	readonly bytesScanned: number;
	/** `<file>: <what>` for every hit. */
	readonly hits: string[];
	readonly files: string[];
}

/** Searches every file under `root` for each needle, as UTF-8 and as UTF-16LE (SQLite and LevelDB may use either). */
export function scanFolder(root: string, needles: readonly Needle[]): FileScanResult {
	const files = listFiles(root);
	const hits: string[] = [];
	let bytesScanned = 0;
	const patterns = needles.flatMap((needle) => [
		{ bytes: Buffer.from(needle.value, 'utf8'), what: needle.what },
		{ bytes: Buffer.from(needle.value, 'utf16le'), what: `${needle.what} (UTF-16)` },
	]);
	for (const file of files) {
		let content: Buffer;
		try {
			content = readFileSync(file);
		} catch {
			continue; // a socket or a file that vanished
		}
		bytesScanned += content.length;
		for (const pattern of patterns) {
			if (content.includes(pattern.bytes)) {
				hits.push(`${path.relative(root, file)}: ${pattern.what}`);
			}
		}
	}
	return { filesScanned: files.length, bytesScanned, hits, files: files.map((file) => path.relative(root, file)) };
}

function listFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			out.push(...listFiles(full));
		} else if (entry.isFile() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile())) {
			out.push(full);
		}
	}
	return out;
}

export interface BrowserStorageDump {
	/** localStorage, key → value. */
	readonly localStorage: Record<string, string>;
	/** Every IndexedDB database, object store and record, as JSON text (binary values as their bytes in Latin-1). */
	readonly indexedDb: { readonly database: string; readonly store: string; readonly text: string }[];
}

/**
 * What the workbench keeps in the browser. In code-server, SecretStorage is the embedder's provider: one
 * localStorage entry, `secrets.provider`, sealed with AES-GCM under a key that is half the browser's and half the
 * server's (`/mint-key`). Workbench state (globalState, memento) lives in IndexedDB.
 */
export async function dumpBrowserStorage(page: Page): Promise<BrowserStorageDump> {
	// Plain JavaScript: a TypeScript function would be compiled with helpers (esbuild's __name) the page lacks.
	return page.evaluate<BrowserStorageDump>(DUMP_STORAGE_SCRIPT);
}

const DUMP_STORAGE_SCRIPT = `(async () => {
	const local = {};
	for (let index = 0; index < localStorage.length; index++) {
		const key = localStorage.key(index);
		if (key !== null) local[key] = localStorage.getItem(key) ?? '';
	}
	const toText = (value) => {
		if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
			const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
			let text = '';
			bytes.forEach((byte) => (text += String.fromCharCode(byte)));
			return text;
		}
		if (value instanceof Blob) return '[blob]';
		try { return JSON.stringify(value); } catch { return String(value); }
	};
	const request = (req) => new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	const dumps = [];
	for (const info of await indexedDB.databases()) {
		if (info.name === undefined) continue;
		const db = await request(indexedDB.open(info.name));
		try {
			for (const store of Array.from(db.objectStoreNames)) {
				const objectStore = db.transaction(store, 'readonly').objectStore(store);
				const [keys, values] = await Promise.all([request(objectStore.getAllKeys()), request(objectStore.getAll())]);
				dumps.push({ database: info.name, store, text: keys.map((key, index) => toText(key) + '=' + toText(values[index])).join('\\n') });
			}
		} finally {
			db.close();
		}
	}
	return { localStorage: local, indexedDb: dumps };
})()`;

/** Hits of the needles in the browser's storage; `allowedKeys` are SecretStorage's own entries. */
export function scanBrowserStorage(
	dump: BrowserStorageDump,
	needles: readonly Needle[],
	allowedKeys: readonly string[] = [],
): string[] {
	const hits: string[] = [];
	for (const [key, value] of Object.entries(dump.localStorage)) {
		for (const needle of needles) {
			if ((key + value).includes(needle.value) && !allowedKeys.includes(key)) {
				hits.push(`localStorage[${key}]: ${needle.what}`);
			}
		}
	}
	for (const { database, store, text } of dump.indexedDb) {
		for (const needle of needles) {
			if (text.includes(needle.value)) {
				hits.push(`IndexedDB ${database}/${store}: ${needle.what}`);
			}
		}
	}
	return hits;
}
