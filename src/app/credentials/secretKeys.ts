import type { SecretField } from '../config/secretFields';
import { SECRET_FIELDS } from '../config/secretFields';
import type { TicketType } from '../../core/jssdk/jsapiTicket';
import { isTicketType } from '../../core/jssdk/jsapiTicket';

/**
 * Names of the entries this extension keeps in SecretStorage. Every secret and cached token is keyed by the app's
 * identity (`requestIdentity`: source, normalized host, AppID, Authing ids, a custom server's URL), so a secret is only
 * ever found for the place it was entered for: when a setting points an app elsewhere, its identity changes and its
 * secrets are missing.
 */

const PREFIX = 'wechatAccessToken';
const TOKEN = 'token';
const LEASE = 'lease';
const CLASSIC_MINT = 'classicMint';
const TICKET = 'ticket';

export function secretKey(field: SecretField, identity: string): string {
	return `${PREFIX}:${field}:${identity}`;
}

export function tokenKey(identity: string): string {
	return `${PREFIX}:${TOKEN}:${identity}`;
}

/** The app's cached JS-SDK ticket of one type (with the ticket it replaced, for the signature diagnosis). */
export function ticketKey(type: TicketType, identity: string): string {
	return `${PREFIX}:${TICKET}:${type}:${identity}`;
}

/** Which window is fetching a classic token for the identity right now (see `FetchLease`). Not a secret. */
export function leaseKey(identity: string): string {
	return `${PREFIX}:${LEASE}:${identity}`;
}

/**
 * When a classic `/cgi-bin/token` request last went out for the AppID, from any window (see `ClassicMintGuard`). Keyed
 * by AppID, not identity: WeChat invalidates the AppID's token whichever host or app entry asked. Not a secret; kept
 * beside the lease because every window reads the current value from it, not a copy.
 */
export function classicMintKey(appId: string): string {
	return `${PREFIX}:${CLASSIC_MINT}:${appId}`;
}

/** Which identities have secrets stored, so secrets left behind by a host change can be offered again or removed. */
export const CREDENTIAL_INDEX_KEY = `${PREFIX}:index`;

export type ParsedSecretKey =
	| { readonly kind: 'secret'; readonly field: SecretField; readonly identity: string }
	| { readonly kind: 'token'; readonly identity: string }
	| { readonly kind: 'lease'; readonly identity: string }
	| { readonly kind: 'ticket'; readonly type: TicketType; readonly identity: string }
	| { readonly kind: 'index' };

/** The reverse of the functions above; `undefined` for keys that are not this extension's. */
export function parseSecretKey(key: string): ParsedSecretKey | undefined {
	if (key === CREDENTIAL_INDEX_KEY) {
		return { kind: 'index' };
	}
	const match = /^([^:]+):([^:]+):(.+)$/s.exec(key);
	if (!match || match[1] !== PREFIX) {
		return undefined;
	}
	const [, , kind = '', identity = ''] = match;
	if (kind === TOKEN || kind === LEASE) {
		return { kind, identity };
	}
	if (kind === TICKET) {
		const [type, ticketIdentity] = splitOnce(identity);
		return isTicketType(type) && ticketIdentity !== ''
			? { kind: 'ticket', type, identity: ticketIdentity }
			: undefined;
	}
	const field = SECRET_FIELDS.find((candidate) => candidate === kind);
	return field === undefined ? undefined : { kind: 'secret', field, identity };
}

function splitOnce(text: string): [string, string] {
	const at = text.indexOf(':');
	return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
