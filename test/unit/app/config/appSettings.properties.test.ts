import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseApps } from '../../../../src/app/config/appConfig';
import { APP_ID_PATTERN, sameAppName } from '../../../../src/app/config/validation';
import { parseServiceUrl } from '../../../../src/core/http/serviceUrl';
import { requestIdentity } from '../../../../src/core/requestIdentity';
import { TOKEN_SOURCES } from '../../../../src/core/tokenTypes';
import { englishL10n } from '../../support/englishL10n';
import { asParsedJson, hostileJson, partialRecord } from '../../support/properties/arbitraries';
import { checkProperty } from '../../support/properties/propertyRuns';

const SUITE = 'settings entries';

const appId = fc.oneof(
	fc.stringMatching(/^wx[0-9a-f]{16}$/),
	fc.constantFrom(
		'wx4fc0121bbdb516e8',
		' wx4fc0121bbdb516e8 ',
		'WX4FC0121BBDB516E8',
		'wx4fc0121bbdb516e',
		'wx4fc0121bbdb516e8x',
		'gh_1234567890ab',
		'',
	),
	fc.string({ maxLength: 20 }),
);
const name = fc.oneof(
	fc.constantFrom('Shop', 'shop', ' Shop ', 'Mini', '', '   ', '商店', 'a\nb'),
	fc.string({ maxLength: 12 }),
);
const host = fc.oneof(
	fc.constantFrom(
		'https://api.weixin.qq.com',
		'https://API.weixin.qq.com/',
		'https://example.authing.cn',
		'http://127.0.0.1:8080',
		'http://api.weixin.qq.com',
		'https://user:pw@api.weixin.qq.com',
		'https://evil.example\\@api.weixin.qq.com',
		'https://api.weixin.qq.com/a/../b',
		'https://api.weixin.qq.com/%2e%2e',
		'https://api.weixin.qq.com?x=1',
		'ftp://api.weixin.qq.com',
		'',
		' ',
	),
	fc.webUrl({ authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true } }),
	fc.string({ maxLength: 20 }),
);
const source = fc.oneof(
	fc.constantFrom(...TOKEN_SOURCES),
	fc.constantFrom('Wechat', 'wechat-classic', '', 'authing ', null),
);
const word = fc.oneof(
	fc.stringMatching(/^[0-9a-f]{24}$/),
	fc.constantFrom('', ' ', 'a b', 'x'),
	fc.string({ maxLength: 10 }),
);

/** An entry that is mostly right, so the checks on accepted apps see many: one field at a time may be off. */
const likelyValid = fc
	.record({
		name: fc.constantFrom('Shop', 'shop', ' Shop ', 'Mini', '商店', 'Ops'),
		appId: fc.oneof(
			{ weight: 5, arbitrary: fc.stringMatching(/^wx[0-9a-f]{16}$/) },
			{ weight: 1, arbitrary: appId },
		),
		source: fc.constantFrom(...TOKEN_SOURCES),
		host: fc.oneof(
			{
				weight: 3,
				arbitrary: fc.constantFrom(
					'https://api.weixin.qq.com',
					'https://API.weixin.qq.com/',
					'https://example.authing.cn/',
					'http://127.0.0.1:8080',
					'http://localhost:3000/x/',
				),
			},
			{ weight: 1, arbitrary: fc.constant(undefined) },
			{ weight: 2, arbitrary: host },
		),
		authingAppId: fc.oneof(
			{ weight: 5, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
			{ weight: 1, arbitrary: word },
		),
		accessKeyId: fc.oneof(
			{ weight: 5, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
			{ weight: 1, arbitrary: word },
		),
		scheme: fc.constantFrom(undefined, 'management-token', 'signature', 'hmac'),
	})
	.map(asParsedJson);

/** An entry as a user (or a hostile workspace) might write it: every field possibly missing, wrong or of another type. */
const entry = fc.oneof(
	{ weight: 6, arbitrary: likelyValid },
	{
		weight: 6,
		arbitrary: partialRecord({
			name: fc.oneof(name, hostileJson()),
			appId: fc.oneof(appId, hostileJson()),
			source,
			host: fc.oneof(host, hostileJson()),
			authingAppId: fc.oneof(word, hostileJson()),
			accessKeyId: fc.oneof(word, hostileJson()),
			scheme: fc.oneof(fc.constantFrom('management-token', 'signature', 'hmac', ''), hostileJson()),
		}),
	},
	{ weight: 1, arbitrary: hostileJson(['name', 'appId', 'source', 'host']) },
);
const setting = fc.oneof(
	{ weight: 8, arbitrary: fc.array(entry, { maxLength: 6 }).map(asParsedJson) },
	{ weight: 1, arbitrary: hostileJson() },
	{ weight: 1, arbitrary: fc.constantFrom(undefined, null) },
);

describe('properties: the wechatAccessToken.apps setting (parseApps)', () => {
	it('every entry becomes a valid app or a problem; nothing throws, nothing is dropped', () => {
		checkProperty(
			SUITE,
			fc.property(setting, (raw) => {
				const { apps, problems } = parseApps(raw, englishL10n);
				if (Array.isArray(raw)) {
					assert.equal(apps.length + problems.length, raw.length, 'every entry is accounted for');
				} else {
					assert.equal(apps.length, 0);
				}
				for (const problem of problems) {
					assert.ok(typeof problem.message === 'string' && problem.message !== '');
					assert.ok(Number.isInteger(problem.index) && problem.index >= 0);
				}
				const identities = new Set<string>();
				apps.forEach((app, index) => {
					assert.match(app.appId, APP_ID_PATTERN);
					assert.ok(app.name !== '' && app.name === app.name.trim(), `name ${JSON.stringify(app.name)}`);
					assert.ok(
						!apps.slice(0, index).some((other) => sameAppName(other.name, app.name)),
						`two apps named ${app.name}`,
					);
					assert.ok((TOKEN_SOURCES as readonly string[]).includes(app.source));
					// The host is where the secrets go: normalized, https or http to 127.0.0.1 or localhost, no user info or traversal.
					assert.equal(parseServiceUrl(app.host), app.host);
					const url = new URL(app.host);
					assert.ok(url.protocol === 'https:' || ['127.0.0.1', 'localhost'].includes(url.hostname), app.host);
					assert.ok(!app.host.includes('@') && !app.host.includes('..'), app.host);
					if (app.source === 'authing') {
						assert.match(app.authingAppId ?? '', /^\S+$/);
					}
					if (app.source === 'authing-management') {
						assert.match(app.accessKeyId ?? '', /^\S+$/);
						assert.ok(app.scheme === undefined || ['management-token', 'signature'].includes(app.scheme));
					}
					// Secrets are bound to this identity; it must be the one the request would have, and unique.
					assert.equal(app.identity, requestIdentity(app));
					assert.ok(!identities.has(app.identity), 'two apps share an identity');
					identities.add(app.identity);
				});
			}),
			3000,
		);
	});
});
