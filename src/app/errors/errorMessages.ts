import type { AccessTokenErrorCode } from '../../api/wechatAccessTokenApi';
import { TokenError } from '../../core/errors';
import type { TokenSourceKind } from '../../core/tokenTypes';
import { ClassicMintDeclinedError } from './appErrors';
import type { FailureReason, KnownFailure } from './knownFailure';
import { isKnownFailure } from './knownFailure';
import type { Localizer } from '../ports/localizer';
import { NUMERIC_SETTINGS } from '../config/numericSettings';
import { shortenUpstreamText } from './upstreamText';

/** What a button under an error message does. The UI maps each to a command or a link. */
export const ERROR_ACTIONS = [
	'setCredentials',
	'showLog',
	'openIpWhitelistDocs',
	'retry',
	'openSettings',
	'getToken',
	'copyIp',
	'explainRid',
] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** WeChat's page on getting an access token, which explains the API IP whitelist and where to set it. */
export const IP_WHITELIST_DOCS_URL =
	'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html';

/** Where the failure happened, so the message can name the app and its host. */
export interface ErrorContext {
	readonly appName?: string;
	readonly host?: string;
	readonly source?: TokenSourceKind;
	readonly timeoutSeconds?: number;
}

export interface ErrorPresentation {
	readonly message: string;
	readonly actions: readonly ErrorAction[];
}

/** What the UI and the API make of one reason a token could not be had. */
export interface FailurePresentation {
	/** The sentence for the notification and the tree's tooltip; the app's name and WeChat's details go around it. */
	readonly message: (error: KnownFailure, context: ErrorContext, l10n: Localizer) => string;
	/** The buttons under the message, the most helpful first. */
	readonly actions: readonly ErrorAction[] | ((context: ErrorContext) => readonly ErrorAction[]);
	/** A few words for the tree item's description, the status bar's tooltip and the expiry alert. */
	readonly summary: (l10n: Localizer) => string;
	/** The `code` the API for other extensions rejects with (src/api/wechatAccessTokenApi.ts). */
	readonly apiCode: AccessTokenErrorCode;
}

/**
 * One entry for every reason of `TokenError` and `CredentialError`, each with all four parts: a reason added to either
 * does not build until it has its entry here (test/unit/app/errors/failureTable.test.ts shows the compiler refusing).
 */
export type FailureTable = { readonly [R in FailureReason]: FailurePresentation };

export const FAILURES: FailureTable = {
	'invalid-app-id': {
		message: (_e, _c, l10n) => l10n.t('WeChat does not accept the AppID. Check the app’s “appId” in the settings.'),
		actions: ['openSettings', 'showLog'],
		summary: (l10n) => l10n.t('invalid AppID'),
		apiCode: 'invalid-app-id',
	},
	'invalid-app-secret': {
		message: (_e, c, l10n) =>
			c.source === 'custom'
				? l10n.t(
						'WeChat refused the AppSecret your token server uses. Ask whoever runs the token server to update it.',
					)
				: l10n.t(
						'The AppSecret was refused. Enter the current AppSecret from the WeChat platform (Development → Basic settings).',
					),
		// The team's server holds the AppSecret of a custom source; nothing entered here can fix it.
		actions: (c) => (c.source === 'custom' ? ['showLog'] : ['setCredentials', 'showLog']),
		summary: (l10n) => l10n.t('AppSecret refused'),
		apiCode: 'invalid-app-secret',
	},
	'ip-not-whitelisted': {
		message: (e, _c, l10n) =>
			ip(e)
				? l10n.t({
						message:
							'WeChat refused the call from IP {0}: it is not in the app’s API IP whitelist. Add it on the WeChat platform (Development → Basic settings → IP whitelist), then retry.',
						args: [ip(e) ?? ''],
						comment: ['{0} is an IP address'],
					})
				: l10n.t(
						'WeChat refused the call: the caller’s IP address is not in the app’s API IP whitelist. Add it on the WeChat platform (Development → Basic settings → IP whitelist), then retry.',
					),
		actions: ['openIpWhitelistDocs', 'retry', 'showLog'],
		summary: (l10n) => l10n.t('IP not whitelisted'),
		apiCode: 'ip-not-whitelisted',
	},
	'ip-awaiting-confirmation': {
		message: (e, _c, l10n) =>
			ip(e)
				? l10n.t({
						message:
							'WeChat is waiting for an administrator to confirm calls from IP {0}. Ask the administrator to confirm it, then retry.',
						args: [ip(e) ?? ''],
						comment: ['{0} is an IP address'],
					})
				: l10n.t(
						'WeChat is waiting for an administrator to confirm calls from this IP address. Ask the administrator to confirm it, then retry.',
					),
		actions: ['retry', 'openIpWhitelistDocs'],
		summary: (l10n) => l10n.t('IP awaiting confirmation'),
		apiCode: 'ip-awaiting-confirmation',
	},
	'ip-refused': {
		message: (e, _c, l10n) =>
			ip(e)
				? l10n.t({
						message:
							'An administrator refused calls from IP {0}. Add the IP to the API IP whitelist, or try again later.',
						args: [ip(e) ?? ''],
						comment: ['{0} is an IP address'],
					})
				: l10n.t(
						'An administrator refused calls from this IP address. Add it to the API IP whitelist, or try again later.',
					),
		actions: ['openIpWhitelistDocs', 'showLog'],
		summary: (l10n) => l10n.t('IP refused'),
		apiCode: 'ip-refused',
	},
	'quota-exceeded': {
		message: (_e, _c, l10n) =>
			l10n.t(
				'The daily limit for this call is used up; it resets at midnight Beijing time. A token you already have stays valid until it expires.',
			),
		actions: ['showLog'],
		summary: (l10n) => l10n.t('daily quota used up'),
		apiCode: 'quota-exceeded',
	},
	'rate-limited': {
		message: (_e, _c, l10n) => l10n.t('Too many requests in a short time. Wait a minute, then retry.'),
		actions: ['retry'],
		summary: (l10n) => l10n.t('rate limited'),
		apiCode: 'rate-limited',
	},
	frozen: {
		message: (_e, _c, l10n) =>
			l10n.t('The AppSecret or the account is frozen. Unfreeze it on the WeChat platform.'),
		actions: ['showLog'],
		summary: (l10n) => l10n.t('frozen'),
		apiCode: 'frozen',
	},
	'app-not-found': {
		message: (_e, c, l10n) =>
			c.source === 'custom'
				? l10n.t({
						message:
							'{0} has no token at this address (HTTP 404). Check “custom.url” in the settings, and that the server serves this AppID.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t(
						'Authing does not know this application or user pool. Check the host and the Authing IDs in the settings.',
					),
		actions: ['openSettings', 'showLog'],
		summary: (l10n) => l10n.t('application not found'),
		apiCode: 'app-not-found',
	},
	unauthorized: {
		message: (_e, c, l10n) => unauthorizedMessage(c, l10n),
		actions: (c) =>
			c.source === 'authing' ? ['setCredentials', 'showLog'] : ['setCredentials', 'openSettings', 'showLog'],
		summary: (l10n) => l10n.t('credentials refused'),
		apiCode: 'unauthorized',
	},
	'server-error': {
		message: (_e, _c, l10n) => l10n.t('The service had a problem answering. Retry in a moment.'),
		actions: ['retry', 'showLog'],
		summary: (l10n) => l10n.t('server error'),
		apiCode: 'server-error',
	},
	rejected: {
		message: (e, _c, l10n) =>
			l10n.t({
				message: 'The request was refused: {0}',
				args: [upstreamMessageOf(e) ?? l10n.t('no reason given')],
				comment: ['{0} is the reason the server gave, in its own words'],
			}),
		actions: ['showLog'],
		summary: (l10n) => l10n.t('request refused'),
		apiCode: 'rejected',
	},
	network: {
		message: (_e, c, l10n) =>
			l10n.t({
				message: 'Could not reach {0}. Check your network connection and proxy, then retry.',
				args: [hostOf(c, l10n)],
				comment: ['{0} is a server address'],
			}),
		actions: ['retry', 'showLog'],
		summary: (l10n) => l10n.t('network error'),
		apiCode: 'network',
	},
	timeout: {
		message: (_e, c, l10n) =>
			l10n.t({
				message: 'No answer from {0} within {1} seconds. Retry, or raise the request timeout in the settings.',
				args: [hostOf(c, l10n), c.timeoutSeconds ?? NUMERIC_SETTINGS.requestTimeoutSeconds.default],
				comment: ['{0} is a server address, {1} a number of seconds'],
			}),
		actions: ['retry', 'openSettings'],
		summary: (l10n) => l10n.t('timed out'),
		apiCode: 'timeout',
	},
	// `presentError` shows nothing for a cancellation; the API still rejects with a message.
	cancelled: {
		message: (_e, _c, l10n) => l10n.t('Cancelled.'),
		actions: [],
		summary: (l10n) => l10n.t('cancelled'),
		apiCode: 'cancelled',
	},
	'bad-response': {
		message: (_e, c, l10n) =>
			c.source === 'custom'
				? l10n.t({
						message:
							'The answer from {0} had no usable token and expiry where the settings say. Check “custom.tokenPath” and the expiry path in the settings; the log has the details.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t({
						message:
							'The answer from {0} was not a token. Check that the host is right; the log has the details.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					}),
		actions: ['showLog', 'openSettings'],
		summary: (l10n) => l10n.t('unexpected answer'),
		apiCode: 'bad-response',
	},
	'redirect-refused': {
		message: (_e, c, l10n) =>
			c.source === 'custom'
				? l10n.t({
						message:
							'{0} answered with a redirect. It was not followed, because the request carries your credentials. Check “custom.url” in the settings.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t({
						message:
							'{0} answered with a redirect. It was not followed, because the request carries your credentials. Check the host in the settings.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					}),
		actions: ['openSettings', 'showLog'],
		summary: (l10n) => l10n.t('redirect refused'),
		apiCode: 'redirect-refused',
	},
	'invalid-host': {
		message: (_e, c, l10n) =>
			c.source === 'custom'
				? l10n.t({
						message:
							'Credentials are not sent to {0}: “custom.url” must be an https:// address (http:// only to 127.0.0.1 or localhost) without user name or fragment, and “custom.authHeader” a plain header name.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t({
						message:
							'Credentials are not sent to {0}: use an https:// address (http:// only to 127.0.0.1 or localhost), without user name, query or fragment.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					}),
		actions: ['openSettings'],
		summary: (l10n) => l10n.t('host not allowed'),
		apiCode: 'invalid-host',
	},
	'classic-not-acknowledged': {
		message: (_e, _c, l10n) =>
			l10n.t(
				'WeChat’s classic token endpoint invalidates the token your servers use, so it is only called after you allow it. Retry and choose to allow it.',
			),
		actions: ['retry'],
		summary: (l10n) => l10n.t('classic endpoint not allowed'),
		// The API's own name for every classic refusal.
		apiCode: 'classic-not-allowed',
	},
	'force-refresh-unconfirmed': {
		message: (_e, _c, l10n) =>
			l10n.t(
				'The answer to the forced refresh was lost. WeChat may have issued a new token: Get fetches the current one.',
			),
		// Not "Retry": a second force would rotate the token again (or be refused inside WeChat's 30 s spacing). A normal
		// Get never invalidates anything and returns whichever token is in force now.
		actions: ['getToken', 'showLog'],
		summary: (l10n) => l10n.t('forced refresh unconfirmed'),
		apiCode: 'force-refresh-unconfirmed',
	},
	'credentials-missing': {
		message: (_e, c, l10n) =>
			l10n.t({
				message: 'No credentials are stored for this app at {0}. Enter them to get a token.',
				args: [hostOf(c, l10n)],
				comment: ['{0} is a server address; credentials are stored per address'],
			}),
		actions: ['setCredentials'],
		summary: (l10n) => l10n.t('credentials missing'),
		apiCode: 'credentials-missing',
	},
	'secret-storage-unavailable': {
		message: (_e, _c, l10n) =>
			l10n.t(
				'The secret storage (your system keyring) could not be used, so secrets cannot be read or saved. Check that a keyring is running; the log has the details.',
			),
		actions: ['showLog'],
		summary: (l10n) => l10n.t('secret storage unavailable'),
		apiCode: 'secret-storage-unavailable',
	},
};

/**
 * The message and buttons for a failure, naming the app and adding WeChat's errcode and request id when known.
 * `undefined` for a cancellation or a declined classic request: the user asked for it, nothing to say.
 */
export function presentError(error: unknown, context: ErrorContext, l10n: Localizer): ErrorPresentation | undefined {
	if (TokenError.is(error, 'cancelled') || ClassicMintDeclinedError.is(error)) {
		return undefined;
	}
	const { message, actions } = isKnownFailure(error)
		? presentKnown(error, context, l10n)
		: {
				message: l10n.t({
					message: 'Something unexpected went wrong: {0}. The log has the details.',
					args: [error instanceof Error ? error.message : String(error)],
					comment: ['{0} is an error message in English'],
				}),
				actions: ['showLog'] as const,
			};
	const details = TokenError.is(error) ? detailsOf(error, l10n) : '';
	// The brackets are the language's own: full-width in Chinese.
	const text =
		details === ''
			? message
			: l10n.t({
					message: '{0} ({1})',
					args: [message, details],
					comment: ['{0} is a message, {1} details after it, e.g. WeChat error 40164, request ID …'],
				});
	const offered = TokenError.is(error) ? withDiagnosticActions(actions, error) : actions;
	return {
		message:
			context.appName === undefined
				? text
				: l10n.t({
						message: '“{0}”: {1}',
						args: [context.appName, text],
						comment: ['{0} is the app name, {1} the message about it'],
					}),
		actions: offered,
	};
}

/**
 * What WeChat's answer itself lets the user do: copy the IP WeChat named (to add it to the whitelist), next to the
 * docs; and look the call up by its rid ("Explain WeChat Error (rid)…"), before the log.
 */
function withDiagnosticActions(actions: readonly ErrorAction[], error: TokenError): readonly ErrorAction[] {
	const result = [...actions];
	if (error.details.ip !== undefined) {
		const docs = result.indexOf('openIpWhitelistDocs');
		result.splice(docs === -1 ? 0 : docs + 1, 0, 'copyIp');
	}
	if (error.details.errcode !== undefined && error.details.requestId !== undefined) {
		const log = result.indexOf('showLog');
		result.splice(log === -1 ? result.length : log, 0, 'explainRid');
	}
	return result;
}

/** A few words for the tree item's description. */
export function errorSummary(error: unknown, l10n: Localizer): string {
	return isKnownFailure(error) ? FAILURES[error.reason].summary(l10n) : l10n.t('failed');
}

/** The `code` the API for other extensions rejects with: the table's, and `unexpected` for anything it does not know. */
export function failureApiCode(error: unknown): AccessTokenErrorCode {
	return isKnownFailure(error) ? FAILURES[error.reason].apiCode : 'unexpected';
}

export function actionLabel(action: ErrorAction, l10n: Localizer): string {
	switch (action) {
		case 'setCredentials':
			return l10n.t('Set Credentials');
		case 'showLog':
			return l10n.t('Show Log');
		case 'openIpWhitelistDocs':
			return l10n.t('Open IP Whitelist Docs');
		case 'retry':
			return l10n.t('Retry');
		case 'openSettings':
			return l10n.t('Open Settings');
		case 'getToken':
			return l10n.t('Get Current Token');
		case 'copyIp':
			return l10n.t('Copy IP');
		case 'explainRid':
			return l10n.t('Explain Error');
	}
}

function presentKnown(error: KnownFailure, context: ErrorContext, l10n: Localizer): ErrorPresentation {
	const entry = FAILURES[error.reason];
	return {
		message: entry.message(error, context, l10n),
		actions: typeof entry.actions === 'function' ? entry.actions(context) : entry.actions,
	};
}

/** Whose credentials were refused depends on the source: an Authing user login, an access key, or an auth header. */
function unauthorizedMessage(context: ErrorContext, l10n: Localizer): string {
	switch (context.source) {
		case 'custom':
			return l10n.t({
				message:
					'{0} refused the request’s credentials. Enter the value of its auth header again; if it wants one and none is named, set “custom.authHeader” in the settings first.',
				args: [hostOf(context, l10n)],
				comment: ['{0} is a server address'],
			});
		case 'authing':
			return l10n.t(
				'Authing wants a logged-in user for this application. Enter a valid user access token with the credentials.',
			);
		default:
			return l10n.t(
				'The access key was refused. Check the access key ID in the settings and enter the access key secret again.',
			);
	}
}

/** Failures about a host always come with one; the words are a fallback for an unexpected call. */
function hostOf(context: ErrorContext, l10n: Localizer): string {
	return context.host ?? l10n.t('the server');
}

/** The server's own words, shortened: the log has them whole. */
function upstreamMessageOf(error: KnownFailure): string | undefined {
	const text = TokenError.is(error) ? error.details.upstreamMessage : undefined;
	return text === undefined || text.trim() === '' ? undefined : shortenUpstreamText(text);
}

function ip(error: KnownFailure): string | undefined {
	return TokenError.is(error) ? error.details.ip : undefined;
}

function detailsOf(error: TokenError, l10n: Localizer): string {
	const parts: string[] = [];
	if (error.details.errcode !== undefined) {
		parts.push(
			l10n.t({
				message: 'WeChat error {0}',
				args: [error.details.errcode],
				comment: ['{0} is WeChat’s numeric errcode'],
			}),
		);
	}
	if (error.details.requestId !== undefined) {
		// The server's text too (Authing's `requestId` is any string it sends).
		parts.push(
			l10n.t({
				message: 'request ID {0}',
				args: [shortenUpstreamText(error.details.requestId)],
				comment: ['{0} is the id support asks for'],
			}),
		);
	}
	return parts.join(
		l10n.t({ message: ', ', comment: ['Between two details of an error, e.g. WeChat error 40164, request ID …'] }),
	);
}
