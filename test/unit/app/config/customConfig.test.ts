import * as assert from 'node:assert/strict';
import { parseApps, toSettingEntry } from '../../../../src/app/config/appConfig';
import { CredentialError } from '../../../../src/app/errors/appErrors';
import { customPresets } from '../../../../src/app/config/customPresets';
import { parseCustomSource, toCustomEndpoint } from '../../../../src/app/config/customSourceConfig';
import { planDemoSeeds } from '../../../../src/app/demo/demoSecrets';
import { presentError } from '../../../../src/app/errors/errorMessages';
import { secretDestination } from '../../../../src/app/credentials/secretDestination';
import { secretFieldsOf } from '../../../../src/app/config/secretFields';
import { secretFieldLabel, sourceLabel } from '../../../../src/app/presentation/sourceLabels';
import { toTokenRequest } from '../../../../src/app/tokens/tokenRequest';
import { validateAuthHeaderValue, validateEndpointUrl } from '../../../../src/app/config/validation';
import { TokenError } from '../../../../src/core/errors';
import { requestIdentity } from '../../../../src/core/requestIdentity';
import { englishL10n as l10n } from '../../support/englishL10n';

const APP_ID = 'wx4fc0121bbdb516e8';
const URL_TEMPLATE = 'https://tokens.example.com/wechat/token?appid=${appId}';
const parse = (raw: unknown) => parseApps(raw, l10n);
const entry = (custom: unknown, extra: Record<string, unknown> = {}) => ({
	name: 'Team',
	appId: APP_ID,
	source: 'custom',
	custom,
	...extra,
});

/** The one problem a single-entry setting has. */
function problemOf(custom: unknown, extra: Record<string, unknown> = {}): string {
	const { apps, problems } = parse([entry(custom, extra)]);
	assert.equal(apps.length, 0, 'refused');
	return problems[0]?.message ?? '';
}

describe('custom source: the settings entry, its secrets and its identity', () => {
	it('accepts a minimal entry: host is the URL’s origin, the defaults fill the rest', () => {
		const { apps, problems } = parse([entry({ url: ` ${URL_TEMPLATE} ` })]);
		assert.deepEqual(problems, []);
		const [app] = apps;
		assert.equal(app?.host, 'https://tokens.example.com');
		assert.deepEqual(app?.custom, { url: URL_TEMPLATE });
		assert.deepEqual(toCustomEndpoint(app.custom), {
			url: URL_TEMPLATE,
			method: 'GET',
			tokenPath: ['access_token'],
			expiry: { kind: 'expires-in', path: ['expires_in'] },
			success: { path: ['errcode'], equals: 0, orAbsent: true },
		});
		assert.equal(secretDestination(app), `https://tokens.example.com/wechat/token?appid=${APP_ID}`);
	});

	it('reads a full POST entry, and writes it back as given (no host)', () => {
		const custom = {
			url: 'https://tokens.example.com/api/token',
			method: 'POST',
			body: { appId: '${appId}', scope: ['wechat'] },
			authHeader: 'Authorization',
			tokenPath: 'data.token',
			expiresAtPath: 'data.expireAt',
			success: { path: 'code', equals: '0' },
		};
		const [app] = parse([entry(custom)]).apps;
		assert.deepEqual(app?.custom, custom);
		assert.deepEqual(toCustomEndpoint(app.custom), {
			url: custom.url,
			method: 'POST',
			body: custom.body,
			authHeader: 'Authorization',
			tokenPath: ['data', 'token'],
			expiry: { kind: 'expires-at', path: ['data', 'expireAt'] },
			success: { path: ['code'], equals: '0' },
		});
		assert.deepEqual(toSettingEntry(app), { name: 'Team', source: 'custom', appId: APP_ID, custom });
	});

	it('says precisely what is wrong with a custom entry', () => {
		const cases: readonly [unknown, RegExp, Record<string, unknown>?][] = [
			[undefined, /"custom" is required for the custom source/],
			['https://tokens.example.com', /"custom" is required/],
			[{}, /"custom\.url" is required/],
			[{ url: 'http://tokens.example.com/token' }, /https:\/\/ address/],
			[{ url: 'https://user:pw@tokens.example.com/token' }, /without user name/],
			[{ url: 'https://tokens.example.com/token#x' }, /without user name or fragment/],
			[{ url: 'https://tokens.example.com/token?key=${secret}' }, /\$\{appId\} is the only placeholder/],
			[{ url: URL_TEMPLATE, method: 'PUT' }, /"custom\.method" must be GET or POST/],
			[{ url: URL_TEMPLATE, body: { appId: '${appId}' } }, /"custom\.body" is only sent with POST/],
			[{ url: URL_TEMPLATE, method: 'POST', body: '{"appId":"x"}' }, /"custom\.body" must be a JSON object/],
			[{ url: URL_TEMPLATE, authHeader: 'X Team Key' }, /header name such as Authorization/],
			[{ url: URL_TEMPLATE, authHeader: 'Host' }, /not Host, Content-Type/],
			[{ url: URL_TEMPLATE, tokenPath: 'data..token' }, /"custom\.tokenPath" must be a path/],
			[{ url: URL_TEMPLATE, tokenPath: 5 }, /"custom\.tokenPath" must be text/],
			[
				{ url: URL_TEMPLATE, expiresInPath: 'expires_in', expiresAtPath: 'expireAt' },
				/Give only one of "custom\.expiresInPath"/,
			],
			[{ url: URL_TEMPLATE, expiresAtPath: 'a[x]' }, /"custom\.expiresAtPath" must be a path/],
			[{ url: URL_TEMPLATE, success: { path: 'code' } }, /"custom\.success" must be an object/],
			[{ url: URL_TEMPLATE, success: { path: 'code', equals: null } }, /"custom\.success" must be an object/],
			[
				{ url: URL_TEMPLATE, success: { path: 'code', equals: 0, orAbsent: 'yes' } },
				/"custom\.success" must be an object/,
			],
			[{ url: URL_TEMPLATE, success: { path: ' ', equals: 0 } }, /"custom\.success\.path" must be a path/],
			[
				{ url: URL_TEMPLATE },
				/"host" does not apply to the custom source/,
				{ host: 'https://tokens.example.com' },
			],
		];
		for (const [custom, expected, extra] of cases) {
			assert.match(problemOf(custom, extra), expected, JSON.stringify(custom));
		}
		// Empty optional strings are as good as absent; neither expiry path means expires_in.
		assert.deepEqual(parseCustomSource({ url: URL_TEMPLATE, authHeader: ' ', tokenPath: '' }, APP_ID, l10n), {
			url: URL_TEMPLATE,
		});
	});

	it('the identity holds the method, the whole URL and the header name: changing any makes the secret missing', () => {
		const identity = (custom: Record<string, unknown>) =>
			parse([entry({ url: URL_TEMPLATE, ...custom })]).apps[0]?.identity;
		const base = identity({ authHeader: 'X-Team-Key' });
		assert.equal(
			base,
			`custom|https://tokens.example.com|${APP_ID}|GET https://tokens.example.com/wechat/token?appid=${APP_ID}|header:x-team-key`,
		);
		assert.equal(identity({ authHeader: 'x-team-key' }), base, 'header names are case-insensitive');
		assert.equal(
			identity({ url: 'https://TOKENS.example.com/wechat/token?appid=${appId}', authHeader: 'X-Team-Key' }),
			base,
			'the URL is normalized',
		);
		assert.equal(
			identity({ authHeader: 'X-Team-Key', tokenPath: 'token' }),
			base,
			'how the answer is read is not where the secret goes',
		);
		for (const changed of [
			{ url: 'https://tokens.example.com/v2/token?appid=${appId}', authHeader: 'X-Team-Key' },
			{ url: 'https://tokens.example.org/wechat/token?appid=${appId}', authHeader: 'X-Team-Key' },
			{ authHeader: 'Authorization' },
			{ authHeader: 'X-Team-Key', method: 'POST' },
			{},
		]) {
			assert.notEqual(identity(changed), base, JSON.stringify(changed));
		}
		const [app] = parse([entry({ url: URL_TEMPLATE })]).apps;
		assert.equal(app?.identity, requestIdentity(app!));
	});

	it('two entries for the same server, AppID and header are the same app', () => {
		const { apps, problems } = parse([
			entry({ url: URL_TEMPLATE }),
			{ ...entry({ url: URL_TEMPLATE, tokenPath: 'token' }), name: 'Twin' },
		]);
		assert.equal(apps.length, 1);
		assert.match(problems[0]?.message ?? '', /same app as “Team”/);
	});

	it('secrets: the auth header’s value when a header is named, none otherwise, never the AppSecret', () => {
		assert.deepEqual(secretFieldsOf({ source: 'custom', custom: { authHeader: 'X-Team-Key' } }), [
			{ field: 'authHeaderValue', required: true, headerName: 'X-Team-Key' },
		]);
		assert.deepEqual(secretFieldsOf({ source: 'custom', custom: {} }), []);
		assert.deepEqual(secretFieldsOf({ source: 'custom' }), []);
		assert.equal(
			secretFieldLabel({ field: 'authHeaderValue', required: true, headerName: 'X-Team-Key' }, l10n),
			'Value of the X-Team-Key header',
		);
		assert.equal(sourceLabel('custom', l10n), 'Custom token server');
		assert.equal(validateAuthHeaderValue('Bearer abc', l10n), undefined);
		assert.match(validateAuthHeaderValue('a\nb', l10n) ?? '', /one line of visible ASCII/);
		assert.equal(validateEndpointUrl(URL_TEMPLATE, APP_ID, l10n), undefined);
	});

	it('to a core request: the auth header value when stored, credentials-missing when required and absent', () => {
		const [withHeader, without] = parse([
			entry({ url: URL_TEMPLATE, authHeader: 'X-Team-Key' }),
			{ ...entry({ url: 'https://other.example.com/t' }), name: 'Open' },
		]).apps;
		assert.throws(
			() => toTokenRequest(withHeader!, {}),
			(e: unknown) =>
				CredentialError.is(e, 'credentials-missing') &&
				e.missing.length === 1 &&
				e.missing[0] === 'authHeaderValue',
		);
		const request = toTokenRequest(withHeader!, {
			authHeaderValue: 'team-key-1234567890',
			appSecret: 'ignored-ignored-ignored-ignored1',
		});
		assert.equal(request.source, 'custom');
		assert.equal(request.source === 'custom' && request.authHeaderValue, 'team-key-1234567890');
		assert.ok(!JSON.stringify(request).includes('ignored'), 'no AppSecret is sent to a team server');
		const open = toTokenRequest(without!, {});
		assert.equal(open.source === 'custom' && open.authHeaderValue, undefined);
	});

	it('every preset of "Add WeChat App…" is a valid entry', () => {
		for (const preset of customPresets(l10n)) {
			const custom = { url: URL_TEMPLATE, authHeader: 'Authorization', ...preset.fields };
			const { apps, problems } = parse([entry(custom)]);
			assert.deepEqual(problems, [], preset.id);
			assert.deepEqual(apps[0]?.custom, custom, preset.id);
		}
	});

	it('messages for a custom app name the settings it can fix, not an AppSecret it does not hold', () => {
		const context = { appName: 'Team', host: 'https://tokens.example.com', source: 'custom' as const };
		const shown = (reason: ConstructorParameters<typeof TokenError>[0]) =>
			presentError(new TokenError(reason, 'english'), context, l10n);
		assert.match(
			shown('unauthorized')?.message ?? '',
			/refused the request’s credentials\. Enter the value of its auth header again/,
		);
		assert.deepEqual(shown('unauthorized')?.actions, ['setCredentials', 'openSettings', 'showLog']);
		assert.match(shown('invalid-app-secret')?.message ?? '', /AppSecret your token server uses/);
		assert.deepEqual(shown('invalid-app-secret')?.actions, ['showLog']);
		assert.match(
			shown('app-not-found')?.message ?? '',
			/no token at this address \(HTTP 404\)\. Check “custom\.url”/,
		);
		assert.match(shown('bad-response')?.message ?? '', /Check “custom\.tokenPath”/);
		assert.match(shown('invalid-host')?.message ?? '', /“custom\.url” must be an https:\/\/ address/);
		assert.match(shown('redirect-refused')?.message ?? '', /Check “custom\.url”/);
	});

	it('demo seeding: a loopback custom app gets its auth header value, nothing else', () => {
		const apps = parse([entry({ url: 'http://127.0.0.1:47806/team/api/token', authHeader: 'Authorization' })]).apps;
		const { seeds, refused } = planDemoSeeds(
			JSON.stringify({ Team: { authHeaderValue: 'Bearer demo-value-1234', appSecret: 'not-for-custom' } }),
			apps,
		);
		assert.deepEqual(refused, []);
		assert.deepEqual(seeds[0]?.values, { authHeaderValue: 'Bearer demo-value-1234' });
		const remote = parse([entry({ url: URL_TEMPLATE, authHeader: 'Authorization' })]).apps;
		assert.match(
			planDemoSeeds(JSON.stringify({ Team: { authHeaderValue: 'x' } }), remote).refused[0] ?? '',
			/not a loopback address/,
		);
	});
});
