import type { StateStore } from '../ports/stateStore';
import type { AppState } from './tokenService';

/** Where the pinned app's name is kept in the workspace state. Not a secret: only the name from the settings. */
export const ACTIVE_APP_PIN_KEY = 'wechatAccessToken.statusBarApp';

/**
 * The app the user chose with "Show WeChat App in Status Bar…", by name, per workspace (`context.workspaceState`):
 * different projects use different apps. Without a store (tests, plain Node callers) the choice lasts as long as
 * this object.
 */
export class ActiveAppPin {
	private readonly store: StateStore;

	constructor(store?: StateStore) {
		this.store = store ?? memoryStateStore();
	}

	name(): string | undefined {
		const value = this.store.get(ACTIVE_APP_PIN_KEY);
		return typeof value === 'string' && value !== '' ? value : undefined;
	}

	/** `undefined`: follow the most recently used app again. */
	async set(name: string | undefined): Promise<void> {
		await this.store.update(ACTIVE_APP_PIN_KEY, name);
	}
}

/**
 * The app whose token counts as "the active token" (status bar, expiry alerts, the terminal variable, the default of
 * `${command:…}`): the pinned app while it is configured, with or without a token, so the choice stays visible; else
 * the app whose token was handed out or fetched most recently. A pin naming an app that is gone is ignored, not
 * deleted: the app may come back when the settings are edited again.
 */
export function activeAppState(states: readonly AppState[], pinnedName: string | undefined): AppState | undefined {
	const pinned = pinnedName === undefined ? undefined : states.find((state) => state.app.name === pinnedName);
	return pinned ?? mostRecentlyUsed(states);
}

/** The app with a token whose last use (or fetch) is the latest; the first in settings order on a tie. */
export function mostRecentlyUsed(states: readonly AppState[]): AppState | undefined {
	let best: AppState | undefined;
	let bestTime = Number.NEGATIVE_INFINITY;
	for (const state of states) {
		if (state.token === undefined) {
			continue;
		}
		const time = Math.max(state.lastUsedAt ?? 0, state.token.fetchedAt);
		if (time > bestTime) {
			best = state;
			bestTime = time;
		}
	}
	return best;
}

function memoryStateStore(): StateStore {
	const values = new Map<string, unknown>();
	return {
		get: (key) => values.get(key),
		update: (key, value) => {
			values.set(key, value);
			return Promise.resolve();
		},
	};
}
