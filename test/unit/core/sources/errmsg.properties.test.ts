import * as assert from 'node:assert/strict';
import { isIPv6 } from 'node:net';
import * as fc from 'fast-check';
import { TOKEN_ERROR_REASONS } from '../../../../src/core/errors';
import { parseCallerIp, parseRid, relayedWechatReason } from '../../../../src/core/sources/wechatErrors';
import { checkProperty } from '../../support/properties/propertyRuns';

const SUITE = 'errmsg parsing';

const rid = fc.stringMatching(/^[0-9a-f]{4,10}(-[0-9a-f]{4,10}){0,3}$/);
const bigCode = fc.oneof(fc.integer({ min: -100, max: 100_000 }), fc.stringMatching(/^-?\d{10,40}$/));
const fragment = fc.oneof(
	fc.ipV4(),
	fc.ipV6(),
	fc.ipV4Extended(),
	fc.constantFrom(
		'ip',
		'invalid ip',
		'ipv6',
		'::ffff:',
		'not in whitelist',
		'rid:',
		'rid: ',
		'errcode',
		'errcode:',
		'"errcode":',
		'errmsg',
		'admin',
		'confirm',
		'refused',
		':',
		'.',
		' ',
		',',
		'白名单',
		'管理员确认',
	),
	rid,
	bigCode.map(String),
	fc.string({ maxLength: 8 }),
	fc.string({ unit: 'binary', maxLength: 6 }),
);
/** WeChat-like messages (and Authing's relays of them) assembled from the pieces the parsers look for. */
const errmsg: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(' ')) },
	{ weight: 1, arbitrary: fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(bigCode, fc.ipV4(), rid)
			.map(
				([code, ip, id]) =>
					`{"errcode":${code},"errmsg":"invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist rid: ${id}"}`,
			),
	},
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
	// "ip" followed by hex digits and colons that may or may not be an IPv6 address, and no IPv4 to find first.
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.oneof(fc.ipV6(), fc.stringMatching(/^[0-9a-f:]{1,12}$/)), rid)
			.map(([ip, id]) => `invalid ip ${ip}, not in whitelist rid: ${id}`),
	},
);

function isDottedQuad(text: string): boolean {
	const octets = text.split('.');
	return octets.length === 4 && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

describe('properties: what is read out of WeChat and Authing messages', () => {
	it('parseCallerIp: an IPv4 or IPv6 address that is in the message, or nothing', () => {
		checkProperty(
			SUITE,
			fc.property(errmsg, (message) => {
				const ip = parseCallerIp(message);
				if (ip !== undefined) {
					assert.ok(message.includes(ip));
					assert.ok(isDottedQuad(ip) || isIPv6(ip), `"${ip}" from ${JSON.stringify(message)}`);
				}
			}),
			3000,
		);
	});

	it('parseRid: a word of the message after "rid:", or nothing', () => {
		checkProperty(
			SUITE,
			fc.property(errmsg, (message) => {
				const id = parseRid(message);
				if (id !== undefined) {
					assert.match(id, /^[\w-]+$/);
					assert.ok(message.includes(id));
				}
			}),
			2000,
		);
	});

	it('relayedWechatReason: a known reason with a safe-integer errcode, or nothing', () => {
		checkProperty(
			SUITE,
			fc.property(errmsg, (message) => {
				const relayed = relayedWechatReason(message);
				if (relayed !== undefined) {
					assert.ok((TOKEN_ERROR_REASONS as readonly string[]).includes(relayed.reason));
					assert.ok(
						relayed.errcode === undefined || Number.isSafeInteger(relayed.errcode),
						`errcode ${relayed.errcode} from ${message}`,
					);
				}
			}),
			3000,
		);
	});

	it('a long hostile message is read in linear time (a server controls it; the extension host must not freeze)', () => {
		// Repeats of the words the keyword patterns look for, up to the transport's 256 KiB body cap.
		const words = fc.constantFrom(
			'admin ',
			'administrator ',
			'ip 1:',
			'1.',
			'rid: ',
			'errcode ',
			'freq ',
			'管理员',
		);
		checkProperty(
			SUITE,
			fc.property(words, fc.integer({ min: 10_000, max: 40_000 }), (word, times) => {
				const message = word.repeat(times).slice(0, 256 * 1024);
				const started = process.hrtime.bigint();
				relayedWechatReason(message);
				parseCallerIp(message);
				parseRid(message);
				const ms = Number(process.hrtime.bigint() - started) / 1e6;
				assert.ok(ms < 250, `${ms.toFixed(0)} ms for ${message.length} characters of "${word}"`);
			}),
			20,
		);
	});
});
