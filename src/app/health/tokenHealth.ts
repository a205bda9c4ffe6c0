import type { ApiQuota, TokenCheck } from '../../core/diagnostics/diagnosticTypes';
import type { Disposable } from '../ports/listeners';
import { Listeners } from '../ports/listeners';

/** How many of the last quota answers are kept per app (shown under the app in the tree). */
export const RECENT_QUOTAS_PER_APP = 3;

/**
 * What the extension learned about each app's token and quotas, in memory for this window: the token WeChat refused
 * (shown as invalid until a fetch replaces it) and the last quota answers. Keyed by the app's identity.
 */
export class TokenHealth implements Disposable {
	private readonly deadTokens = new Map<string, { readonly accessToken: string; readonly check: TokenCheck }>();
	private readonly quotas = new Map<string, ApiQuota[]>();
	private readonly changes = new Listeners<string>();

	/** Fires the identity of the app whose health changed. */
	onDidChange(listener: (identity: string) => void): Disposable {
		return this.changes.add(listener);
	}

	/** Records a check of `accessToken`: a dead token is remembered, a working one clears what was remembered. */
	recordCheck(identity: string, accessToken: string, check: TokenCheck): void {
		if (check.works) {
			if (this.deadTokens.get(identity)?.accessToken !== accessToken) {
				return;
			}
			this.deadTokens.delete(identity);
		} else {
			this.deadTokens.set(identity, { accessToken, check });
		}
		this.changes.fire(identity);
	}

	/** Whether WeChat refused this very token (a newer token of the app is not affected). */
	isDead(identity: string, accessToken: string | undefined): boolean {
		return accessToken !== undefined && this.deadTokens.get(identity)?.accessToken === accessToken;
	}

	/** The refusal of the app's dead token, when `accessToken` is it. */
	deadCheck(identity: string, accessToken: string | undefined): TokenCheck | undefined {
		const dead = this.deadTokens.get(identity);
		return dead !== undefined && dead.accessToken === accessToken ? dead.check : undefined;
	}

	recordQuota(identity: string, quota: ApiQuota): void {
		const kept = (this.quotas.get(identity) ?? []).filter((earlier) => earlier.path !== quota.path);
		this.quotas.set(identity, [quota, ...kept].slice(0, RECENT_QUOTAS_PER_APP));
		this.changes.fire(identity);
	}

	/** The last quota answers of the app, newest first. */
	recentQuotas(identity: string): readonly ApiQuota[] {
		return this.quotas.get(identity) ?? [];
	}

	/** Apps no longer configured (removed, or their host or AppID changed): nothing of them is kept. */
	retainOnly(identities: readonly string[]): void {
		const kept = new Set(identities);
		for (const identity of new Set([...this.deadTokens.keys(), ...this.quotas.keys()])) {
			if (!kept.has(identity)) {
				this.forget(identity);
			}
		}
	}

	/** The app was removed: nothing of it is kept. */
	forget(identity: string): void {
		const hadDeadToken = this.deadTokens.delete(identity);
		const hadQuotas = this.quotas.delete(identity);
		if (hadDeadToken || hadQuotas) {
			this.changes.fire(identity);
		}
	}

	dispose(): void {
		this.changes.clear();
	}
}
