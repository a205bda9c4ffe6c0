/**
 * How a jsapi_ticket is shown: like a token (`maskToken` in src/app/tokens, which the core cannot import), its first
 * and last four characters, enough to tell two tickets apart (the current one from the previous one) and never
 * enough to sign with. A short value is hidden entirely: eight characters of it would be most of it.
 */
const MIN_LENGTH_TO_SHOW_ENDS = 20;
const HIDDEN = '••••••••';

export function maskTicket(ticket: string): string {
	return ticket.length < MIN_LENGTH_TO_SHOW_ENDS ? HIDDEN : `${ticket.slice(0, 4)}…${ticket.slice(-4)}`;
}

/** string1 (or any text) with every occurrence of `ticket` masked, for showing what was signed. */
export function maskTicketInString1(string1: string, ticket: string): string {
	return ticket === '' ? string1 : string1.split(ticket).join(maskTicket(ticket));
}
