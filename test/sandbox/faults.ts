/**
 * Switchable misbehaviour. The client's test suite names these kinds, so they are a contract: keep them stable.
 *
 * A fault applies to the requests whose path it matches (see `pathMatches`), for its next `times` matching requests or
 * until cleared. It counts a request only when it actually shaped that request's answer, so a `times: 1` content fault
 * is not used up by a request that a `http-error` fault answered instead.
 */

export type ExpiryFormat = 'number' | 'string' | 'ms' | 'iso' | 'missing' | 'past' | 'garbage';
export type TokenValueFault = 'missing' | 'number' | 'empty' | 'literal';

interface FaultScope {
	/**
	 * Which requests: an exact path, a path prefix ending at a segment boundary (`/cgi-bin` matches `/cgi-bin/token`
	 * but `/api/v3/get-wechat-access-token` does not match `/api/v3/get-wechat-access-token-info`), or any prefix
	 * ending in `*`. Default: every non-control path.
	 */
	readonly path?: string;
	/** Apply to the next N matching requests only. Default: until cleared. */
	readonly times?: number;
}

export type Fault = FaultScope &
	(
		| { readonly kind: 'slow'; readonly delayMs: number }
		| {
				readonly kind: 'http-error';
				readonly status: number;
				/** `html` (nginx's error page, the default), `json` (the service's error shape) or a literal body. */
				readonly body?: string;
				readonly retryAfterSeconds?: number;
		  }
		| { readonly kind: 'non-json' }
		| { readonly kind: 'truncated-json' }
		| { readonly kind: 'huge-body'; readonly bytes: number }
		| { readonly kind: 'drop' }
		| { readonly kind: 'reset-mid-body' }
		| { readonly kind: 'drip'; readonly intervalMs: number }
		| {
				readonly kind: 'authing-status';
				readonly statusCode: number;
				readonly apiCode?: number | string;
				readonly message?: string;
				readonly httpStatus?: number;
				readonly requestId?: string;
		  }
		| { readonly kind: 'wechat-errcode'; readonly errcode: number; readonly errmsg?: string }
		| { readonly kind: 'expiry-format'; readonly format: ExpiryFormat }
		/** `literal` writes `text` as the token, e.g. one with a space or `$(…)` in it. */
		| { readonly kind: 'token'; readonly value: TokenValueFault; readonly text?: string }
		| { readonly kind: 'redirect'; readonly location: string; readonly status?: number }
		| { readonly kind: 'not-found' }
		| { readonly kind: 'server-date'; readonly offsetSeconds: number }
		/** A gateway quoting the request it refused, credentials included (echoReply.ts); `status` defaults to 400. */
		| { readonly kind: 'echo'; readonly status?: number }
	);

export type FaultKind = Fault['kind'];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

/** Faults that answer instead of the route: the first armed one wins. */
export const REPLACING_KINDS = [
	'http-error',
	'non-json',
	'huge-body',
	'drop',
	'redirect',
	'not-found',
	'authing-status',
	'wechat-errcode',
	'echo',
] as const satisfies readonly FaultKind[];
export type ReplacingKind = (typeof REPLACING_KINDS)[number];

/** Faults that change how an answer's bytes travel, whoever produced the answer. */
export const DELIVERY_KINDS = ['truncated-json', 'reset-mid-body', 'drip'] as const satisfies readonly FaultKind[];
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** Faults that change the token fields of a successful answer; routes take them when they write a token. */
export type ContentKind = 'expiry-format' | 'token';

const EXPIRY_FORMATS: readonly ExpiryFormat[] = ['number', 'string', 'ms', 'iso', 'missing', 'past', 'garbage'];
const TOKEN_VALUES: readonly TokenValueFault[] = ['missing', 'number', 'empty', 'literal'];

export function pathMatches(pattern: string | undefined, path: string): boolean {
	if (pattern === undefined || pattern === '' || pattern === '*') {
		return true;
	}
	if (pattern.endsWith('*')) {
		return path.startsWith(pattern.slice(0, -1));
	}
	if (path === pattern) {
		return true;
	}
	return path.startsWith(pattern.endsWith('/') ? pattern : `${pattern}/`);
}

interface ArmedFault {
	readonly fault: Fault;
	/** Infinity when the fault has no `times`. */
	remaining: number;
}

/** The armed faults, in the order they were added. */
export class FaultBook {
	private armed: ArmedFault[] = [];

	add(fault: Fault): void {
		const checked = parseFault(fault);
		this.armed.push({ fault: checked, remaining: checked.times ?? Number.POSITIVE_INFINITY });
	}

	clear(): void {
		this.armed = [];
	}

	/** What is still armed, with how many uses are left (`null` = unlimited), for `GET /__sandbox/state`. */
	list(): { fault: Fault; remaining: number | null }[] {
		return this.armed.map(({ fault, remaining }) => ({
			fault,
			remaining: Number.isFinite(remaining) ? remaining : null,
		}));
	}

	/**
	 * Uses up one application of the first armed fault of one of `kinds` that matches `path`. Deciding at the moment
	 * of use (not when the request arrived) keeps `times` exact when requests run concurrently.
	 */
	take<K extends FaultKind>(path: string, kinds: readonly K[]): FaultOf<K> | undefined {
		const wanted: readonly FaultKind[] = kinds;
		const index = this.armed.findIndex(
			(entry) => wanted.includes(entry.fault.kind) && pathMatches(entry.fault.path, path),
		);
		const entry = this.armed[index];
		if (entry === undefined) {
			return undefined;
		}
		entry.remaining -= 1;
		if (entry.remaining <= 0) {
			this.armed.splice(index, 1);
		}
		return entry.fault as FaultOf<K>;
	}
}

/**
 * Validates a fault, typed or straight from JSON (the control API). A fault with a misspelt kind or a missing field
 * would otherwise do nothing and let a test pass for the wrong reason.
 */
export function parseFault(input: unknown): Fault {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new Error('a fault must be a JSON object');
	}
	const raw = input as Record<string, unknown>;
	const optionalString = (key: string): void => {
		if (raw[key] !== undefined && typeof raw[key] !== 'string') {
			throw new Error(`fault.${key} must be a string`);
		}
	};
	const number = (key: string, required: boolean): void => {
		const value = raw[key];
		if (value === undefined && !required) {
			return;
		}
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw new Error(`fault.${key} must be a number`);
		}
	};
	const oneOf = (key: string, allowed: readonly string[]): void => {
		if (typeof raw[key] !== 'string' || !allowed.includes(raw[key])) {
			throw new Error(`fault.${key} must be one of ${allowed.join(', ')}`);
		}
	};

	optionalString('path');
	number('times', false);
	if (typeof raw.times === 'number' && (raw.times < 1 || !Number.isInteger(raw.times))) {
		throw new Error('fault.times must be a positive integer');
	}
	switch (raw.kind) {
		case 'slow':
			number('delayMs', true);
			break;
		case 'http-error':
			number('status', true);
			optionalString('body');
			number('retryAfterSeconds', false);
			break;
		case 'huge-body':
			number('bytes', true);
			break;
		case 'drip':
			number('intervalMs', true);
			break;
		case 'authing-status':
			number('statusCode', true);
			number('httpStatus', false);
			optionalString('message');
			if (raw.apiCode !== undefined && typeof raw.apiCode !== 'number' && typeof raw.apiCode !== 'string') {
				throw new Error('fault.apiCode must be a number or a string');
			}
			break;
		case 'wechat-errcode':
			number('errcode', true);
			optionalString('errmsg');
			break;
		case 'expiry-format':
			oneOf('format', EXPIRY_FORMATS);
			break;
		case 'token':
			oneOf('value', TOKEN_VALUES);
			optionalString('text');
			if (raw.value === 'literal' && typeof raw.text !== 'string') {
				throw new Error('fault.text is required with value "literal"');
			}
			break;
		case 'redirect':
			if (typeof raw.location !== 'string') {
				throw new Error('fault.location must be a string');
			}
			number('status', false);
			break;
		case 'server-date':
			number('offsetSeconds', true);
			break;
		case 'echo':
			number('status', false);
			break;
		case 'non-json':
		case 'truncated-json':
		case 'drop':
		case 'reset-mid-body':
		case 'not-found':
			break;
		default:
			throw new Error(`unknown fault kind ${JSON.stringify(raw.kind)}`);
	}
	// Every field was checked above against the kind it belongs to.
	return { ...raw } as unknown as Fault;
}
