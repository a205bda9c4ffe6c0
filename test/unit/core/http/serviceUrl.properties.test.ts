import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isDirectHostname } from '../../../../src/core/http/directHosts';
import { parseServiceUrl } from '../../../../src/core/http/serviceUrl';
import { checkProperty, outcomeOf } from '../../support/properties/propertyRuns';

const SUITE = 'service URLs';
/** A password planted in generated user info: it must never be echoed by a refusal. */
const PASSWORD = 'Hunter2Pw';

const scheme = fc.constantFrom(
	'https',
	'https',
	'http',
	'HTTPS',
	'Http',
	'ftp',
	'file',
	'ws',
	'wss',
	'javascript',
	'data',
	'',
);
const separator = fc.constantFrom('://', '://', '://', ':/', ':', ':\\\\', ':/\\', '://\\', ' ://');
const userInfo = fc.constantFrom(
	'',
	'',
	'',
	'user@',
	`user:${PASSWORD}@`,
	`:${PASSWORD}@`,
	`u%40x:${PASSWORD}@`,
	`user:${PASSWORD}/x@`,
	'evil.example\\@',
	'api.weixin.qq.com@',
);
const hostName = fc.oneof(
	fc.domain(),
	fc.ipV4(),
	fc.ipV6().map((ip) => `[${ip}]`),
	fc.constantFrom(
		'localhost',
		'LOCALHOST',
		'127.0.0.1',
		'127.1',
		'127.255.255.255',
		'0.0.0.0',
		'0x7f.1',
		'[::1]',
		'[0:0:0:0:0:0:0:1]',
		'[::ffff:127.0.0.1]',
		'localhost.evil.example',
		'127.0.0.1.nip.io',
		'api.weixin.qq.com',
		'xn--fsq.example',
		'例え.jp',
		'',
	),
);
const port = fc.oneof(
	fc.constant(''),
	fc.integer({ min: 0, max: 70000 }).map((p) => `:${p}`),
	fc.constantFrom(':', ':abc', ':443'),
);
const segment = fc.oneof(
	fc.constantFrom(
		'',
		'api',
		'v3',
		'.',
		'..',
		'%2e',
		'%2E%2e',
		'.%2e',
		'%2f',
		'..%2f',
		'%5C',
		'%2F..',
		'\\',
		'..\\',
		'@x',
		'a b',
		'%',
		'~user',
		';x',
		'\t..',
	),
	fc.string({ maxLength: 6 }),
);
const path = fc
	.array(segment, { maxLength: 4 })
	.map((segments) => (segments.length === 0 ? '' : `/${segments.join('/')}`));
const suffix = fc.constantFrom('', '', '', '/', '?x=1', '#frag', '?', '#', '/?', '//');
const padding = fc.constantFrom('', '', ' ', '\t', '\n', ' \u00a0');

/** Host strings built from parts that each break some naive check, and free text. */
const hostText: fc.Arbitrary<string> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc
			.tuple(padding, scheme, separator, userInfo, hostName, port, path, suffix, padding)
			.map((parts) => parts.join('')),
	},
	{
		weight: 2,
		arbitrary: fc.webUrl({
			withQueryParameters: true,
			withFragments: true,
			authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
		}),
	},
	{ weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** The authority as a person reads the text: between "//" and the first "/". */
function authorityAsWritten(text: string): string {
	const afterScheme = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
	const end = afterScheme.search(/[/?#]/);
	return end < 0 ? afterScheme : afterScheme.slice(0, end);
}

describe('properties: where credentials may be sent (parseServiceUrl)', () => {
	it('an accepted host is https or http to 127.0.0.1 or localhost, without user info, query, fragment or dot segments', () => {
		checkProperty(
			SUITE,
			fc.property(hostText, (text) => {
				const result = outcomeOf(() => parseServiceUrl(text));
				if (!result.ok) {
					assert.equal(result.error.reason, 'invalid-host');
					assert.ok(
						!result.error.message.includes(PASSWORD),
						`the refusal echoes the password: ${result.error.message}`,
					);
					return;
				}
				const accepted = result.value;
				const url = new URL(accepted);
				assert.ok(
					url.protocol === 'https:' || (url.protocol === 'http:' && isDirectHostname(url.hostname)),
					`${text} → ${accepted}`,
				);
				assert.equal(url.username, '');
				assert.equal(url.password, '');
				assert.ok(
					!accepted.includes('?') &&
						!accepted.includes('#') &&
						!accepted.includes('@') &&
						!accepted.includes('\\'),
					`${text} → ${accepted}`,
				);
				assert.ok(!/(^|\/)\.\.?(\/|$)|%2e|%2f|%5c/i.test(url.pathname), `${text} → ${accepted}`);
				assert.ok(!accepted.endsWith('/'));
				// What a person reads as the host is where the request goes: no "user@" or "\" trick hides the real one.
				assert.ok(!authorityAsWritten(text).includes('@'), `${text} → ${accepted}`);
				// Normalized: parsing again changes nothing, so identities built from it are stable.
				assert.equal(parseServiceUrl(accepted), accepted);
			}),
			3000,
		);
	});

	it('plain http is accepted to 127.0.0.1 and localhost only, whatever the spelling; every other loopback alias is refused', () => {
		const loopbackAlias = fc.oneof(
			fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([b, c, d]) => `127.${b}.${c}.${d}`),
			fc.constantFrom(
				'0.0.0.0',
				'0',
				'localhost.',
				'LOCALHOST.',
				'[::ffff:127.0.0.1]',
				'[::ffff:127.0.0.2]',
				'[::]',
				'[0:0:0:0:0:0:0:1]',
				'[::1]',
				'127.1',
				'0177.0.0.1',
				'0x7f000001',
				'2130706433',
			),
		);
		const anyHost = fc.tuple(
			fc.oneof(
				fc.ipV4(),
				fc.ipV4Extended(),
				fc.domain(),
				fc.ipV6().map((ip) => `[${ip}]`),
				loopbackAlias,
				fc.constantFrom('127.0.0.1', 'localhost', 'LocalHost'),
			),
			port,
		);
		checkProperty(
			SUITE,
			fc.property(anyHost, ([host, portText]) => {
				const text = `http://${host}${portText}`;
				const result = outcomeOf(() => parseServiceUrl(text));
				let hostname: string;
				try {
					hostname = new URL(text).hostname;
				} catch {
					assert.ok(!result.ok, `${text} accepted though it is not a URL`);
					return;
				}
				// A host and a port that parse are all there is: the host alone decides. Accepted means the request goes to one
				// of the two names no proxy ever gets; every other name is refused.
				const direct = hostname === '127.0.0.1' || hostname === 'localhost';
				assert.equal(result.ok, direct, `${text} (host ${hostname}) ${result.ok ? 'accepted' : 'refused'}`);
				if (result.ok) {
					assert.equal(new URL(result.value).hostname, hostname);
				} else {
					assert.equal(result.error.reason, 'invalid-host');
				}
			}),
			3000,
		);
	});
});
