import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './build';

/** A measured value, or why it could not be measured. */
export type Measured<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface ActivateSamples {
	readonly requireMs: number[];
	/** The `activate()` call alone: what VS Code counts as activation, with `requireMs`. */
	readonly activateCallMs: number[];
	/** Until the promise `activate()` returns resolves: the call, then the services it starts right after. */
	readonly activateMs: number[];
	/** `require` + the `activate()` call: what VS Code counts as activation. */
	readonly totalMs: number[];
	/** `require` + until `activate()`'s promise resolved: the services built too. */
	readonly withServicesMs: number[];
	/** `vscode` members activate touched that the stand-in does not model (answered by inert stubs). */
	readonly autoStubbed: string[];
	/** Whether Node's `net` module was loaded by the extension's load and activation (no socket is possible without). */
	netLoaded: boolean;
	/** SecretStorage calls during activation, in the last sample. */
	secretCalls: { get: number; store: number; delete: number };
}

export interface StartupActivation {
	readonly events: readonly string[];
	/** `*`: the extension would load at every VS Code start. */
	readonly eager: boolean;
}

const DIST = path.join(ROOT, 'dist/extension.js');
/** What esbuild.js writes: the bundle VS Code loads at start-up, and the services' bundle it requires right after. */
const BUNDLES = ['dist/extension.js', 'dist/services.js'];

export interface DistSizes {
	/** `dist/extension.js`: what VS Code loads before activating. */
	readonly first: number;
	/** Both bundles. */
	readonly total: number;
}

/** `node esbuild.js --production`, as `vscode:prepublish` runs it; the sizes of the bundles it writes. */
export function buildDist(): Measured<DistSizes> {
	const result = spawnSync(process.execPath, ['esbuild.js', '--production'], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 120_000,
	});
	if (result.status !== 0) {
		if (!fs.existsSync(path.join(ROOT, 'src/extension.ts'))) {
			return { ok: false, reason: 'src/extension.ts does not exist yet' };
		}
		return { ok: false, reason: `build failed: ${firstErrorLine(`${result.stderr}\n${result.stdout}`)}` };
	}
	const sizes = BUNDLES.map((bundle) => fs.statSync(path.join(ROOT, bundle)).size);
	return { ok: true, value: { first: sizes[0] ?? 0, total: sizes.reduce((sum, size) => sum + size, 0) } };
}

/** `npm run package`, written to the scratch directory instead of the work tree. */
export function packageVsix(scratchDir: string): Measured<number> {
	const out = path.join(scratchDir, 'extension.vsix');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['run', 'package', '--', '--out', out], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 180_000,
	});
	if (result.status !== 0 || !fs.existsSync(out)) {
		return { ok: false, reason: `npm run package failed: ${firstErrorLine(`${result.stderr}\n${result.stdout}`)}` };
	}
	return { ok: true, value: fs.statSync(out).size };
}

/** `require` + `activate()` of dist/extension.js, each in a fresh process, with the `vscode` stand-in. */
export function activateSamples(probeFile: string, samples: number, extensionFile = DIST): Measured<ActivateSamples> {
	return activateSamplesInterleaved(probeFile, samples, [extensionFile])[0] as Measured<ActivateSamples>;
}

/** The same for several builds of the extension, round-robin, so machine load hits all alike. */
export function activateSamplesInterleaved(
	probeFile: string,
	samples: number,
	extensionFiles: readonly string[],
): Measured<ActivateSamples>[] {
	const results = extensionFiles.map((): ActivateSamples => ({
		requireMs: [],
		activateCallMs: [],
		activateMs: [],
		totalMs: [],
		withServicesMs: [],
		autoStubbed: [],
		netLoaded: false,
		secretCalls: { get: 0, store: 0, delete: 0 },
	}));
	const stubbed = extensionFiles.map(() => new Set<string>());
	for (let round = 0; round < samples; round++) {
		for (let i = 0; i < extensionFiles.length; i++) {
			const index = (round + i) % extensionFiles.length;
			const result = results[index] as ActivateSamples;
			const sample = activateOnce(probeFile, extensionFiles[index] as string);
			if (!sample.ok) {
				return extensionFiles.map(() => sample);
			}
			const parsed = sample.value;
			result.requireMs.push(parsed.requireMs);
			result.activateCallMs.push(parsed.activateCallMs);
			result.activateMs.push(parsed.activateMs);
			result.totalMs.push(parsed.requireMs + parsed.activateCallMs);
			result.withServicesMs.push(parsed.requireMs + parsed.activateMs);
			parsed.autoStubbed.forEach((name) => stubbed[index]?.add(name));
			result.netLoaded ||= parsed.netLoaded;
			result.secretCalls = parsed.secretCalls;
		}
	}
	return results.map((result, index) => ({
		ok: true,
		value: { ...result, autoStubbed: [...(stubbed[index] ?? [])] },
	}));
}

interface ProbeResult {
	readonly requireMs: number;
	readonly activateCallMs: number;
	readonly activateMs: number;
	readonly autoStubbed: string[];
	readonly netLoaded: boolean;
	readonly secretCalls: ActivateSamples['secretCalls'];
}

function activateOnce(probeFile: string, extensionFile: string): Measured<ProbeResult> {
	const child = spawnSync(process.execPath, [probeFile, extensionFile], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, NODE_OPTIONS: '' },
		timeout: 30_000,
	});
	const line = child.stdout.trim().split('\n').pop() ?? '';
	let parsed: Partial<ProbeResult> & { error?: string };
	try {
		parsed = JSON.parse(line) as typeof parsed;
	} catch {
		return {
			ok: false,
			reason: `the probe printed no result (exit ${child.status}): ${firstErrorLine(child.stderr)}`,
		};
	}
	if (
		parsed.error !== undefined ||
		parsed.requireMs === undefined ||
		parsed.activateCallMs === undefined ||
		parsed.activateMs === undefined
	) {
		return { ok: false, reason: `activate failed: ${parsed.error ?? 'no timings'}` };
	}
	return {
		ok: true,
		value: {
			requireMs: parsed.requireMs,
			activateCallMs: parsed.activateCallMs,
			activateMs: parsed.activateMs,
			autoStubbed: parsed.autoStubbed ?? [],
			netLoaded: parsed.netLoaded === true,
			secretCalls: parsed.secretCalls ?? { get: 0, store: 0, delete: 0 },
		},
	};
}

/** What package.json says about when VS Code loads the extension. */
export function startupActivation(): StartupActivation {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		activationEvents?: unknown;
	};
	const events = Array.isArray(manifest.activationEvents) ? manifest.activationEvents.map(String) : [];
	return { events, eager: events.includes('*') };
}

function firstErrorLine(output: string): string {
	const lines = output
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('npm warn') && !line.startsWith('>'));
	const error = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? 'no output';
	return error.replace(/\s+/g, ' ').slice(0, 300);
}
