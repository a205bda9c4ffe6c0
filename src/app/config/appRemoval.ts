import { sameAppName } from './validation';

export type SettingsScope = 'user' | 'workspace';

export interface AppRemovalPlan {
	/** Each settings file's own list without the app, for the files that listed it and may be written. */
	readonly writes: readonly { readonly scope: SettingsScope; readonly apps: readonly unknown[] }[];
	/** An untrusted workspace lists the app too, and is left as it is. */
	readonly keptInUntrustedWorkspace: boolean;
}

/**
 * What removing the app named `name` writes, given each settings file's own `wechatAccessToken.apps` (not the merged
 * value, which would copy entries across). Other entries, valid or not, stay untouched. An untrusted workspace's
 * settings are never rewritten: the setting decides where credentials go, and the workspace is not the user's to edit
 * on trust it was not given.
 */
export function planAppRemoval(
	lists: { readonly [K in SettingsScope]: unknown },
	name: string,
	workspaceTrusted: boolean,
): AppRemovalPlan {
	const writes: { scope: SettingsScope; apps: unknown[] }[] = [];
	let keptInUntrustedWorkspace = false;
	for (const scope of ['user', 'workspace'] as const) {
		const list = lists[scope];
		if (!Array.isArray(list)) {
			continue;
		}
		const kept = list.filter((entry: unknown) => !isNamed(entry, name));
		if (kept.length === list.length) {
			continue;
		}
		if (scope === 'workspace' && !workspaceTrusted) {
			keptInUntrustedWorkspace = true;
		} else {
			writes.push({ scope, apps: kept });
		}
	}
	return { writes, keptInUntrustedWorkspace };
}

function isNamed(entry: unknown, name: string): boolean {
	if (typeof entry !== 'object' || entry === null) {
		return false;
	}
	const value = (entry as { name?: unknown }).name;
	return typeof value === 'string' && sameAppName(value, name);
}
