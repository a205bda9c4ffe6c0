import type { Expiring } from '../tokenTypes';

/** WeChat's ticket types (PROTOCOLS.md §7): `jsapi` signs `wx.config`, `wx_card` the card API. */
export const TICKET_TYPES = ['jsapi', 'wx_card'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_PATH = '/cgi-bin/ticket/getticket';

/** A ticket WeChat issued for an app: used like a token (masked when shown, never logged, cached for its lifetime). */
export interface JsapiTicket extends Expiring {
	readonly ticket: string;
	readonly type: TicketType;
}

export function isTicketType(value: unknown): value is TicketType {
	return TICKET_TYPES.some((type) => type === value);
}

/**
 * What a ticket may hold: WeChat's are 86 characters of letters, digits, `-` and `_` (§7's example), any of them
 * first (a base64url text). Checked before a ticket is stored or signed with, as tokens are (tokenShape.ts): a value
 * with other characters (a space, a quote, markup) is not a ticket. Unlike a token, a ticket is never put on a command
 * line, so a leading `-` is allowed: refusing one would refuse a real ticket for its whole 2 hours.
 */
export function hasTicketShape(text: string): boolean {
	return /^[A-Za-z0-9_-]{16,512}$/.test(text);
}
