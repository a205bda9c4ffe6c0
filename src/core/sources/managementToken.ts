import { createHash } from 'node:crypto';
import { TokenError } from '../errors';
import { raceWithSignal } from '../http/abort';
import type { FetchOptions } from '../tokenTypes';
import { readAuthingEnvelope } from './authingEnvelope';
import { isRecord } from '../isRecord';
import { isBearerToken } from '../tokenShape';
import type { SourceContext } from './sourceContext';

export const MANAGEMENT_TOKEN_PATH = '/api/v3/get-management-token';
/** Renew this long before the management token expires, so a request never carries one that dies on the way. */
const RENEW_MARGIN_MS = 5 * 60 * 1000;

export interface ManagementToken {
	readonly jwt: string;
	readonly userPoolId: string;
	readonly expiresAt: number;
}

interface ManagementKey {
	readonly baseUrl: string;
	readonly service: string;
	readonly accessKeyId: string;
	readonly accessKeySecret: string;
}

/**
 * Management tokens (`POST /api/v3/get-management-token`), cached per host and access key until shortly before they
 * expire; concurrent callers share one request. The cache key includes a hash of the secret, so a changed secret
 * never reuses a token obtained with the old one.
 */
export class ManagementTokenCache {
	private readonly tokens = new Map<string, ManagementToken>();
	private readonly pending = new Map<string, Promise<ManagementToken>>();

	constructor(private readonly context: SourceContext) {}

	async get(key: ManagementKey, options: FetchOptions): Promise<ManagementToken> {
		const cacheKey = this.cacheKey(key);
		const cached = this.tokens.get(cacheKey);
		if (cached && this.context.clock.now() < cached.expiresAt - RENEW_MARGIN_MS) {
			return cached;
		}
		let pending = this.pending.get(cacheKey);
		if (!pending) {
			// Shared by everyone waiting, so one caller's cancellation must not cancel it; each caller stops waiting instead.
			pending = this.fetch(key).finally(() => this.pending.delete(cacheKey));
			this.pending.set(cacheKey, pending);
		}
		const token = await raceWithSignal(pending, options.signal);
		this.tokens.set(cacheKey, token);
		return token;
	}

	/** After the server refused a cached token (revoked, or the key rotated). */
	invalidate(key: ManagementKey): void {
		this.tokens.delete(this.cacheKey(key));
	}

	/**
	 * One attempt, no retry of its own: the management source retries the whole exchange, and retrying here too
	 * multiplied the attempts (3 × 3 = 9 requests, and nine timeouts, against a server that is down; found by the
	 * fault matrix, issue 6).
	 */
	private async fetch(key: ManagementKey): Promise<ManagementToken> {
		const response = await this.context.transport.send({
			method: 'POST',
			baseUrl: key.baseUrl,
			path: MANAGEMENT_TOKEN_PATH,
			headers: { 'x-authing-lang': this.context.lang },
			json: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret },
		});
		const data = readAuthingEnvelope(response, key.service);
		const jwt = data['access_token'];
		const expiresIn = data['expires_in'];
		if (typeof jwt !== 'string' || jwt === '') {
			throw new TokenError('bad-response', `${key.service} sent no management token.`);
		}
		// It goes back in a header: checked like every token before use (tokenShape.ts), its value never shown.
		if (!isBearerToken(jwt)) {
			throw new TokenError(
				'bad-response',
				`${key.service} sent a management token with characters no bearer token has; it was not used.`,
			);
		}
		const lifetimeSeconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 7200;
		return {
			jwt,
			userPoolId: scopedUserPoolId(jwt, key.service),
			expiresAt: response.receivedAt + lifetimeSeconds * 1000,
		};
	}

	private cacheKey(key: ManagementKey): string {
		const secretHash = createHash('sha256').update(key.accessKeySecret).digest('base64url');
		return `${key.baseUrl}\n${key.accessKeyId}\n${secretHash}`;
	}
}

/** The user pool the token is scoped to, from the JWT's payload; sent back as `x-authing-userpool-id`. */
export function scopedUserPoolId(jwt: string, service: string): string {
	const payload = jwt.split('.')[1];
	let claims: unknown;
	try {
		claims = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown) : undefined;
	} catch {
		claims = undefined;
	}
	const userPoolId = isRecord(claims) ? claims['scoped_userpool_id'] : undefined;
	if (typeof userPoolId !== 'string' || userPoolId === '') {
		throw new TokenError('bad-response', `${service}'s management token names no user pool (scoped_userpool_id).`);
	}
	// Sent as a header: anything but visible ASCII would be dropped or refused on the way, not sent as it is.
	if (!/^[\x21-\x7e]+$/.test(userPoolId)) {
		throw new TokenError(
			'bad-response',
			`${service}'s management token names a user pool (scoped_userpool_id) with characters an ID cannot have.`,
		);
	}
	return userPoolId;
}
