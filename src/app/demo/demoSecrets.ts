import { isRecord } from '../../core/isRecord';
import { DIRECT_HOSTNAMES_TEXT, isDirectHostname } from '../../core/http/directHosts';
import type { WechatApp } from '../config/appConfig';
import type { AppSecrets } from '../credentials/credentialStore';
import type { SecretField } from '../config/secretFields';
import { secretFieldsOf } from '../config/secretFields';

/**
 * `npm start` (scripts/demo.ts) serves VS Code in a browser against the local sandbox. code-server keeps SecretStorage
 * in the browser's localStorage, so secrets entered ahead of time in another browser never reach the user's: the
 * demo passes the sandbox's fake secrets in this variable instead, as JSON `{ "<app name>": { "appSecret": "…" } }`
 * (a custom app's: `{ "authHeaderValue": "…" }`).
 */
export const DEMO_SECRETS_ENV = 'WECHAT_ACCESS_TOKEN_DEMO_SECRETS';

export interface DemoSeed {
	readonly app: WechatApp;
	readonly values: AppSecrets;
}

export interface DemoSeedPlan {
	readonly seeds: readonly DemoSeed[];
	/** Names that were not seeded, and why (no secret values): for the log. */
	readonly refused: readonly string[];
}

/**
 * Which configured apps get which secrets. Only apps whose host is this machine by a name that is never proxied
 * (`isDirectHostname`) qualify: whatever sets the variable can never make the extension send a secret off this machine,
 * and a real app (always https, never loopback) is never touched. Only the fields the app's source uses are taken.
 */
export function planDemoSeeds(raw: string | undefined, apps: readonly WechatApp[]): DemoSeedPlan {
	if (raw === undefined || raw.trim() === '') {
		return { seeds: [], refused: [] };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return { seeds: [], refused: [`${DEMO_SECRETS_ENV} is not JSON`] };
	}
	if (!isRecord(parsed)) {
		return { seeds: [], refused: [`${DEMO_SECRETS_ENV} is not a JSON object`] };
	}
	const seeds: DemoSeed[] = [];
	const refused: string[] = [];
	for (const [name, entry] of Object.entries(parsed)) {
		const app = apps.find((candidate) => candidate.name === name);
		if (app === undefined) {
			refused.push(`"${name}": no such app in the settings`);
		} else if (!isDirectHostname(new URL(app.host).hostname)) {
			refused.push(`"${name}": its host ${app.host} is not a loopback address (${DIRECT_HOSTNAMES_TEXT})`);
		} else if (!isRecord(entry)) {
			refused.push(`"${name}": its secrets are not an object`);
		} else {
			const values: Partial<Record<SecretField, string>> = {};
			for (const { field } of secretFieldsOf(app)) {
				const value = entry[field];
				if (typeof value === 'string' && value !== '') {
					values[field] = value;
				}
			}
			seeds.push({ app, values });
		}
	}
	return { seeds, refused };
}
