import { jsSdkString1, sha1Hex } from './jsSdkSignature';
import type { JsSdkFields } from './jsSdkSignature';
import { preparePageUrl } from './pageUrl';
import { maskTicketInString1 } from './ticketMask';
import { urlVariants } from './urlVariants';
import type { UrlChange } from './urlVariants';

/**
 * Why a page's `wx.config` signature fails, found the way a developer would by hand, only faster: sign again under
 * each classic mistake (PROTOCOLS.md §7) and see which one reproduces the signature the page carries. The answer is
 * data (the app layer words it, in two languages); no ticket ever appears in it except masked inside a string1.
 */

export interface SignatureDiagnosisInput {
	/** The page's `wx.config` values, as pasted (see `parsePastedConfig`). */
	readonly pasted: {
		readonly appId?: string;
		readonly timestamp: string;
		readonly nonceStr: string;
		readonly signature: string;
	};
	/** The page's address as the user gave it, a `#…` part included if they copied one. */
	readonly pageUrl: string;
	/** This app's AppID: the account whose ticket should have signed. */
	readonly appId: string;
	/** This app's jsapi_ticket in force, and the one before it when known. */
	readonly tickets: { readonly current: string; readonly previous?: string };
	/** The user's other configured apps: a signature made with one of their tickets is a finding. */
	readonly otherApps?: readonly OtherApp[];
}

export interface OtherApp {
	readonly name: string;
	readonly appId: string;
	/** Its jsapi_ticket, when the extension holds one. */
	readonly ticket?: string;
}

/** The causes, in the order they are tried; the first that explains the signature is the answer. */
export const CAUSE_KINDS = [
	'timestamp-ms',
	'fragment-signed',
	'encoded-url',
	'other-url-variant',
	'nonce-case',
	'other-appid',
	'older-ticket',
] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

/**
 * How string1 or the signature was written differently from WeChat's rule (cause `nonce-case`): the key spelt
 * `nonceStr` as in `wx.config`, the pairs not sorted, spaces around the nonce or its letters changed, or the right
 * signature written in upper-case hex.
 */
export type String1Mistake =
	'upper-case-signature' | 'nonceStr-key' | 'unsorted-fields' | 'nonce-whitespace' | 'nonce-letter-case';

export type Cause =
	/**
	 * The timestamp is in milliseconds (WeChat wants seconds): a cause whatever the signature. `consistent`: the
	 * signature is right for that millisecond value; `secondsSigned`: the server signed the seconds and the page
	 * was given milliseconds.
	 */
	| {
			readonly kind: 'timestamp-ms';
			readonly timestampMs: string;
			readonly seconds: string;
			readonly consistent: boolean;
			readonly secondsSigned: boolean;
	  }
	/** The signed address kept its `#…` part. */
	| { readonly kind: 'fragment-signed'; readonly signedUrl: string; readonly fragment: string }
	/**
	 * The address was percent-encoded: the server signed `encodeURIComponent`/`encodeURI` of it, or the address
	 * given here is itself encoded (`given-encoded`). `signedUrl` is the text the signature is of, if any: with
	 * `given-encoded` it may be `decodedUrl` itself (the server was right; only the address given here was encoded).
	 */
	| {
			readonly kind: 'encoded-url';
			readonly how: 'encodeURIComponent' | 'encodeURI' | 'given-encoded';
			readonly signedUrl: string | undefined;
			readonly decodedUrl: string;
	  }
	/** Another address of the same page was signed (`changes` says how it differs from the given one). */
	| { readonly kind: 'other-url-variant'; readonly signedUrl: string; readonly changes: readonly UrlChange[] }
	/** string1 or the signature was written against WeChat's rule (see `String1Mistake`). */
	| {
			readonly kind: 'nonce-case';
			readonly mistake: String1Mistake;
			/** For `unsorted-fields` and `nonceStr-key`: string1's keys in the order they were signed. */
			readonly fieldOrder?: readonly string[];
			/** For `nonce-whitespace` and `nonce-letter-case`: the nonce that was signed. */
			readonly signedNonce?: string;
	  }
	/**
	 * The page names another account than this app (`pastedAppId`, named `pastedAppName` if it is one of the user's
	 * apps), or another app's ticket signed: `signedWithTicketOf` says whose ticket reproduces the signature.
	 */
	| {
			readonly kind: 'other-appid';
			readonly pastedAppId: string | undefined;
			readonly pastedAppName: string | undefined;
			readonly signedWithTicketOf: 'this-app' | { readonly name: string; readonly appId: string } | undefined;
	  }
	/** The signature is right for this app's previous ticket: the server cached a ticket after a new one came. */
	| { readonly kind: 'older-ticket' };

/** What the page should carry: the right values and their signature, with the string1 they make (ticket masked). */
export interface ExpectedSignature {
	readonly signature: string;
	readonly string1Masked: string;
	readonly url: string;
	readonly timestamp: string;
	readonly nonceStr: string;
	readonly appId: string;
}

/**
 * `tried`: the causes that were looked for, in order (those that could not apply are left out: `fragment-signed`
 * without a `#`, `older-ticket` without a previous ticket, `other-url-variant` for a text that is no http(s) address).
 * Signatures are compared ignoring letter case, so every cause is found in an upper-case signature too; a signature
 * right in all but its case is the `nonce-case` finding `upper-case-signature` (SDKs and WeChat's own checker write
 * lower case), and `matches` needs the exact lower-case text.
 */
export type SignatureDiagnosis =
	| { readonly verdict: 'matches'; readonly ticket: 'current'; readonly tried: readonly CauseKind[] }
	| {
			readonly verdict: 'explained';
			readonly cause: Cause;
			readonly expected: ExpectedSignature;
			/** The string1 (ticket masked) that reproduces the pasted signature, when one did. */
			readonly reproduced: string | undefined;
			readonly tried: readonly CauseKind[];
	  }
	| { readonly verdict: 'unexplained'; readonly expected: ExpectedSignature; readonly tried: readonly CauseKind[] };

/** A finding: the cause, and the string1 that reproduced the signature under it (if one did). */
interface Finding {
	readonly cause: Cause;
	readonly string1?: string;
}

export function diagnoseSignature(input: SignatureDiagnosisInput): SignatureDiagnosis {
	const { pasted, tickets } = input;
	const target = pasted.signature.trim().toLowerCase();
	const reproduces = (string1: string): boolean => sha1Hex(string1) === target;

	const given = splitFragment(input.pageUrl);
	const prepared = preparePageUrl(input.pageUrl);
	const decoded = prepared.ok && prepared.looksEncoded ? prepared.decoded : undefined;
	// The address the page has: the given one, decoded when it was given encoded.
	const url = decoded ?? given.url;
	const timestamp = pasted.timestamp.trim();
	const milliseconds = isMilliseconds(timestamp);
	const right: JsSdkFields = {
		jsapiTicket: tickets.current,
		nonceStr: pasted.nonceStr,
		timestamp: milliseconds ? String(Math.floor(Number(timestamp) / 1000)) : pasted.timestamp,
		url,
	};
	const rightString1 = jsSdkString1(right);
	const pastedAppId = pasted.appId?.trim() || undefined;
	const appIdDiffers = pastedAppId !== undefined && pastedAppId !== input.appId;

	const allTickets = [tickets.current, tickets.previous, ...(input.otherApps ?? []).map((app) => app.ticket)];
	const mask = (string1: string): string =>
		allTickets.reduce<string>((text, ticket) => (ticket ? maskTicketInString1(text, ticket) : text), string1);
	const expected: ExpectedSignature = {
		signature: sha1Hex(rightString1),
		string1Masked: mask(rightString1),
		url,
		timestamp: String(right.timestamp),
		nonceStr: right.nonceStr,
		appId: input.appId,
	};

	if (!milliseconds && !appIdDiffers && decoded === undefined && pasted.signature.trim() === expected.signature) {
		return { verdict: 'matches', ticket: 'current', tried: [] };
	}

	const string1With = (changes: Partial<JsSdkFields>): string => jsSdkString1({ ...right, ...changes });
	const previous = tickets.previous === '' ? undefined : tickets.previous;
	// Each cause, whether it can apply to this input at all, and the check that looks for it.
	const checks: readonly (readonly [CauseKind, boolean, () => Finding | undefined])[] = [
		[
			'timestamp-ms',
			true,
			() => (milliseconds ? timestampInMilliseconds(timestamp, right, reproduces) : undefined),
		],
		['fragment-signed', given.fragment !== undefined, () => fragmentSigned(given, string1With, reproduces)],
		['encoded-url', true, () => encodedUrl(given.url, decoded, string1With, reproduces)],
		['other-url-variant', urlVariants(url).length > 0, () => otherUrlVariant(url, string1With, reproduces)],
		['nonce-case', true, () => string1Mistake(pasted.signature.trim(), right, rightString1, reproduces)],
		[
			'other-appid',
			true,
			() => otherAppId(input, pastedAppId, appIdDiffers, rightString1, string1With, reproduces),
		],
		['older-ticket', previous !== undefined, () => olderTicket(previous, string1With, reproduces)],
	];
	const tried: CauseKind[] = [];
	for (const [kind, applies, check] of checks) {
		if (!applies) {
			continue;
		}
		tried.push(kind);
		const finding = check();
		if (finding !== undefined) {
			const reproduced = finding.string1 === undefined ? undefined : mask(finding.string1);
			return { verdict: 'explained', cause: finding.cause, expected, reproduced, tried };
		}
	}
	return { verdict: 'unexplained', expected, tried };
}

type Reproduces = (string1: string) => boolean;
type String1With = (changes: Partial<JsSdkFields>) => string;

/** Unix time in ms: 13 digits, or any whole number from 1e11 (year 5138 in seconds, 1973 in ms). */
function isMilliseconds(timestamp: string): boolean {
	return /^\d+$/.test(timestamp) && (timestamp.length === 13 || Number(timestamp) >= 1e11);
}

function splitFragment(pageUrl: string): { readonly url: string; readonly fragment: string | undefined } {
	const text = pageUrl.trim();
	const hash = text.indexOf('#');
	return hash < 0 ? { url: text, fragment: undefined } : { url: text.slice(0, hash), fragment: text.slice(hash) };
}

function timestampInMilliseconds(timestampMs: string, right: JsSdkFields, reproduces: Reproduces): Finding {
	const msString1 = jsSdkString1({ ...right, timestamp: timestampMs });
	const secondsString1 = jsSdkString1(right);
	const consistent = reproduces(msString1);
	const secondsSigned = reproduces(secondsString1);
	return {
		cause: { kind: 'timestamp-ms', timestampMs, seconds: String(right.timestamp), consistent, secondsSigned },
		...(consistent ? { string1: msString1 } : secondsSigned ? { string1: secondsString1 } : {}),
	};
}

function fragmentSigned(
	given: { readonly url: string; readonly fragment: string | undefined },
	string1With: String1With,
	reproduces: Reproduces,
): Finding | undefined {
	if (given.fragment === undefined) {
		return undefined;
	}
	const signedUrl = given.url + given.fragment;
	const string1 = string1With({ url: signedUrl });
	return reproduces(string1)
		? { cause: { kind: 'fragment-signed', signedUrl, fragment: given.fragment }, string1 }
		: undefined;
}

function encodedUrl(
	givenUrl: string,
	decoded: string | undefined,
	string1With: String1With,
	reproduces: Reproduces,
): Finding | undefined {
	if (decoded !== undefined) {
		// No page has an encoded address: the decoded one is what to sign, whatever the signature says. The
		// signature may be of the encoded text (the server's mistake) or of the decoded one (right for the page).
		const signedUrl = [givenUrl, decoded].find((candidate) => reproduces(string1With({ url: candidate })));
		return {
			cause: { kind: 'encoded-url', how: 'given-encoded', signedUrl, decodedUrl: decoded },
			...(signedUrl === undefined ? {} : { string1: string1With({ url: signedUrl }) }),
		};
	}
	for (const [how, encode] of [
		['encodeURIComponent', encodeURIComponent],
		['encodeURI', encodeURI],
	] as const) {
		const signedUrl = encodeSafely(encode, givenUrl);
		if (signedUrl === undefined || signedUrl === givenUrl) {
			continue;
		}
		const string1 = string1With({ url: signedUrl });
		if (reproduces(string1)) {
			return { cause: { kind: 'encoded-url', how, signedUrl, decodedUrl: givenUrl }, string1 };
		}
	}
	return undefined;
}

/** A lone surrogate makes the encoders throw: such a text was never encoded by them. */
function encodeSafely(encode: (text: string) => string, text: string): string | undefined {
	try {
		return encode(text);
	} catch {
		return undefined;
	}
}

function otherUrlVariant(url: string, string1With: String1With, reproduces: Reproduces): Finding | undefined {
	for (const variant of urlVariants(url)) {
		const string1 = string1With({ url: variant.url });
		if (reproduces(string1)) {
			return { cause: { kind: 'other-url-variant', signedUrl: variant.url, changes: variant.changes }, string1 };
		}
	}
	return undefined;
}

const STRING1_KEYS = ['jsapi_ticket', 'noncestr', 'timestamp', 'url'] as const;

function string1Mistake(
	pastedSignature: string,
	right: JsSdkFields,
	rightString1: string,
	reproduces: Reproduces,
): Finding | undefined {
	if (reproduces(rightString1) && pastedSignature !== pastedSignature.toLowerCase()) {
		return { cause: { kind: 'nonce-case', mistake: 'upper-case-signature' }, string1: rightString1 };
	}
	const values: Readonly<Record<(typeof STRING1_KEYS)[number], string>> = {
		jsapi_ticket: right.jsapiTicket,
		noncestr: right.nonceStr,
		timestamp: String(right.timestamp),
		url: right.url,
	};
	// The 24 orders of the four pairs, with either spelling of the nonce's key; the sorted one first.
	for (const order of permutations(STRING1_KEYS)) {
		for (const nonceKey of ['noncestr', 'nonceStr']) {
			const keys = order.map((key) => (key === 'noncestr' ? nonceKey : key));
			const string1 = order.map((key, index) => `${keys[index] ?? key}=${values[key]}`).join('&');
			if (string1 !== rightString1 && reproduces(string1)) {
				const sorted = order.every((key, index) => key === STRING1_KEYS[index]);
				return {
					cause: {
						kind: 'nonce-case',
						mistake: sorted ? 'nonceStr-key' : 'unsorted-fields',
						fieldOrder: keys,
					},
					string1,
				};
			}
		}
	}
	const nonce = right.nonceStr;
	const nonceVariants: readonly (readonly [String1Mistake, string])[] = [
		['nonce-whitespace', nonce.trim()],
		['nonce-whitespace', `${nonce} `],
		['nonce-whitespace', ` ${nonce}`],
		['nonce-whitespace', `${nonce}\n`],
		['nonce-whitespace', `${nonce}\r\n`],
		['nonce-whitespace', `${nonce}\t`],
		['nonce-letter-case', nonce.toLowerCase()],
		['nonce-letter-case', nonce.toUpperCase()],
	];
	for (const [mistake, signedNonce] of nonceVariants) {
		const string1 = jsSdkString1({ ...right, nonceStr: signedNonce });
		if (signedNonce !== nonce && reproduces(string1)) {
			return { cause: { kind: 'nonce-case', mistake, signedNonce }, string1 };
		}
	}
	return undefined;
}

function permutations<T>(items: readonly T[]): T[][] {
	if (items.length <= 1) {
		return [[...items]];
	}
	return items.flatMap((item, index) =>
		permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
	);
}

function otherAppId(
	input: SignatureDiagnosisInput,
	pastedAppId: string | undefined,
	appIdDiffers: boolean,
	rightString1: string,
	string1With: String1With,
	reproduces: Reproduces,
): Finding | undefined {
	const otherApps = input.otherApps ?? [];
	const pastedAppName = appIdDiffers ? otherApps.find((app) => app.appId === pastedAppId)?.name : undefined;
	for (const app of otherApps) {
		if (app.ticket === undefined || app.ticket === '' || app.appId === input.appId) {
			continue;
		}
		const string1 = string1With({ jsapiTicket: app.ticket });
		if (reproduces(string1)) {
			const signedWithTicketOf = { name: app.name, appId: app.appId };
			return { cause: { kind: 'other-appid', pastedAppId, pastedAppName, signedWithTicketOf }, string1 };
		}
	}
	if (!appIdDiffers) {
		return undefined;
	}
	// The page names another account; whether this app's ticket signed or an unknown one, the appId is wrong.
	const thisApp = reproduces(rightString1);
	return {
		cause: {
			kind: 'other-appid',
			pastedAppId,
			pastedAppName,
			signedWithTicketOf: thisApp ? 'this-app' : undefined,
		},
		...(thisApp ? { string1: rightString1 } : {}),
	};
}

function olderTicket(
	previous: string | undefined,
	string1With: String1With,
	reproduces: Reproduces,
): Finding | undefined {
	if (previous === undefined || previous === '') {
		return undefined;
	}
	const string1 = string1With({ jsapiTicket: previous });
	return reproduces(string1) ? { cause: { kind: 'older-ticket' }, string1 } : undefined;
}
