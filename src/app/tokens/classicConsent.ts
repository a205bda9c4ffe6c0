import type { WechatApp } from '../config/appConfig';
import type { StateStore } from '../ports/stateStore';

const KEY = 'wechatAccessToken.classicOptIn';

/**
 * The user's opt-in to WeChat's classic `/cgi-bin/token` for one app: every token it mints kills the one other
 * servers are using. Asked once per app identity (a new host or AppID asks again) and kept in global state, because
 * the local cache already limits calls to one per token lifetime; removing the app forgets it.
 */
export class ClassicConsent {
	constructor(private readonly state: StateStore) {}

	/** True for apps that are not classic, and for classic apps the user opted in for. */
	isGranted(app: WechatApp): boolean {
		return app.source !== 'wechat' || this.identities().includes(app.identity);
	}

	async grant(app: WechatApp): Promise<void> {
		if (!this.identities().includes(app.identity)) {
			await this.state.update(KEY, [...this.identities(), app.identity]);
		}
	}

	async revoke(app: WechatApp): Promise<void> {
		if (this.identities().includes(app.identity)) {
			await this.state.update(
				KEY,
				this.identities().filter((identity) => identity !== app.identity),
			);
		}
	}

	private identities(): string[] {
		const value = this.state.get(KEY);
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	}
}
