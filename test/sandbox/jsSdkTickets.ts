import { createHash, randomBytes } from 'node:crypto';

/**
 * WeChat's JS-SDK tickets (`/cgi-bin/ticket/getticket`, PROTOCOLS.md §7): one per app and type, handed out again on
 * every call while it lives (WeChat tells everyone to cache it, and answers a repeated call with the same one), a new
 * one once it has expired. The one before is kept, so a test can sign with a stale ticket as a server that cached
 * too long would. Tickets do not belong to a token: any working token of the app gets the app's ticket.
 */
export const TICKET_TYPES = ['jsapi', 'wx_card'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export function isTicketType(value: unknown): value is TicketType {
	return (TICKET_TYPES as readonly unknown[]).includes(value);
}

export interface IssuedTicket {
	readonly value: string;
	readonly appId: string;
	readonly type: TicketType;
	readonly issuedAt: number;
	readonly expiresAt: number;
}

export class JsSdkTickets {
	private readonly latestTickets = new Map<string, IssuedTicket>();
	private readonly previousTickets = new Map<string, IssuedTicket>();

	constructor(
		private readonly now: () => number,
		private readonly lifetimeSeconds: () => number,
	) {}

	reset(): void {
		this.latestTickets.clear();
		this.previousTickets.clear();
	}

	/** What getticket answers: the app's ticket of `type` while it lives, else a new one (the old one kept as previous). */
	issue(appId: string, type: TicketType): IssuedTicket {
		const key = keyOf(appId, type);
		const latest = this.latestTickets.get(key);
		const now = this.now();
		if (latest !== undefined && now < latest.expiresAt) {
			return latest;
		}
		if (latest !== undefined) {
			this.previousTickets.set(key, latest);
		}
		const ticket: IssuedTicket = {
			value: newTicketValue(),
			appId,
			type,
			issuedAt: now,
			expiresAt: now + this.lifetimeSeconds() * 1000,
		};
		this.latestTickets.set(key, ticket);
		return ticket;
	}

	/** The newest ticket issued to the app, expired or not; undefined before its first getticket. */
	latest(appId: string, type: TicketType): IssuedTicket | undefined {
		return this.latestTickets.get(keyOf(appId, type));
	}

	/** The ticket the newest one replaced. */
	previous(appId: string, type: TicketType): IssuedTicket | undefined {
		return this.previousTickets.get(keyOf(appId, type));
	}

	/** A page's signature with the app's current (or previous) jsapi ticket; undefined when there is no such ticket. */
	signPage(request: JsSdkSignatureRequest): string | undefined {
		const ticket =
			request.ticket === 'previous' ? this.previous(request.appId, 'jsapi') : this.latest(request.appId, 'jsapi');
		return ticket === undefined ? undefined : sandboxJsSdkSignature(ticket.value, request);
	}
}

function keyOf(appId: string, type: TicketType): string {
	return `${type}:${appId}`;
}

/** Real tickets are 86 URL-safe base64 characters (the official example: `sM4AOVdWfPE4DxkX…`). */
function newTicketValue(): string {
	return randomBytes(64).toString('base64url');
}

/** What a page passes to `wx.config` besides its appId and the signature. */
export interface PageSignatureFields {
	readonly url: string;
	readonly nonceStr: string;
	readonly timestamp: string | number;
}

export interface JsSdkSignatureRequest extends PageSignatureFields {
	readonly appId: string;
	/** Which of the app's jsapi tickets signs; default `current`. */
	readonly ticket?: 'current' | 'previous';
}

/**
 * The sandbox's own JS-SDK signature, for tests to check the extension against: written here from WeChat's appendix
 * (PROTOCOLS.md §7), not imported from src/core/jssdk, so a mistake there cannot hide behind the same mistake here.
 * The four `key=value` pairs sorted by key (plain code-unit order, which is ASCII order for these names), joined
 * with `&`, nothing escaped; sha1 hex, lower case.
 */
export function sandboxJsSdkSignature(jsapiTicket: string, fields: PageSignatureFields): string {
	const pairs: Record<string, string> = {
		url: fields.url,
		timestamp: String(fields.timestamp),
		noncestr: fields.nonceStr,
		jsapi_ticket: jsapiTicket,
	};
	const string1 = Object.keys(pairs)
		.sort()
		.map((key) => `${key}=${pairs[key]}`)
		.join('&');
	return createHash('sha1').update(Buffer.from(string1, 'utf8')).digest('hex');
}
