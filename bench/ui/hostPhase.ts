import type { VscodeHost } from '../../scripts/host/vscodeHost';
import type { Sandbox } from '../../test/sandbox/sandboxServer';
import { benchSettings, MINIMAL, OURS } from './contenders';
import { enterSecret } from './flows';
import type { Activation } from './hostMetrics';
import { extensionHostRssMb, readActivation } from './hostMetrics';
import { timedGet } from './latency';
import { reportFailure } from './failure';
import { PAGE_MARKS } from './pageMarks';
import { openUiSession } from './uiSession';

/** What a profile has installed: nothing (VS Code's built-ins only), the minimal extension, or ours. */
export type HostProfile = 'none' | 'minimal' | 'ours';
const PROFILES: readonly HostProfile[] = ['none', 'minimal', 'ours'];

const EXTENSIONS = {
	ours: {
		id: 'wechat-access-token.wechat-access-token',
		displayName: 'WeChat Access Token',
		shown: '.activitybar .action-item .action-label[aria-label^="WeChat Access Token"]',
		contender: OURS,
	},
	minimal: {
		id: 'wechat-access-token-bench.minimal-wechat-token',
		displayName: 'Minimal WeChat Token',
		shown: '.statusbar-item[id$="minimalWechatToken.status"]',
		contender: MINIMAL,
	},
} as const;

/**
 * Every profile is sampled this long after its window appeared, whatever it has installed: start-up work (built-in
 * extensions activating, the first GCs) is then over alike. Both extensions activate on `onStartupFinished`, seconds
 * before.
 */
const SAMPLE_AT_MS = 15_000;
/** After the Get: its message, the tree and status bar, and the idle GC a request leaves behind. */
const AFTER_GET_MS = 4000;

export interface HostMeasurements {
	/** Extension host RSS (MB) with the extension activated and idle, per profile, one value per round. */
	readonly idleRssMb: Map<HostProfile, number[]>;
	/** The same after one Get (one request each); not for `none`. */
	readonly afterGetRssMb: Map<HostProfile, number[]>;
	readonly activations: Map<'ours' | 'minimal', Activation[]>;
}

/**
 * Fresh code-server profiles, `rounds` of each configuration (the order rotated per round): the extension host's RSS
 * at the same moment after start-up, again after one Get, and the extension's activation as VS Code measured it.
 */
export async function measureHost(
	host: VscodeHost,
	vsix: { readonly ours: string; readonly minimal: string },
	sandbox: Sandbox,
	rounds: number,
	progress: (message: string) => void,
): Promise<HostMeasurements> {
	const idleRssMb = new Map<HostProfile, number[]>(PROFILES.map((profile) => [profile, []]));
	const afterGetRssMb = new Map<HostProfile, number[]>(PROFILES.map((profile) => [profile, []]));
	const activations = new Map<'ours' | 'minimal', Activation[]>([
		['ours', []],
		['minimal', []],
	]);
	sandbox.setTokenLifetimeSeconds(7200);
	for (let round = 0; round < rounds; round++) {
		for (let i = 0; i < PROFILES.length; i++) {
			const profile = PROFILES[(round + i) % PROFILES.length] as HostProfile;
			const session = await openUiSession(host, {
				vsix: profile === 'none' ? [] : [vsix[profile]],
				settings: benchSettings(sandbox.url, 1),
				initScripts: [PAGE_MARKS],
			});
			const windowAt = Date.now();
			try {
				const { wb, server } = session;
				const extension = profile === 'none' ? undefined : EXTENSIONS[profile];
				await wb.page
					.locator(extension?.shown ?? '.statusbar')
					.first()
					.waitFor({ timeout: 90_000 });
				await wb.page.waitForTimeout(Math.max(0, windowAt + SAMPLE_AT_MS - Date.now()));
				const idle = await extensionHostRssMb(server);
				idleRssMb.get(profile)?.push(idle);
				let detail = '';
				if (extension !== undefined && profile !== 'none') {
					await enterSecret(wb, sandbox, extension.contender, false);
					await timedGet(wb, sandbox, extension.contender, {
						pick: false,
						requests: profile === 'ours' ? 1 : 0,
					});
					await wb.page.waitForTimeout(AFTER_GET_MS);
					const afterGet = await extensionHostRssMb(server);
					afterGetRssMb.get(profile)?.push(afterGet);
					const activation = await readActivation(wb, server, extension);
					activations.get(profile)?.push(activation);
					detail = `, after a Get ${afterGet.toFixed(1)} MB; activation ${activation.hostMs} ms`;
				}
				progress(`host round ${round + 1}/${rounds} ${profile.padEnd(7)} RSS ${idle.toFixed(1)} MB${detail}`);
			} catch (error) {
				await reportFailure(session.wb, `host round ${round + 1} (${profile})`);
				throw error;
			} finally {
				await session.stop();
			}
		}
	}
	return { idleRssMb, afterGetRssMb, activations };
}
