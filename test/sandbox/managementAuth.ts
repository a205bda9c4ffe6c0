import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SANDBOX_AUTHING } from './fixtures';

/** The two ways the official Authing SDKs authenticate management calls (PROTOCOLS.md §2). */

// ---- Management tokens (Java, Python, Go SDKs) ----

export interface ManagementClaims {
	readonly scoped_userpool_id: string;
	readonly iat: number;
	readonly exp: number;
	readonly jti: string;
}

/**
 * Issues JWT-shaped management tokens and remembers which are live, so a test can revoke them all and watch the client
 * drop its cached token and retry.
 */
export class ManagementTokens {
	/** Per sandbox instance: tokens from another run are never accepted. */
	private readonly key = randomBytes(32);
	private live = new Set<string>();

	issue(nowMs: number, lifetimeSeconds: number): string {
		const iat = Math.floor(nowMs / 1000);
		const claims: ManagementClaims = {
			scoped_userpool_id: SANDBOX_AUTHING.userPoolId,
			iat,
			exp: iat + lifetimeSeconds,
			jti: randomBytes(8).toString('hex'),
		};
		const unsigned = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(claims)}`;
		const token = `${unsigned}.${this.sign(unsigned)}`;
		this.live.add(token);
		return token;
	}

	/** The token's claims if this sandbox issued it, it was not revoked and it has not expired. */
	verify(token: string, nowMs: number): ManagementClaims | undefined {
		if (!this.live.has(token)) {
			return undefined;
		}
		const [header, payload, signature] = token.split('.');
		if (header === undefined || payload === undefined || signature !== this.sign(`${header}.${payload}`)) {
			return undefined;
		}
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ManagementClaims;
		return nowMs / 1000 < claims.exp ? claims : undefined;
	}

	revokeAll(): void {
		this.live = new Set();
	}

	private sign(unsigned: string): string {
		return createHmac('sha256', this.key).update(unsigned).digest('base64url');
	}
}

function encodeSegment(value: object): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

// ---- Request signatures (node SDK v4; GenAuth's with its own prefix) ----

export type SignatureVendor = 'authing' | 'genauth';

export interface ParsedSignatureAuthorization {
	readonly vendor: SignatureVendor;
	readonly accessKeyId: string;
	readonly signature: string;
}

/** `authing <accessKeyId>:<base64 signature>` (or `genauth …`), else undefined. */
export function parseSignatureAuthorization(authorization: string): ParsedSignatureAuthorization | undefined {
	const match = /^(authing|genauth) ([^:\s]+):(\S+)$/i.exec(authorization.trim());
	if (match === null) {
		return undefined;
	}
	const [, vendor = '', accessKeyId = '', signature = ''] = match;
	return { vendor: vendor.toLowerCase() as SignatureVendor, accessKeyId, signature };
}

/**
 * The string the SDK signs: `METHOD\n`, each `x-<vendor>-*` or `date` header sorted by name as `name:value\n`
 * (tabs and newlines in values turned into spaces, then trimmed), the path, and `?k=v&…` over the sorted body fields
 * (objects JSON-encoded, nothing URL-encoded, undefined fields skipped; no `?` for an empty body).
 */
export function stringToSign(
	method: string,
	path: string,
	headers: IncomingHttpHeaders,
	body: Readonly<Record<string, unknown>>,
	vendor: SignatureVendor,
): string {
	const prefix = `x-${vendor}-`;
	const canonicalHeaders = Object.keys(headers)
		.map((name) => name.toLowerCase())
		.filter((name) => name.startsWith(prefix) || name === 'date')
		.sort()
		.map(
			(name) =>
				`${name}:${headerValue(headers[name])
					.replace(/[\t\n\r\f]/g, ' ')
					.trim()}\n`,
		)
		.join('');
	const keys = Object.keys(body).sort();
	let resource = path;
	if (keys.length > 0) {
		const pairs = keys
			.filter((name) => body[name] !== undefined)
			.map((name) => {
				const value = body[name];
				return `${name}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`;
			});
		resource = `${path}?${pairs.join('&')}`;
	}
	return `${method.toUpperCase()}\n${canonicalHeaders}${resource}`;
}

export function signString(accessKeySecret: string, text: string): string {
	return createHmac('sha1', accessKeySecret).update(Buffer.from(text, 'utf8')).digest('base64');
}

/** Why a signed request is refused, or undefined when it is accepted. */
export function checkSignature(
	method: string,
	path: string,
	headers: IncomingHttpHeaders,
	body: Readonly<Record<string, unknown>>,
	auth: ParsedSignatureAuthorization,
): string | undefined {
	const prefix = `x-${auth.vendor}-`;
	if (auth.accessKeyId !== SANDBOX_AUTHING.accessKeyId) {
		return 'accessKeyId is invalid';
	}
	if (headerValue(headers[`${prefix}signature-method`]) !== 'HMAC-SHA1') {
		return `${prefix}signature-method must be HMAC-SHA1`;
	}
	if (headerValue(headers[`${prefix}signature-version`]) !== '1.0') {
		return `${prefix}signature-version must be 1.0`;
	}
	if (headerValue(headers[`${prefix}signature-nonce`]) === '') {
		return `${prefix}signature-nonce is missing`;
	}
	if (headerValue(headers.date) === '') {
		return 'date header is missing';
	}
	const text = stringToSign(method, path, headers, body, auth.vendor);
	const expected = Buffer.from(signString(SANDBOX_AUTHING.accessKeySecret, text));
	const given = Buffer.from(auth.signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
		return 'signature mismatch';
	}
	return undefined;
}

export function headerValue(value: string | string[] | undefined): string {
	return Array.isArray(value) ? value.join(', ') : (value ?? '');
}
