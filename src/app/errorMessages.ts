import type { TokenErrorReason } from '../core/errors';
import { TokenError } from '../core/errors';
import type { TokenSourceKind } from '../core/tokenTypes';
import type { CredentialErrorReason } from './appErrors';
import { CredentialError } from './appErrors';
import type { Localizer } from './localizer';
import { NUMERIC_SETTINGS } from './numericSettings';

/** What a button under an error message does. The UI maps each to a command or a link. */
export const ERROR_ACTIONS = ['setCredentials', 'showLog', 'openIpWhitelistDocs', 'retry', 'openSettings'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** WeChat's page on getting an access token, which explains the API IP whitelist and where to set it. */
export const IP_WHITELIST_DOCS_URL = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html';

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

type Reason = TokenErrorReason | CredentialErrorReason;
type Describe = (error: TokenError | CredentialError, context: ErrorContext, l10n: Localizer) => ErrorPresentation;

const MESSAGES: { readonly [K in Reason]: Describe } = {
	'invalid-app-id': (_e, _c, l10n) => ({
		message: l10n.t('WeChat does not accept the AppID. Check the app’s “appId” in the settings.'),
		actions: ['openSettings', 'showLog'],
	}),
	'invalid-app-secret': (_e, c, l10n) =>
		c.source === 'custom'
			? {
					// The team's server holds the AppSecret; nothing entered here can fix it.
					message: l10n.t('WeChat refused the AppSecret your token server uses. Ask whoever runs the token server to update it.'),
					actions: ['showLog'],
				}
			: {
					message: l10n.t('The AppSecret was refused. Enter the current AppSecret from the WeChat platform (Development → Basic settings).'),
					actions: ['setCredentials', 'showLog'],
				},
	'ip-not-whitelisted': (e, _c, l10n) => ({
		message: ip(e)
			? l10n.t({
					message: 'WeChat refused the call from IP {0}: it is not in the app’s API IP whitelist. Add it on the WeChat platform (Development → Basic settings → IP whitelist), then retry.',
					args: [ip(e) ?? ''],
					comment: ['{0} is an IP address'],
				})
			: l10n.t('WeChat refused the call: the caller’s IP address is not in the app’s API IP whitelist. Add it on the WeChat platform (Development → Basic settings → IP whitelist), then retry.'),
		actions: ['openIpWhitelistDocs', 'retry', 'showLog'],
	}),
	'ip-awaiting-confirmation': (e, _c, l10n) => ({
		message: ip(e)
			? l10n.t({
					message: 'WeChat is waiting for an administrator to confirm calls from IP {0}. Ask the administrator to confirm it, then retry.',
					args: [ip(e) ?? ''],
					comment: ['{0} is an IP address'],
				})
			: l10n.t('WeChat is waiting for an administrator to confirm calls from this IP address. Ask the administrator to confirm it, then retry.'),
		actions: ['retry', 'openIpWhitelistDocs'],
	}),
	'ip-refused': (e, _c, l10n) => ({
		message: ip(e)
			? l10n.t({
					message: 'An administrator refused calls from IP {0}. Add the IP to the API IP whitelist, or try again later.',
					args: [ip(e) ?? ''],
					comment: ['{0} is an IP address'],
				})
			: l10n.t('An administrator refused calls from this IP address. Add it to the API IP whitelist, or try again later.'),
		actions: ['openIpWhitelistDocs', 'showLog'],
	}),
	'quota-exceeded': (_e, _c, l10n) => ({
		message: l10n.t('The daily limit for this call is used up; it resets at midnight Beijing time. A token you already have stays valid until it expires.'),
		actions: ['showLog'],
	}),
	'rate-limited': (_e, _c, l10n) => ({
		message: l10n.t('Too many requests in a short time. Wait a minute, then retry.'),
		actions: ['retry'],
	}),
	frozen: (_e, _c, l10n) => ({
		message: l10n.t('The AppSecret or the account is frozen. Unfreeze it on the WeChat platform.'),
		actions: ['showLog'],
	}),
	'app-not-found': (_e, c, l10n) => ({
		message:
			c.source === 'custom'
				? l10n.t({
						message: '{0} has no token at this address (HTTP 404). Check “custom.url” in the settings, and that the server serves this AppID.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t('Authing does not know this application or user pool. Check the host and the Authing IDs in the settings.'),
		actions: ['openSettings', 'showLog'],
	}),
	unauthorized: (_e, c, l10n) => unauthorized(c, l10n),
	'server-error': (_e, _c, l10n) => ({
		message: l10n.t('The service had a problem answering. Retry in a moment.'),
		actions: ['retry', 'showLog'],
	}),
	rejected: (e, _c, l10n) => ({
		message: l10n.t({
			message: 'The request was refused: {0}',
			args: [(TokenError.is(e) ? e.details.upstreamMessage : undefined) ?? l10n.t('no reason given')],
			comment: ['{0} is the reason the server gave, in its own words'],
		}),
		actions: ['showLog'],
	}),
	network: (_e, c, l10n) => ({
		message: l10n.t({
			message: 'Could not reach {0}. Check your network connection and proxy, then retry.',
			args: [hostOf(c, l10n)],
			comment: ['{0} is a server address'],
		}),
		actions: ['retry', 'showLog'],
	}),
	timeout: (_e, c, l10n) => ({
		message: l10n.t({
			message: 'No answer from {0} within {1} seconds. Retry, or raise the request timeout in the settings.',
			args: [hostOf(c, l10n), c.timeoutSeconds ?? NUMERIC_SETTINGS.requestTimeoutSeconds.default],
			comment: ['{0} is a server address, {1} a number of seconds'],
		}),
		actions: ['retry', 'openSettings'],
	}),
	cancelled: (_e, _c, l10n) => ({ message: l10n.t('Cancelled.'), actions: [] }),
	'bad-response': (_e, c, l10n) => ({
		message:
			c.source === 'custom'
				? l10n.t({
						message: 'The answer from {0} had no token and expiry where the settings say. Check “custom.tokenPath” and the expiry path in the settings; the log has the details.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t({
						message: 'The answer from {0} was not a token. Check that the host is right; the log has the details.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					}),
		actions: ['showLog', 'openSettings'],
	}),
	'redirect-refused': (_e, c, l10n) => ({
		message:
			c.source === 'custom'
				? l10n.t({
						message: '{0} answered with a redirect. It was not followed, because the request carries your credentials. Check “custom.url” in the settings.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t({
						message: '{0} answered with a redirect. It was not followed, because the request carries your credentials. Check the host in the settings.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					}),
		actions: ['openSettings', 'showLog'],
	}),
	'invalid-host': (_e, c, l10n) => ({
		message:
			c.source === 'custom'
				? l10n.t({
						message: 'Credentials are not sent to {0}: “custom.url” must be an https:// address (http:// only for this computer) without user name or fragment, and “custom.authHeader” a plain header name.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					})
				: l10n.t({
						message: 'Credentials are not sent to {0}: use an https:// address (http:// only for this computer), without user name, query or fragment.',
						args: [hostOf(c, l10n)],
						comment: ['{0} is a server address'],
					}),
		actions: ['openSettings'],
	}),
	'classic-not-acknowledged': (_e, _c, l10n) => ({
		message: l10n.t('WeChat’s classic token endpoint invalidates the token your servers use, so it is only called after you allow it. Retry and choose to allow it.'),
		actions: ['retry'],
	}),
	'credentials-missing': (_e, c, l10n) => ({
		message: l10n.t({
			message: 'No credentials are stored for this app at {0}. Enter them to get a token.',
			args: [hostOf(c, l10n)],
			comment: ['{0} is a server address; credentials are stored per address'],
		}),
		actions: ['setCredentials'],
	}),
	'secret-storage-unavailable': (_e, _c, l10n) => ({
		message: l10n.t('The secret storage (your system keyring) could not be used, so secrets cannot be read or saved. Check that a keyring is running; the log has the details.'),
		actions: ['showLog'],
	}),
};

/**
 * The message and buttons for a failure, naming the app and adding WeChat's errcode and request id when known.
 * `undefined` for a cancellation: the user asked for it, nothing to say.
 */
export function presentError(error: unknown, context: ErrorContext, l10n: Localizer): ErrorPresentation | undefined {
	if (TokenError.is(error, 'cancelled')) {
		return undefined;
	}
	const { message, actions } =
		TokenError.is(error) || CredentialError.is(error)
			? MESSAGES[error.reason](error, context, l10n)
			: {
					message: l10n.t({
						message: 'Something unexpected went wrong: {0}. The log has the details.',
						args: [error instanceof Error ? error.message : String(error)],
						comment: ['{0} is an error message in English'],
					}),
					actions: ['showLog'] as const,
				};
	const details = TokenError.is(error) ? detailsOf(error, l10n) : '';
	const text = details === '' ? message : `${message} (${details})`;
	return {
		message:
			context.appName === undefined
				? text
				: l10n.t({ message: '“{0}”: {1}', args: [context.appName, text], comment: ['{0} is the app name, {1} the message about it'] }),
		actions,
	};
}

/** A few words for the tree item's description. */
export function errorSummary(error: unknown, l10n: Localizer): string {
	if (!(TokenError.is(error) || CredentialError.is(error))) {
		return l10n.t('failed');
	}
	switch (error.reason) {
		case 'invalid-app-id':
			return l10n.t('invalid AppID');
		case 'invalid-app-secret':
			return l10n.t('AppSecret refused');
		case 'ip-not-whitelisted':
			return l10n.t('IP not whitelisted');
		case 'ip-awaiting-confirmation':
			return l10n.t('IP awaiting confirmation');
		case 'ip-refused':
			return l10n.t('IP refused');
		case 'quota-exceeded':
			return l10n.t('daily quota used up');
		case 'rate-limited':
			return l10n.t('rate limited');
		case 'frozen':
			return l10n.t('frozen');
		case 'app-not-found':
			return l10n.t('application not found');
		case 'unauthorized':
			return l10n.t('credentials refused');
		case 'server-error':
			return l10n.t('server error');
		case 'rejected':
			return l10n.t('request refused');
		case 'network':
			return l10n.t('network error');
		case 'timeout':
			return l10n.t('timed out');
		case 'cancelled':
			return l10n.t('cancelled');
		case 'bad-response':
			return l10n.t('unexpected answer');
		case 'redirect-refused':
			return l10n.t('redirect refused');
		case 'invalid-host':
			return l10n.t('host not allowed');
		case 'classic-not-acknowledged':
			return l10n.t('classic endpoint not allowed');
		case 'credentials-missing':
			return l10n.t('credentials missing');
		case 'secret-storage-unavailable':
			return l10n.t('secret storage unavailable');
	}
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
	}
}

/** Whose credentials were refused depends on the source: an Authing user login, an access key, or an auth header. */
function unauthorized(context: ErrorContext, l10n: Localizer): ErrorPresentation {
	switch (context.source) {
		case 'custom':
			return {
				message: l10n.t({
					message: '{0} refused the request’s credentials. Enter the value of its auth header again; if it wants one and none is named, set “custom.authHeader” in the settings first.',
					args: [hostOf(context, l10n)],
					comment: ['{0} is a server address'],
				}),
				actions: ['setCredentials', 'openSettings', 'showLog'],
			};
		case 'authing':
			return {
				message: l10n.t('Authing wants a logged-in user for this application. Enter a valid user access token with the credentials.'),
				actions: ['setCredentials', 'showLog'],
			};
		default:
			return {
				message: l10n.t('The access key was refused. Check the access key ID in the settings and enter the access key secret again.'),
				actions: ['setCredentials', 'openSettings', 'showLog'],
			};
	}
}

/** Failures about a host always come with one; the words are a fallback for an unexpected call. */
function hostOf(context: ErrorContext, l10n: Localizer): string {
	return context.host ?? l10n.t('the server');
}

function ip(error: TokenError | CredentialError): string | undefined {
	return TokenError.is(error) ? error.details.ip : undefined;
}

function detailsOf(error: TokenError, l10n: Localizer): string {
	const parts: string[] = [];
	if (error.details.errcode !== undefined) {
		parts.push(l10n.t({ message: 'WeChat error {0}', args: [error.details.errcode], comment: ['{0} is WeChat’s numeric errcode'] }));
	}
	if (error.details.requestId !== undefined) {
		parts.push(l10n.t({ message: 'request ID {0}', args: [error.details.requestId], comment: ['{0} is the id support asks for'] }));
	}
	return parts.join(', ');
}
