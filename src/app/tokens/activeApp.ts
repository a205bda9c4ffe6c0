import type { WechatApp } from '../config/appConfig';
import type { StateStore } from '../ports/stateStore';
import type { Disposable } from '../ports/listeners';
import { Listeners } from '../ports/listeners';
import type { Log } from '../ports/log';
import { silentLog } from '../ports/log';
import { activeAppState, ActiveAppPin } from './activeAppPin';
import type { AppState, TokenService } from './tokenService';

export interface ActiveAppOptions {
	/** Where the apps and their states come from. */
	readonly tokens: Pick<TokenService, 'getApps' | 'findApp' | 'state' | 'onDidChange'>;
	/** Where the pinned app is remembered (`context.workspaceState`); in memory when not given. */
	readonly store?: StateStore;
	readonly log?: Log;
}

/**
 * Which app "the active token" belongs to: what the status bar shows, the expiry alert warns about, new terminals get
 * and `${command:wechatAccessToken.token}` or the API hand out when no app is named. The app pinned with "Show
 * WeChat App in Status Bar…" while it is configured, else the one whose token was used most recently. Its own
 * concern, apart from the token service: the tokens do not depend on which one is shown.
 */
export class ActiveApp implements Disposable {
	private readonly pinStore: ActiveAppPin;
	private readonly log: Log;
	private readonly changes = new Listeners<void>();
	private readonly subscription: Disposable;

	constructor(private readonly options: ActiveAppOptions) {
		this.pinStore = new ActiveAppPin(options.store);
		this.log = options.log ?? silentLog;
		// Any token change may change which app was used last, or what the active one holds.
		this.subscription = options.tokens.onDidChange(() => this.changes.fire());
	}

	/** Fires when `state()` or `pinned()` may answer differently: after any change of the tokens, and when the pin moves. */
	onDidChange(listener: () => void): Disposable {
		return this.changes.add(listener);
	}

	/**
	 * The active app's state: the pinned app while it is configured (its token may be `undefined`: nothing fetched
	 * yet), else the one whose token was handed out or fetched most recently (always with a token).
	 */
	state(): AppState | undefined {
		const { tokens } = this.options;
		return activeAppState(
			tokens.getApps().map((app) => tokens.state(app)),
			this.pinStore.name(),
		);
	}

	/** The app pinned to the status bar, while it is configured. */
	pinned(): WechatApp | undefined {
		const name = this.pinStore.name();
		return name === undefined ? undefined : this.options.tokens.findApp(name);
	}

	/** Pins the app the status bar follows; `undefined` follows the most recently used app again. */
	async pin(app: WechatApp | undefined): Promise<void> {
		await this.pinStore.set(app?.name);
		this.log.info(
			app === undefined
				? 'The status bar follows the most recently used app.'
				: `The status bar shows "${app.name}".`,
		);
		this.changes.fire();
	}

	dispose(): void {
		this.subscription.dispose();
		this.changes.clear();
	}
}
