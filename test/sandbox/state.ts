import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_CONFIG } from './config';
import type { SandboxConfig } from './config';
import { FaultBook } from './faults';
import { JsSdkTickets } from './jsSdkTickets';
import { ManagementTokens } from './managementAuth';
import { WechatCalls } from './wechatCalls';
import { WechatTokens } from './wechatTokens';

/** One upstream request as the sandbox received it. Control requests (`/__sandbox/…`) are not recorded. */
export interface RecordedRequest {
	readonly method: string;
	/** Without the query string. */
	readonly path: string;
	readonly query: Readonly<Record<string, string>>;
	/** Node's lowercase header names. */
	readonly headers: Readonly<IncomingHttpHeaders>;
	/** The JSON body parsed, the raw text when it is not JSON, undefined when empty. */
	readonly body: unknown;
	readonly rawBody: string;
	/** Sandbox clock, ms since the epoch. */
	readonly time: number;
}

/**
 * Everything the sandbox remembers, apart from the routing that reads and changes it. One instance per sandbox, so
 * parallel sandboxes in one test process never share tokens or faults.
 */
export class SandboxState {
	readonly faults = new FaultBook();
	readonly wechat: WechatTokens;
	readonly management = new ManagementTokens();
	/** What WeChat remembers of the calls made to it: quota used, failed calls by rid. */
	readonly wechatCalls = new WechatCalls(() => this.now());
	/** The apps' JS-SDK tickets (`getticket`), current and previous per type. */
	readonly jsSdkTickets = new JsSdkTickets(
		() => this.now(),
		() => this.settings.ticketLifetimeSeconds,
	);
	/** Each app's menu as `menu/create` last set it (its `button` list). */
	readonly menus = new Map<string, readonly unknown[]>();
	private recorded: RecordedRequest[] = [];
	private settings: SandboxConfig;
	/** Added to the base clock by `advance()`, so out-of-process tests can move time too. */
	private offsetMs = 0;

	constructor(
		private readonly baseNow: () => number,
		private readonly initialConfig: SandboxConfig = DEFAULT_CONFIG,
	) {
		this.settings = initialConfig;
		this.wechat = new WechatTokens(
			() => this.now(),
			() => this.settings,
		);
	}

	now(): number {
		return this.baseNow() + this.offsetMs;
	}

	advance(seconds: number): void {
		this.offsetMs += seconds * 1000;
	}

	get config(): SandboxConfig {
		return this.settings;
	}

	configure(patch: Partial<SandboxConfig>): void {
		this.settings = { ...this.settings, ...patch };
	}

	get requests(): readonly RecordedRequest[] {
		return this.recorded;
	}

	record(request: RecordedRequest): void {
		this.recorded.push(request);
	}

	countRequests(path?: string): number {
		return path === undefined ? this.recorded.length : this.recorded.filter((r) => r.path === path).length;
	}

	countsByPath(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const { path } of this.recorded) {
			counts[path] = (counts[path] ?? 0) + 1;
		}
		return counts;
	}

	/**
	 * Back to a freshly started sandbox: no faults, tokens, tickets, quotas used or reset, menus, requests, config
	 * changes or clock moves.
	 */
	reset(): void {
		this.faults.clear();
		this.wechat.reset();
		this.jsSdkTickets.reset();
		this.wechatCalls.reset();
		this.menus.clear();
		this.management.revokeAll();
		this.recorded = [];
		this.settings = this.initialConfig;
		this.offsetMs = 0;
	}
}
