import * as fc from 'fast-check';
import type { HttpResponse } from '../../../../src/core/http/httpTransport';

/**
 * Generators for what a server or a settings file can hand the parsers. Everything that claims to be JSON goes
 * through JSON.stringify → JSON.parse, so it has exactly the shapes `JSON.parse` produces (own `__proto__` keys
 * included), and keys like `toString` or `valueOf` shadow Object.prototype, as they would in a hostile answer.
 */

const TRICKY_KEYS = ['toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'toJSON', 'length', 'then'];

/** Numbers in every range that matters: around now in seconds and in ms, past any Date, and not numbers at all. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(
		0,
		-0,
		1e11,
		1e11 + 1,
		8.64e15,
		8.64e15 + 1,
		1e20,
		1e300,
		Number.MAX_SAFE_INTEGER,
		Number.MIN_VALUE,
		Number.NaN,
		Infinity,
		-Infinity,
	),
	fc.integer({ min: 1_500_000_000, max: 2_500_000_000 }),
	fc.integer({ min: 1_500_000_000_000, max: 2_500_000_000_000 }),
);

/** Text that looks like a number to a careless parser: digits with spaces, decimals, exponents, hex, 400 digits. */
export const numericText: fc.Arbitrary<string> = fc.oneof(
	fc.stringMatching(/^\s{0,2}-?\d{1,25}(\.\d{0,6})?\s{0,2}$/),
	fc.constantFrom(
		'1'.padEnd(400, '0'),
		'1e12',
		'0x1F',
		'Infinity',
		'NaN',
		'',
		' ',
		'٣',
		'1_000',
		'+5',
		'2030-01-01T00:00:00Z',
		'7200s',
	),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	anyNumber,
	fc.string({ maxLength: 12 }),
	numericText,
);

const key: fc.Arbitrary<string> = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...TRICKY_KEYS));

/** Any JSON value, shallow, with hostile keys. */
export function hostileJson(extraKeys: readonly string[] = []): fc.Arbitrary<unknown> {
	const keys = extraKeys.length === 0 ? key : fc.oneof(key, fc.constantFrom(...extraKeys));
	const { value } = fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ maxDepth: 3, depthSize: 'small' },
			scalar,
			fc.array(tie('value'), { maxLength: 4 }),
			fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
		),
	}));
	return value.map(asParsedJson);
}

/** What JSON.parse would have produced for this value (NaN → null, undefined keys dropped, …). */
export function asParsedJson(value: unknown): unknown {
	const text = JSON.stringify(value);
	return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** A record with chosen fields drawn from their own generators, each possibly missing, plus hostile extras. */
export function partialRecord(
	fields: Readonly<Record<string, fc.Arbitrary<unknown>>>,
): fc.Arbitrary<Record<string, unknown>> {
	const entries = Object.entries(fields).map(([name, arbitrary]) =>
		fc.option(
			arbitrary.map((v) => [name, v] as const),
			{ nil: undefined },
		),
	);
	return fc
		.tuple(fc.tuple(...entries), fc.dictionary(fc.constantFrom(...TRICKY_KEYS), scalar, { maxKeys: 2 }))
		.map(([chosen, extras]) => {
			const record: Record<string, unknown> = {};
			for (const [name, value] of Object.entries(extras)) {
				Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
			}
			for (const entry of chosen) {
				if (entry !== undefined) {
					record[entry[0]] = entry[1];
				}
			}
			return asParsedJson(record) as Record<string, unknown>;
		});
}

export interface ResponseShape {
	readonly receivedAt: number;
	readonly json: unknown;
}

/** An HttpResponse as the transport builds it, around `json`: any status, odd headers, a skewed server clock. */
export function httpResponse(shape: fc.Arbitrary<ResponseShape>): fc.Arbitrary<HttpResponse> {
	return fc
		.record({
			shape,
			status: fc.oneof(
				fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 502, 503),
				fc.integer({ min: 100, max: 599 }),
			),
			retryAfter: fc.option(
				fc.oneof(
					fc.string({ maxLength: 30 }),
					fc.nat().map(String),
					numericText,
					fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
				),
				{
					nil: undefined,
				},
			),
			roundTripMs: fc.integer({ min: 0, max: 30_000 }),
			serverClockOffsetMs: fc.oneof(fc.constant(0), fc.integer({ min: -86_400_000, max: 86_400_000 })),
		})
		.map(({ shape: { receivedAt, json }, status, retryAfter, roundTripMs, serverClockOffsetMs }) => ({
			status,
			headers: { 'retry-after': retryAfter, 'content-type': 'application/json' },
			text: JSON.stringify(json) ?? '',
			json,
			sentAt: receivedAt - roundTripMs,
			receivedAt,
			serverClockOffsetMs,
		}));
}

/** Our clock when the answer arrived: any time from 2017 to 2039. */
export const receivedAt: fc.Arbitrary<number> = fc.integer({ min: 1_500_000_000_000, max: 2_200_000_000_000 });
