import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from './config';

/**
 * WeChat's token bookkeeping. WeChat keeps the classic `/cgi-bin/token` tokens and the `stable_token` tokens apart
 * ("完全隔离，互不影响" in its docs), so each app has two lineages. Authing obtains its tokens the stable way.
 */
export type Lineage = 'classic' | 'stable';

export interface IssuedToken {
	readonly value: string;
	readonly appId: string;
	readonly lineage: Lineage;
	readonly issuedAt: number;
	readonly expiresAt: number;
	/** When a newer token cut this one's life short (classic: 5 minutes after; forced refresh: at once). */
	invalidatedAt?: number;
}

export type TokenStatus = 'valid' | 'expired' | 'invalidated' | 'unknown';
export type Issue = { readonly token: IssuedToken } | { readonly errcode: number };

/** How long a superseded classic token keeps working. */
const CLASSIC_GRACE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** WeChat's quotas reset at midnight Beijing time. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

interface DailyUsage {
	day: number;
	classic: number;
	forcedRefreshes: number;
	lastForcedRefreshAt: number | undefined;
}

export class WechatTokens {
	private readonly tokens = new Map<string, IssuedToken>();
	private readonly current = new Map<string, IssuedToken>();
	private readonly usage = new Map<string, DailyUsage>();
	/** The token Authing and the team servers hold per app when they fetch classic tokens (`centralCacheLineage`). */
	private readonly centrallyHeld = new Map<string, IssuedToken>();

	constructor(
		private readonly now: () => number,
		private readonly config: () => SandboxConfig,
	) {}

	reset(): void {
		this.tokens.clear();
		this.current.clear();
		this.usage.clear();
		this.centrallyHeld.clear();
	}

	status(value: string): TokenStatus {
		const token = this.tokens.get(value);
		if (token === undefined) {
			return 'unknown';
		}
		const now = this.now();
		if (token.invalidatedAt !== undefined && now >= token.invalidatedAt && token.invalidatedAt < token.expiresAt) {
			return 'invalidated';
		}
		return now >= token.expiresAt ? 'expired' : 'valid';
	}

	/** The app a token was issued to, whatever its status now; undefined for a string that was never a token. */
	owner(value: string): string | undefined {
		return this.tokens.get(value)?.appId;
	}

	/** The latest token of an app: of one lineage, or of either when none is given. */
	latest(appId: string, lineage?: Lineage): IssuedToken | undefined {
		if (lineage !== undefined) {
			return this.current.get(key(appId, lineage));
		}
		const classic = this.current.get(key(appId, 'classic'));
		const stable = this.current.get(key(appId, 'stable'));
		if (classic === undefined || stable === undefined) {
			return classic ?? stable;
		}
		return classic.issuedAt > stable.issuedAt ? classic : stable;
	}

	/** Classic `/cgi-bin/token`: every call mints a token; the previous one dies 5 minutes later. */
	classic(appId: string): Issue {
		const usage = this.usageOf(appId);
		if (usage.classic >= this.config().classicDailyQuota) {
			return { errcode: 45009 };
		}
		usage.classic += 1;
		const previous = this.current.get(key(appId, 'classic'));
		if (previous !== undefined) {
			cutShort(previous, this.now() + CLASSIC_GRACE_MS);
		}
		return { token: this.mint(appId, 'classic') };
	}

	/**
	 * `stable_token`. Normal mode hands out the current token and renews it shortly before it expires, leaving the
	 * old one to run out by itself. A forced refresh kills the current token at once and is rate-limited.
	 */
	stable(appId: string, forceRefresh: boolean): Issue {
		const previous = this.current.get(key(appId, 'stable'));
		if (forceRefresh) {
			const usage = this.usageOf(appId);
			const now = this.now();
			if (usage.forcedRefreshes >= this.config().forceRefreshDailyQuota) {
				return { errcode: 45009 };
			}
			const gapMs = this.config().forceRefreshIntervalSeconds * 1000;
			if (usage.lastForcedRefreshAt !== undefined && now - usage.lastForcedRefreshAt < gapMs) {
				return { errcode: 45011 };
			}
			usage.forcedRefreshes += 1;
			usage.lastForcedRefreshAt = now;
			if (previous !== undefined) {
				cutShort(previous, now);
			}
			return { token: this.mint(appId, 'stable') };
		}
		if (previous !== undefined && this.status(previous.value) === 'valid') {
			if (previous.expiresAt - this.now() > this.renewWindowMs()) {
				return { token: previous };
			}
		}
		return { token: this.mint(appId, 'stable') };
	}

	/**
	 * What a central cache (Authing, a team's server) hands out. Fetching the stable way (the default), it is WeChat's
	 * stable token. Fetching classic tokens (config `centralCacheLineage: 'classic'`), it keeps the token it minted
	 * until that expires, and goes on serving it when a classic fetch elsewhere has killed it: it cannot know.
	 */
	centralCache(appId: string): Issue {
		if (this.config().centralCacheLineage === 'stable') {
			return this.stable(appId, false);
		}
		const held = this.centrallyHeld.get(appId);
		if (held !== undefined && this.now() < held.expiresAt) {
			return { token: held };
		}
		const issue = this.classic(appId);
		if ('token' in issue) {
			this.centrallyHeld.set(appId, issue.token);
		}
		return issue;
	}

	/**
	 * WeChat renews stable tokens in their last 5 of 120 minutes. Scaled down for short test lifetimes, so a 60 s token
	 * is still handed out unchanged for most of its life instead of being renewed on every call.
	 */
	private renewWindowMs(): number {
		const lifetimeMs = this.config().tokenLifetimeSeconds * 1000;
		return Math.min(5 * 60_000, lifetimeMs / 24);
	}

	private mint(appId: string, lineage: Lineage): IssuedToken {
		const now = this.now();
		const token: IssuedToken = {
			value: newTokenValue(),
			appId,
			lineage,
			issuedAt: now,
			expiresAt: now + this.config().tokenLifetimeSeconds * 1000,
		};
		this.tokens.set(token.value, token);
		this.current.set(key(appId, lineage), token);
		return token;
	}

	private usageOf(appId: string): DailyUsage {
		const day = Math.floor((this.now() + BEIJING_OFFSET_MS) / DAY_MS);
		let usage = this.usage.get(appId);
		if (usage === undefined || usage.day !== day) {
			usage = { day, classic: 0, forcedRefreshes: 0, lastForcedRefreshAt: usage?.lastForcedRefreshAt };
			this.usage.set(appId, usage);
		}
		return usage;
	}
}

function key(appId: string, lineage: Lineage): string {
	return `${lineage}:${appId}`;
}

function cutShort(token: IssuedToken, at: number): void {
	token.invalidatedAt = Math.min(token.invalidatedAt ?? Number.POSITIVE_INFINITY, at);
}

/** Real tokens are ~140 URL-safe characters behind a numeric prefix, e.g. `86_Xq3…`. */
function newTokenValue(): string {
	return `86_${randomBytes(102).toString('base64url')}`;
}
