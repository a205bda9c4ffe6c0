import type { TokenStore } from '../../core/tokenCache';
import type { JsapiTicket, TicketType } from '../../core/jssdk/jsapiTicket';
import { hasTicketShape, isTicketType } from '../../core/jssdk/jsapiTicket';
import { ticketKey } from '../credentials/secretKeys';
import type { SecretStore } from '../ports/secretStore';
import { isFiniteNumber } from '../tokens/secretTokenStore';

/** The cache's key of an app's ticket of one type: `type:identity`, as `ticketKey` spells it after its prefix. */
export function ticketCacheKey(type: TicketType, identity: string): string {
	return `${type}:${identity}`;
}

/**
 * The tickets' persistence in SecretStorage, shared by every window like the tokens' (SecretTokenStore). Each entry
 * also keeps the ticket it replaced, while that one has not expired: a page signed a minute before a new ticket came
 * was signed with the old one, and the signature diagnosis says so.
 */
export class SecretTicketStore implements TokenStore<JsapiTicket> {
	constructor(private readonly secrets: SecretStore) {}

	async get(key: string): Promise<JsapiTicket | undefined> {
		return (await this.read(key)).current;
	}

	/** The ticket the current one replaced, if it was stored and is still within its lifetime. */
	async previous(key: string, now: number): Promise<JsapiTicket | undefined> {
		const { previous } = await this.read(key);
		return previous !== undefined && previous.expiresAt > now ? previous : undefined;
	}

	async set(key: string, ticket: JsapiTicket): Promise<void> {
		const stored = await this.read(key);
		if (stored.current?.ticket === ticket.ticket) {
			return;
		}
		const previous = stored.current ?? stored.previous;
		await this.secrets.store(this.secretKey(key), JSON.stringify({ current: ticket, previous }));
	}

	async delete(key: string): Promise<void> {
		await this.secrets.delete(this.secretKey(key));
	}

	private async read(key: string): Promise<{ current?: JsapiTicket; previous?: JsapiTicket }> {
		const raw = await this.secrets.get(this.secretKey(key));
		if (raw === undefined) {
			return {};
		}
		let value: unknown;
		try {
			value = JSON.parse(raw);
		} catch {
			return {};
		}
		if (typeof value !== 'object' || value === null) {
			return {};
		}
		const { current, previous } = value as Record<string, unknown>;
		const currentTicket = parseTicket(current);
		const previousTicket = parseTicket(previous);
		return {
			...(currentTicket ? { current: currentTicket } : {}),
			...(previousTicket ? { previous: previousTicket } : {}),
		};
	}

	private secretKey(key: string): string {
		const at = key.indexOf(':');
		const type = key.slice(0, at);
		if (!isTicketType(type)) {
			throw new Error(`Not a ticket cache key: ${key}`);
		}
		return ticketKey(type, key.slice(at + 1));
	}
}

/** A stored value that is not a ticket (damaged, or from another version) is no ticket: it is fetched again. */
function parseTicket(value: unknown): JsapiTicket | undefined {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}
	const { ticket, type, expiresAt, fetchedAt } = value as Record<string, unknown>;
	if (
		typeof ticket !== 'string' ||
		!hasTicketShape(ticket) ||
		!isTicketType(type) ||
		!isFiniteNumber(expiresAt) ||
		!isFiniteNumber(fetchedAt)
	) {
		return undefined;
	}
	return { ticket, type, expiresAt, fetchedAt };
}
