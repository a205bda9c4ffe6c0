import type { Fault } from '../../sandbox/faults';
import { SANDBOX_AUTHING } from '../../sandbox/fixtures';
import type { TokenSourceKind } from '../../../src/core/tokenTypes';

/**
 * The fault matrix of issue 6, item 1: each fault, how to arm it in the sandbox, and the outcome each source must
 * end in when the fault hits a refresh through TokenService (`custom`: the sandbox's team envelope server). Outcomes read `ok`, `ok after N retries`, `<reason>` or
 * `<reason> ×N` (N attempts, all failed); `n/a` where the fault cannot happen on that source's route.
 */
/** `Omit` that keeps a union a union, so each fault keeps its own fields. */
type WithoutPath<T> = T extends unknown ? Omit<T, 'path'> : never;

export interface FaultRow {
	readonly name: string;
	/** The sandbox fault on the source's token path; `refused` points the app at a port nobody listens on instead. */
	readonly fault: WithoutPath<Fault> | 'refused' | 'redirect';
	/** Where to arm the fault when not on the source's token request. */
	readonly path?: string;
	/** Short deadline for the rows about slowness; others get the usual one. */
	readonly timeoutMs?: number;
	readonly expect: { readonly [K in TokenSourceKind]: string };
}

/** The same outcome for every source, except classic WeChat which, unless said otherwise, gives up at once. */
function retried(outcome: string, classic = outcome.replace(/ ×\d+$/, '')): FaultRow['expect'] {
	return {
		authing: outcome,
		'authing-management': outcome,
		'wechat-stable': outcome,
		wechat: classic,
		custom: outcome,
	};
}

function everywhere(outcome: string): FaultRow['expect'] {
	return retried(outcome, outcome);
}

/** Authing's own envelope: there is no such thing on WeChat's routes, nor on a team's token server. */
function authingOnly(outcome: string): FaultRow['expect'] {
	return { authing: outcome, 'authing-management': outcome, 'wechat-stable': 'n/a', wechat: 'n/a', custom: 'n/a' };
}

const SHORT_DEADLINE_MS = 120;

export const FAULT_ROWS: readonly FaultRow[] = [
	// Network: retried (the request may not have arrived), except classic WeChat, where a cut request may still have
	// minted a token and a second one would kill it. A refused connection sent nothing, so classic retries it too.
	{ name: 'connection refused', fault: 'refused', expect: everywhere('network ×3') },
	{ name: 'reset mid-body', fault: { kind: 'reset-mid-body' }, expect: retried('network ×3') },
	{
		name: 'reset mid-body, once',
		fault: { kind: 'reset-mid-body', times: 1 },
		expect: retried('ok after 1 retry', 'network'),
	},
	{
		name: 'timeout (no answer)',
		fault: { kind: 'slow', delayMs: 3_000 },
		timeoutMs: SHORT_DEADLINE_MS,
		expect: retried('timeout ×3'),
	},
	{
		name: 'slow drip',
		fault: { kind: 'drip', intervalMs: 40 },
		timeoutMs: SHORT_DEADLINE_MS,
		expect: retried('timeout ×3'),
	},
	// HTTP errors with HTML bodies: 429 is retried everywhere (nothing was done), 5xx everywhere but classic.
	{
		name: 'HTTP 429 HTML',
		fault: { kind: 'http-error', status: 429, body: 'html' },
		expect: everywhere('rate-limited ×3'),
	},
	{
		name: 'HTTP 500 HTML',
		fault: { kind: 'http-error', status: 500, body: 'html' },
		expect: retried('server-error ×3'),
	},
	{
		name: 'HTTP 502 HTML',
		fault: { kind: 'http-error', status: 502, body: 'html' },
		expect: retried('server-error ×3'),
	},
	{
		name: 'HTTP 503 HTML',
		fault: { kind: 'http-error', status: 503, body: 'html' },
		expect: retried('server-error ×3'),
	},
	{
		name: 'HTTP 502 HTML, twice',
		fault: { kind: 'http-error', status: 502, body: 'html', times: 2 },
		expect: retried('ok after 2 retries', 'server-error'),
	},
	// The management route's first request, for its management token, is retried as part of the whole exchange.
	{
		name: 'HTTP 502 on get-management-token, twice',
		fault: { kind: 'http-error', status: 502, body: 'html', times: 2 },
		path: '/api/v3/get-management-token',
		expect: {
			authing: 'n/a',
			'authing-management': 'ok after 2 retries',
			'wechat-stable': 'n/a',
			wechat: 'n/a',
			custom: 'n/a',
		},
	},
	// Bodies that are not a token answer.
	{ name: '200 non-JSON', fault: { kind: 'non-json' }, expect: everywhere('bad-response') },
	{ name: 'truncated JSON', fault: { kind: 'truncated-json' }, expect: everywhere('bad-response') },
	{ name: '50 MB body', fault: { kind: 'huge-body', bytes: 50 * 1024 * 1024 }, expect: everywhere('bad-response') },
	// Authing's envelope.
	{
		name: 'Authing statusCode 500',
		fault: { kind: 'authing-status', statusCode: 500, message: 'internal error' },
		expect: authingOnly('server-error ×3'),
	},
	{
		name: 'Authing 500, apiCode "1000", twice',
		fault: { kind: 'authing-status', statusCode: 500, apiCode: '1000', message: 'system busy', times: 2 },
		expect: authingOnly('ok after 2 retries'),
	},
	{
		name: 'Authing apiCode as string "2011"',
		fault: { kind: 'authing-status', statusCode: 400, apiCode: '2011', message: 'app not found' },
		expect: authingOnly('app-not-found'),
	},
	// WeChat's errcodes (relayed by Authing on its routes).
	{ name: 'WeChat -1', fault: { kind: 'wechat-errcode', errcode: -1 }, expect: everywhere('server-error ×3') },
	{
		name: 'WeChat -1, once',
		fault: { kind: 'wechat-errcode', errcode: -1, times: 1 },
		expect: everywhere('ok after 1 retry'),
	},
	{ name: 'WeChat 45009', fault: { kind: 'wechat-errcode', errcode: 45009 }, expect: everywhere('quota-exceeded') },
	{ name: 'WeChat 45011', fault: { kind: 'wechat-errcode', errcode: 45011 }, expect: everywhere('rate-limited ×3') },
	{
		name: 'WeChat 40164',
		fault: { kind: 'wechat-errcode', errcode: 40164 },
		expect: everywhere('ip-not-whitelisted'),
	},
	{
		name: 'WeChat 89503',
		fault: { kind: 'wechat-errcode', errcode: 89503 },
		expect: everywhere('ip-awaiting-confirmation'),
	},
	// The token and its expiry, bent.
	{ name: 'token missing', fault: { kind: 'token', value: 'missing' }, expect: everywhere('bad-response') },
	{ name: 'token not a string', fault: { kind: 'token', value: 'number' }, expect: everywhere('bad-response') },
	// A token goes into shells (tasks, terminals, Copy As… curl): one with a command or a line break in it is no token.
	{
		name: 'token with $(…) in it',
		fault: { kind: 'token', value: 'literal', text: '86_Ab-9$(touch /tmp/owned)' },
		expect: everywhere('bad-response'),
	},
	{
		name: 'token with a line break',
		fault: { kind: 'token', value: 'literal', text: '86_Ab-9\nexport PATH=/tmp' },
		expect: everywhere('bad-response'),
	},
	{
		name: 'management token with a space',
		fault: {
			kind: 'token',
			value: 'literal',
			text: `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ scoped_userpool_id: SANDBOX_AUTHING.userPoolId })).toString('base64url')}.sig nature`,
		},
		path: '/api/v3/get-management-token',
		expect: {
			authing: 'n/a',
			'authing-management': 'bad-response',
			'wechat-stable': 'n/a',
			wechat: 'n/a',
			custom: 'n/a',
		},
	},
	{ name: 'expiry missing', fault: { kind: 'expiry-format', format: 'missing' }, expect: everywhere('bad-response') },
	// Authing's expiresAt in ms is a documented variant; WeChat's expires_in in ms would be a 83-day token: refused.
	// The team server's column reads an instant (`expiresAtPath`), which may be Unix s or ms, or ISO 8601 text.
	{
		name: 'expiry in ms',
		fault: { kind: 'expiry-format', format: 'ms' },
		expect: {
			authing: 'ok',
			'authing-management': 'ok',
			'wechat-stable': 'bad-response',
			wechat: 'bad-response',
			custom: 'ok',
		},
	},
	{
		name: 'expiry in the past',
		fault: { kind: 'expiry-format', format: 'past' },
		expect: everywhere('bad-response'),
	},
	{
		name: 'expiry as ISO text',
		fault: { kind: 'expiry-format', format: 'iso' },
		expect: { ...everywhere('bad-response'), custom: 'ok' },
	},
	{ name: 'redirect to another origin', fault: 'redirect', expect: everywhere('redirect-refused') },
];
