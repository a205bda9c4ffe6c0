import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeServer } from '../../scripts/host/codeServer';
import type { Workbench } from '../../test/e2e/support/workbench';

/**
 * The extension host processes of one code-server: found by the XDG folder `CodeServer` gives every process it
 * starts (inherited through the environment) and by the `--type=extensionHost` of their command line.
 */
export function extensionHostPids(server: CodeServer): number[] {
	const marker = `XDG_CONFIG_HOME=${path.join(server.root, 'xdg-config')}`;
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (!cmdline.includes('extensionHost')) {
				continue;
			}
			if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker)) {
				pids.push(Number(entry));
			}
		} catch {
			// The process ended meanwhile, or is not ours to read.
		}
	}
	return pids;
}

/** Resident set size of a process in MB (10^6 bytes), from /proc/<pid>/status. */
export function rssMb(pid: number): number {
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) {
		throw new Error(`no VmRSS for process ${pid}`);
	}
	return (Number(match[1]) * 1024) / 1e6;
}

/** The one extension host's RSS, sampled `samples` times `everyMs` apart; the samples' median. */
export async function extensionHostRssMb(server: CodeServer, samples = 5, everyMs = 300): Promise<number> {
	const pids = extensionHostPids(server);
	if (pids.length !== 1) {
		throw new Error(`expected one extension host process for ${server.root}, found ${pids.length}`);
	}
	const pid = pids[0] as number;
	const values: number[] = [];
	for (let i = 0; i < samples; i++) {
		values.push(rssMb(pid));
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	values.sort((a, b) => a - b);
	return values[Math.floor(values.length / 2)] as number;
}

/** Files under the profile's logs folder whose path matches `pattern`. */
export function logFiles(server: CodeServer, pattern: RegExp): string[] {
	const root = path.join(server.userDataDir, 'logs');
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else if (pattern.test(full)) {
				found.push(full);
			}
		}
	};
	walk(root);
	return found;
}

export interface Activation {
	/** VS Code's own figure (Developer: Show Running Extensions): code loading + the `activate()` call, ms. */
	readonly hostMs: number;
	/** VS Code's split of `hostMs` ("Developer: Startup Performance"), when it could be read. */
	readonly loadCodeMs: number | undefined;
	readonly callActivateMs: number | undefined;
	/**
	 * From the `activate()` call's end until the promise it returned resolved ("Finish Activate"): ours starts its
	 * services then (src/services.ts), in the next task. Not part of VS Code's activation figure.
	 */
	readonly finishActivateMs: number | undefined;
	/** What the extension's own `activate()` measured around its body ("Activated in X ms" in its log); ours only. */
	readonly activateBodyMs: number | undefined;
	/** How long building the services took, as ours logs it ("services started … in X ms"). */
	readonly servicesStartMs: number | undefined;
	/** From `activate()`'s return until the services ran: the wait for the next task, the services' bundle loaded and built. */
	readonly servicesDoneMs: number | undefined;
	/** From the extension host's log: `_doActivateExtension <id>, …, activationEvent: '…'`. */
	readonly activationEvent: string;
}

/**
 * An extension's activation as VS Code measured it, read where a user reads it: "Developer: Show Running
 * Extensions" shows `(Startup) Activation: <codeLoadingTime + activateCallTime>ms` per extension (rows sorted by that
 * time, 70 px each: the window is made tall enough to render them all). The profile's logs add the activation event
 * and, for ours, the body of `activate()`. The logs cannot give the whole time: an extension's log channel writes
 * (and timestamps) its first lines only once the channel is registered with the workbench, hundreds of ms later at
 * start-up. Leaves its editors open: call it last.
 */
export async function readActivation(
	wb: Workbench,
	server: CodeServer,
	extension: { id: string; displayName: string },
): Promise<Activation> {
	const viewport = wb.page.viewportSize();
	await wb.page.setViewportSize({ width: 1280, height: 2400 });
	try {
		await wb.runCommand('Developer: Show Running Extensions');
		const editor = wb.page.locator('.runtime-extensions-editor');
		const deadline = Date.now() + 30_000;
		for (;;) {
			const rows = await editor.locator('.monaco-list-row').evaluateAll((elements) =>
				elements.map((row) => ({
					name: row.querySelector('.name')?.textContent ?? '',
					time: row.querySelector('.activation-time')?.textContent ?? '',
				})),
			);
			const time = /(\d+)ms/.exec(
				rows.find((row) => row.name.startsWith(extension.displayName.slice(0, 50)))?.time ?? '',
			)?.[1];
			if (time !== undefined) {
				// VS Code 1.139 shows Running Extensions as a modal editor, and F1 opens no palette over a modal: close it.
				await wb.page.keyboard.press('Escape');
				await editor.waitFor({ state: 'hidden', timeout: 10_000 });
				const split = await readStartupPerformance(wb, extension.id).catch((error: unknown) => {
					console.error(
						`[bench:ui] Developer: Startup Performance could not be read (${String(error)}); no split of the activation time.`,
					);
					return undefined;
				});
				const logged = activationLog(server, extension.id);
				return {
					hostMs: Number(time),
					loadCodeMs: split?.loadCodeMs,
					callActivateMs: split?.callActivateMs,
					finishActivateMs: split?.finishActivateMs,
					...logged,
					activationEvent: activationEvent(server, extension.id),
				};
			}
			if (Date.now() > deadline) {
				throw new Error(
					`Running Extensions shows no activation time for ${extension.displayName}: ${JSON.stringify(rows.map((row) => row.name))}`,
				);
			}
			await wb.page.waitForTimeout(250);
		}
	} finally {
		if (viewport !== null) {
			await wb.page.setViewportSize(viewport);
		}
	}
}

/**
 * The extension's row of "Developer: Startup Performance" (a read-only markdown document: `| Extension | Eager |
 * Load Code | Call Activate | Finish Activate | Event | By |`), copied out with Ctrl+A Ctrl+C as a user would.
 */
async function readStartupPerformance(
	wb: Workbench,
	extensionId: string,
): Promise<{ loadCodeMs: number; callActivateMs: number; finishActivateMs: number }> {
	await wb.runCommand('Developer: Startup Performance');
	const row = new RegExp(
		`^\\|\\s*${extensionId.replace(/\./g, '\\.')}\\s*\\|\\s*\\w+\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|`,
		'm',
	);
	const deadline = Date.now() + 30_000;
	for (;;) {
		await wb.page.keyboard.press('Control+A');
		await wb.page.keyboard.press('Control+C');
		const match = row.exec(await wb.readClipboard());
		if (match) {
			return {
				loadCodeMs: Number(match[1]),
				callActivateMs: Number(match[2]),
				finishActivateMs: Number(match[3]),
			};
		}
		if (Date.now() > deadline) {
			throw new Error(`no row for ${extensionId}`);
		}
		await wb.page.waitForTimeout(500);
	}
}

function logLines(server: CodeServer, pattern: RegExp): string[] {
	return logFiles(server, pattern).flatMap((file) => readFileSync(file, 'utf8').split('\n'));
}

function activationEvent(server: CodeServer, extensionId: string): string {
	const line = logLines(server, /exthost\d*[/\\]remoteexthost\.log$/).find((each) =>
		each.includes(`_doActivateExtension ${extensionId},`),
	);
	return /activationEvent: '([^']*)'/.exec(line ?? '')?.[1] ?? '?';
}

/**
 * Ours logs "Activated in A ms; services started B ms later, in C ms": the `activate()` body, then, from its return,
 * the wait for the next task and the services' bundle loaded (B), and building the services (C).
 */
function activationLog(
	server: CodeServer,
	extensionId: string,
): Pick<Activation, 'activateBodyMs' | 'servicesStartMs' | 'servicesDoneMs'> {
	const folder = new RegExp(`exthost\\d*[/\\\\]${extensionId.replace(/\./g, '\\.')}[/\\\\]`);
	const match = logLines(server, folder)
		.map((line) => / Activated in ([\d.]+) ms(?:; services started ([\d.]+) ms later, in ([\d.]+) ms)?/.exec(line))
		.find((found) => found !== null);
	const number = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
	const later = number(match?.[2]);
	const start = number(match?.[3]);
	return {
		activateBodyMs: number(match?.[1]),
		servicesStartMs: start,
		servicesDoneMs: later === undefined || start === undefined ? undefined : later + start,
	};
}
