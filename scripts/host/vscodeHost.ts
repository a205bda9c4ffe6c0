import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface VscodeHost {
	/** Node 24: code-server requires it; the machine's Node may be older. */
	readonly node24: string;
	/** code-server's entry script, always run as `node24 codeServer …`. */
	readonly codeServer: string;
	readonly chromium: string;
	readonly chromiumVersion: string;
	readonly vscodeVersion: string;
}

const REPO_ROOT = path.resolve(__dirname, '../..');

/** Flags for the host's Chromium that keep it from reaching for the network this machine does not have. */
export const CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Installs (once per machine, cached) and locates the real VS Code host: code-server on Node 24, and Chromium.
 * scripts/setup-vscode-host.sh does the work and prints the path of its host.env.
 */
export function ensureVscodeHost(): VscodeHost {
	let envPath: string;
	try {
		envPath = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/setup-vscode-host.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			timeout: 15 * 60_000,
		}).trim();
	} catch (error) {
		throw new Error('The VS Code test host could not be set up (see the setup-vscode-host line above).', {
			cause: error,
		});
	}
	const values = new Map<string, string>();
	for (const line of readFileSync(envPath, 'utf8').split('\n')) {
		const equals = line.indexOf('=');
		if (equals > 0) {
			values.set(line.slice(0, equals), line.slice(equals + 1));
		}
	}
	const need = (key: string): string => {
		const value = values.get(key);
		if (!value) {
			throw new Error(`${envPath} has no ${key}`);
		}
		return value;
	};
	return {
		node24: need('NODE24'),
		codeServer: need('CODE_SERVER'),
		chromium: need('CHROMIUM'),
		chromiumVersion: need('CHROMIUM_VERSION'),
		vscodeVersion: need('VSCODE_VERSION'),
	};
}

export { REPO_ROOT };
