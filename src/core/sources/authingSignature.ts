import { createHmac, randomUUID } from 'node:crypto';

export interface SignatureInput {
	readonly method: 'GET' | 'POST';
	readonly path: string;
	readonly body: Readonly<Record<string, unknown>>;
	readonly accessKeyId: string;
	readonly accessKeySecret: string;
	/** `x-authing-` for Authing, `x-genauth-` for GenAuth; the scheme word follows the brand. */
	readonly brand: 'authing' | 'genauth';
	/** Other brand headers that go with the request (e.g. the language): they are signed too. */
	readonly extraHeaders?: Readonly<Record<string, string>>;
	readonly date: Date;
	readonly nonce?: string;
}

export interface SignedHeaders {
	/** The headers to send, the `authorization` with the signature included. */
	readonly headers: Record<string, string>;
	/** The signature alone: a credential for this request, kept out of error texts like the secrets. */
	readonly signature: string;
}

/**
 * The node SDK v4's request signature (PROTOCOLS.md §2): HMAC-SHA1 over the method, every brand header and `date`
 * sorted by name, the path, and the sorted body fields.
 */
export function signAuthingRequest(input: SignatureInput): SignedHeaders {
	const prefix = `x-${input.brand}-`;
	const headers: Record<string, string> = {
		date: input.date.toUTCString(),
		[`${prefix}signature-nonce`]: input.nonce ?? randomUUID(),
		[`${prefix}signature-method`]: 'HMAC-SHA1',
		[`${prefix}signature-version`]: '1.0',
		...lowerCaseKeys(input.extraHeaders ?? {}),
	};
	const signature = createHmac('sha1', input.accessKeySecret)
		.update(stringToSign(input.method, headers, input.path, input.body, prefix))
		.digest('base64');
	return { headers: { ...headers, authorization: `${input.brand} ${input.accessKeyId}:${signature}` }, signature };
}

export function stringToSign(
	method: string,
	headers: Readonly<Record<string, string>>,
	path: string,
	body: Readonly<Record<string, unknown>>,
	prefix: string,
): string {
	const signedHeaders = Object.keys(headers)
		.filter((name) => name === 'date' || name.startsWith(prefix))
		.sort()
		.map((name) => `${name}:${headers[name] ?? ''}\n`)
		.join('');
	const fields = Object.keys(body)
		.sort()
		.map((key) => `${key}=${fieldValue(body[key])}`)
		.join('&');
	return `${method.toUpperCase()}\n${signedHeaders}${path}${fields ? `?${fields}` : ''}`;
}

function fieldValue(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function lowerCaseKeys(record: Readonly<Record<string, string>>): Record<string, string> {
	return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}
