import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { JsonPath } from '../../../../src/core/jsonPath';
import { formatJsonPath, parseJsonPath, readJsonPath } from '../../../../src/core/jsonPath';
import { readCustomTokenResponse } from '../../../../src/core/sources/customResponse';
import { meetsSuccessRule } from '../../../../src/core/sources/successRule';
import type { CustomEndpoint } from '../../../../src/core/tokenTypes';
import { anyNumber, hostileJson, httpResponse, receivedAt } from '../../support/properties/arbitraries';
import { checkProperty, outcomeOf } from '../../support/properties/propertyRuns';

const SUITE = 'custom token server';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A JSON value, with a path into it: the steps a random walk took from the root. */
const valueWithPath: fc.Arbitrary<{ value: unknown; path: JsonPath; expected: unknown }> = hostileJson().chain(
	(value) => {
		const walk = (
			current: unknown,
			path: (string | number)[],
		): fc.Arbitrary<{ path: JsonPath; expected: unknown }> => {
			const steps: (string | number)[] = Array.isArray(current)
				? current.map((_, index) => index)
				: typeof current === 'object' && current !== null
					? Object.keys(current).filter(
							(key) => parseJsonPath(key)?.length === 1 && parseJsonPath(key)?.[0] === key,
						)
					: [];
			const stop = fc.constant({ path, expected: current });
			if (steps.length === 0) {
				return stop;
			}
			return fc.oneof(
				stop,
				fc
					.constantFrom(...steps)
					.chain((step) => walk((current as Record<string | number, unknown>)[step], [...path, step])),
			);
		};
		return walk(value, []).map(({ path, expected }) => ({ value, path, expected }));
	},
);

/** Paths as users might type them, well-formed or not. */
const pathText = fc.oneof(
	fc.stringMatching(/^(\$\.)?[a-z_]{1,6}(\[\d{1,2}\])?(\.[a-z_]{1,6}(\[\d{1,2}\])?){0,3}$/),
	fc.string({ maxLength: 20 }),
	fc.constantFrom('', '.', '..', 'a..b', '[', ']', '[x]', '$', '$.', 'a[0', 'a.[0]', ' data.token '),
);

/** Where settings put the token, the expiry and the success field: apart, as in real answers. */
const tokenPaths = fc.constantFrom<JsonPath>(['access_token'], ['data', 'token'], ['result', 0, 'access_token']);
const expiryPaths = fc.constantFrom<JsonPath>(['expires_in'], ['data', 'expireAt'], ['result', 0, 'expires']);
const successPaths = fc.constantFrom<JsonPath>(['code'], ['errcode'], ['meta', 'statusCode']);

const endpoint: fc.Arbitrary<CustomEndpoint> = fc.record({
	url: fc.constant('https://tokens.example.com/token'),
	method: fc.constantFrom('GET' as const, 'POST' as const),
	tokenPath: tokenPaths,
	expiry: fc.oneof(
		expiryPaths.map((path) => ({ kind: 'expires-in' as const, path })),
		expiryPaths.map((path) => ({ kind: 'expires-at' as const, path })),
	),
	success: fc
		.record(
			{
				path: successPaths,
				equals: fc.oneof(fc.constantFrom(0, 200, '0', 'ok', true), anyNumber.filter(Number.isFinite)),
			},
			{ requiredKeys: ['path', 'equals'] },
		)
		.chain((rule) => fc.boolean().map((orAbsent) => ({ ...rule, ...(orAbsent ? { orAbsent: true } : {}) }))),
});

/** Writes `value` at `path` into `root`, making the objects and lists on the way. */
function setAt(root: Record<string, unknown>, path: JsonPath, value: unknown): void {
	let current: Record<string | number, unknown> = root;
	path.forEach((segment, index) => {
		if (index === path.length - 1) {
			current[segment] = value;
			return;
		}
		const next = path[index + 1];
		const existing = current[segment];
		if (typeof existing !== 'object' || existing === null) {
			current[segment] = typeof next === 'number' ? [] : {};
		}
		current = current[segment] as Record<string | number, unknown>;
	});
}

/**
 * An answer written for the settings (token, expiry and success value where they say, each possibly bent), so the
 * success branch is reached often; or any hostile JSON.
 */
function answerFor(settings: CustomEndpoint, at: number): fc.Arbitrary<unknown> {
	const coherent = fc
		.record({
			token: fc.oneof(
				{ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
				{ weight: 1, arbitrary: hostileJson() },
			),
			lifetimeSeconds: fc.oneof(
				{ weight: 4, arbitrary: fc.integer({ min: 1, max: 90_000 }) },
				{ weight: 1, arbitrary: anyNumber },
			),
			expiryAs: fc.constantFrom('number', 'text', 'ms', 'iso'),
			success: fc.oneof(
				{ weight: 4, arbitrary: fc.constant(settings.success.equals) },
				{ weight: 1, arbitrary: hostileJson() },
			),
			dropSuccess: fc.oneof(
				{ weight: 4, arbitrary: fc.constant(false) },
				{ weight: 1, arbitrary: fc.constant(true) },
			),
			extras: fc.dictionary(fc.constantFrom('message', 'errcode', 'errmsg'), hostileJson(), { maxKeys: 2 }),
		})
		.map(({ token, lifetimeSeconds, expiryAs, success, dropSuccess, extras }) => {
			const root: Record<string, unknown> = { ...extras };
			const instantSeconds = Math.floor(at / 1000) + lifetimeSeconds;
			const expiry =
				settings.expiry.kind === 'expires-in'
					? expiryAs === 'text'
						? String(lifetimeSeconds)
						: lifetimeSeconds
					: expiryAs === 'ms'
						? instantSeconds * 1000
						: expiryAs === 'text'
							? String(instantSeconds)
							: expiryAs === 'iso' && Number.isFinite(instantSeconds) && Math.abs(instantSeconds) < 8e12
								? new Date(instantSeconds * 1000).toISOString()
								: instantSeconds;
			if (!dropSuccess) {
				setAt(root, settings.success.path, success);
			}
			setAt(root, settings.expiry.path, expiry);
			setAt(root, settings.tokenPath, token);
			return JSON.parse(JSON.stringify(root)) as unknown;
		});
	return fc.oneof(
		{ weight: 4, arbitrary: coherent },
		{ weight: 1, arbitrary: hostileJson(['code', 'errcode', 'data', 'access_token', 'message']) },
	);
}

/** Mostly 200, so answers get read; every other kind of status too. */
const status = fc.oneof(
	{ weight: 4, arbitrary: fc.constant(200) },
	{ weight: 2, arbitrary: fc.constantFrom(201, 204, 299, 400, 401, 403, 404, 418, 429, 500, 503) },
);

const scenarios = receivedAt.chain((at) =>
	endpoint.chain((settings) =>
		answerFor(settings, at).chain((json) =>
			fc
				.tuple(httpResponse(fc.constant({ receivedAt: at, json })), status)
				.map(([response, code]) => ({ settings, response: { ...response, status: code } })),
		),
	),
);

describe('properties: the custom source’s JSON paths, success rule and answers', () => {
	it('a path walked into any JSON value reads back what is there, through its text form', () => {
		checkProperty(
			SUITE,
			fc.property(valueWithPath, ({ value, path, expected }) => {
				const reparsed = parseJsonPath(formatJsonPath(path));
				assert.deepEqual(reparsed, path);
				assert.deepEqual(readJsonPath(value, reparsed ?? []), expected);
			}),
			1000,
		);
	});

	it('parseJsonPath and readJsonPath never throw; what parses formats back to itself', () => {
		checkProperty(
			SUITE,
			fc.property(pathText, hostileJson(), (text, value) => {
				const path = parseJsonPath(text);
				if (path !== undefined) {
					assert.deepEqual(parseJsonPath(formatJsonPath(path)), path);
					assert.ok(
						path.every((segment) =>
							typeof segment === 'number'
								? Number.isInteger(segment) && segment >= 0
								: segment !== '' && !/[.[\]\s]/.test(segment),
						),
					);
					readJsonPath(value, path);
				}
			}),
			1000,
		);
	});

	it('readCustomTokenResponse: a plausible token only for a 2xx answer that meets the rule, else a TokenError', () => {
		checkProperty(
			SUITE,
			fc.property(scenarios, ({ response, settings }) => {
				const result = outcomeOf(() =>
					readCustomTokenResponse(response, settings, 'https://tokens.example.com'),
				);
				if (!result.ok) {
					return;
				}
				const token = result.value;
				assert.ok(response.status >= 200 && response.status < 300, `a token with HTTP ${response.status}`);
				assert.ok(
					meetsSuccessRule(response.json, settings.success),
					'a token from an answer that misses the rule',
				);
				assert.equal(token.accessToken, readJsonPath(response.json, settings.tokenPath));
				assert.notEqual(token.accessToken.trim(), '');
				assert.ok(
					Number.isFinite(token.expiresAt) &&
						token.expiresAt > response.receivedAt &&
						token.expiresAt - response.receivedAt <= DAY_MS,
				);
				assert.equal(token.source, 'custom');
			}),
			3000,
		);
	});
});
