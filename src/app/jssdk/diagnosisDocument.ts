import type { Cause, CauseKind, SignatureDiagnosis, String1Mistake } from '../../core/jssdk/signatureDiagnosis';
import type { UrlChange } from '../../core/jssdk/urlVariants';
import { maskTicket } from '../../core/jssdk/ticketMask';
import type { Localizer } from '../ports/localizer';
import { codeCell, fenced } from '../presentation/markdownCode';

export interface DiagnosisDocumentContext {
	readonly appName: string;
	readonly appId: string;
	/** The page URL as the user gave it. */
	readonly pageUrl: string;
	/** The tickets compared with, shown masked. */
	readonly ticket: string;
	readonly previousTicket: string | undefined;
	readonly l10n: Localizer;
}

/**
 * The read-only document "Diagnose JS-SDK Signature…" opens: the verdict first (matches, the cause that explains the
 * mismatch with what would have matched, or nothing found and what was tried), then what was tried, then what
 * `invalid url domain` means. Everything from outside (the URL, the pasted values, app names) is a code span; the
 * tickets are masked.
 */
export function renderDiagnosisDocument(diagnosis: SignatureDiagnosis, context: DiagnosisDocumentContext): string {
	const { l10n } = context;
	const lines = [
		`# ${l10n.t('JS-SDK signature check')}`,
		'',
		'| | |',
		'|---|---|',
		`| ${l10n.t('App')} | ${codeCell(context.appName)} (${codeCell(context.appId)}) |`,
		`| ${l10n.t('Page URL')} | ${codeCell(context.pageUrl)} |`,
		`| ${l10n.t('Ticket in force')} | ${codeCell(maskTicket(context.ticket))} |`,
		`| ${l10n.t('Previous ticket')} | ${context.previousTicket === undefined ? '—' : codeCell(maskTicket(context.previousTicket))} |`,
		'',
		`## ${l10n.t('Verdict')}`,
		'',
		...verdict(diagnosis, l10n),
		'',
		`## ${l10n.t('What was tried')}`,
		'',
		...triedList(diagnosis.tried, l10n),
		'',
		`## ${l10n.t('If WeChat says “invalid url domain”')}`,
		'',
		l10n.t(
			'That is not the signature: the page’s domain is not among the account’s JS interface safe domains (JS接口安全域名). Add it on the WeChat Official Accounts Platform, under Settings and Development → Official Account Settings → Feature Settings; the domain must have an ICP filing, and the verification file must be served from its root.',
		),
	];
	return `${lines.join('\n')}\n`;
}

function verdict(diagnosis: SignatureDiagnosis, l10n: Localizer): string[] {
	switch (diagnosis.verdict) {
		case 'matches':
			return [
				`**${l10n.t('✓ The signature matches.')}**`,
				'',
				l10n.t(
					'These values were signed right with the ticket in force, for this URL. If wx.config still reports invalid signature, the page runs at another URL than the one given here: compare it with location.href.split(‘#’)[0] on the page.',
				),
			];
		case 'explained':
			return [
				`**${l10n.t({ message: '✗ Cause: {0}', args: [causeTitle(diagnosis.cause.kind, l10n)], comment: ['{0} names a cause, such as "timestamp in milliseconds"'] })}**`,
				'',
				causeSentence(diagnosis.cause, l10n),
				'',
				...(diagnosis.reproduced === undefined
					? []
					: [l10n.t('What was signed (ticket masked):'), '', fenced(diagnosis.reproduced, 'text'), '']),
				...expectedBlock(diagnosis.expected, l10n),
			];
		case 'unexplained':
			return [
				`**${l10n.t('✗ The signature does not match, and none of the known causes explains it.')}**`,
				'',
				l10n.t(
					'Check that the page signs with this app’s ticket in force and sends the same nonce and timestamp it signed. The values below are what a right signature for this URL looks like.',
				),
				'',
				...expectedBlock(diagnosis.expected, l10n),
			];
	}
}

function expectedBlock(
	expected: Extract<SignatureDiagnosis, { verdict: 'unexplained' }>['expected'],
	l10n: Localizer,
): string[] {
	return [
		l10n.t('What would have matched:'),
		'',
		'| | |',
		'|---|---|',
		`| appId | ${codeCell(expected.appId)} |`,
		`| url | ${codeCell(expected.url)} |`,
		`| timestamp | ${codeCell(expected.timestamp)} |`,
		`| nonceStr | ${codeCell(expected.nonceStr)} |`,
		`| signature | ${codeCell(expected.signature)} |`,
		'',
		l10n.t('string1 (ticket masked):'),
		'',
		fenced(expected.string1Masked, 'text'),
	];
}

function triedList(tried: readonly CauseKind[], l10n: Localizer): string[] {
	if (tried.length === 0) {
		return [l10n.t('Nothing needed trying: the signature is right as it is.')];
	}
	return tried.map((kind, index) => `${index + 1}. ${causeTitle(kind, l10n)}`);
}

export function causeTitle(kind: CauseKind, l10n: Localizer): string {
	switch (kind) {
		case 'timestamp-ms':
			return l10n.t('timestamp in milliseconds');
		case 'fragment-signed':
			return l10n.t('the # part of the URL signed');
		case 'encoded-url':
			return l10n.t('URL-encoded URL');
		case 'other-url-variant':
			return l10n.t('another URL of the page signed');
		case 'nonce-case':
			return l10n.t('nonce or string1 written differently');
		case 'other-appid':
			return l10n.t('another account’s appId or ticket');
		case 'older-ticket':
			return l10n.t('an older ticket');
	}
}

function causeSentence(cause: Cause, l10n: Localizer): string {
	switch (cause.kind) {
		case 'timestamp-ms': {
			const args = [codeCell(cause.timestampMs), codeCell(cause.seconds)];
			if (cause.secondsSigned) {
				return l10n.t({
					message:
						'The page sends the timestamp {0} in milliseconds, while the server signed seconds ({1}): send the same seconds value to wx.config.',
					args,
					comment: ['{0} and {1} are timestamps'],
				});
			}
			return cause.consistent
				? l10n.t({
						message:
							'The timestamp {0} is in milliseconds. The signature is right for it, but WeChat wants Unix seconds ({1}): sign and send seconds.',
						args,
						comment: ['{0} and {1} are timestamps'],
					})
				: l10n.t({
						message:
							'The timestamp {0} is in milliseconds; WeChat wants Unix seconds ({1}). Sign and send seconds.',
						args,
						comment: ['{0} and {1} are timestamps'],
					});
		}
		case 'fragment-signed':
			return l10n.t({
				message:
					'The server signed the URL with its # part ({0}). WeChat signs location.href.split(‘#’)[0]: remove {1} before signing.',
				args: [codeCell(cause.signedUrl), codeCell(cause.fragment)],
				comment: ['{0} is a URL, {1} the part of it from # on'],
			});
		case 'encoded-url':
			return cause.how === 'given-encoded'
				? l10n.t({
						message:
							'The URL given here is URL-encoded; the page’s own address is {0}, and that is what must be signed.',
						args: [codeCell(cause.decodedUrl)],
						comment: ['{0} is a URL'],
					})
				: l10n.t({
						message:
							'The server signed the URL encoded with {0} ({1}). Sign the URL exactly as the page shows it: {2}.',
						args: [cause.how, codeCell(cause.signedUrl ?? ''), codeCell(cause.decodedUrl)],
						comment: ['{0} names a JavaScript function, {1} and {2} are URLs'],
					});
		case 'other-url-variant':
			return l10n.t({
				message:
					'The server signed another URL of this page: {0} ({1}). Sign exactly the page’s location.href without its # part; on iOS a single-page app must sign the URL it was first loaded with.',
				args: [
					codeCell(cause.signedUrl),
					cause.changes.map((change) => urlChangeText(change, l10n)).join(', '),
				],
				comment: ['{0} is a URL, {1} lists how it differs, such as "http instead of https"'],
			});
		case 'nonce-case':
			return mistakeSentence(cause.mistake, cause, l10n);
		case 'other-appid':
			return otherAppIdSentence(cause, l10n);
		case 'older-ticket':
			return l10n.t(
				'The signature is right for this app’s previous ticket: the server kept signing with it after a new one was fetched. Sign with the ticket in force, and share one cached ticket between your servers.',
			);
	}
}

function urlChangeText(change: UrlChange, l10n: Localizer): string {
	switch (change) {
		case 'scheme':
			return l10n.t('http and https swapped');
		case 'default-port':
			return l10n.t('the default port added or left out');
		case 'trailing-slash':
			return l10n.t('the / after the domain added or left out');
		case 'query':
			return l10n.t('the query string left out');
		case 'www':
			return l10n.t('www. added or left out');
	}
}

function mistakeSentence(
	mistake: String1Mistake,
	cause: Extract<Cause, { kind: 'nonce-case' }>,
	l10n: Localizer,
): string {
	switch (mistake) {
		case 'upper-case-signature':
			return l10n.t('The signature is right but written in upper-case hex: send it in lower case.');
		case 'nonceStr-key':
			return l10n.t(
				'string1 used the key nonceStr, as wx.config spells it; WeChat’s rule spells it noncestr, all lower case.',
			);
		case 'unsorted-fields':
			return l10n.t({
				message:
					'string1’s fields were not sorted (signed as {0}): sort them as jsapi_ticket, noncestr, timestamp, url.',
				args: [codeCell((cause.fieldOrder ?? []).join(', '))],
				comment: ['{0} lists field names in the order they were signed'],
			});
		case 'nonce-whitespace':
			return l10n.t({
				message:
					'The nonce signed ({0}) differs from nonceStr by spaces: send exactly the nonce that was signed.',
				args: [codeCell(cause.signedNonce ?? '')],
				comment: ['{0} is a nonce, a random text'],
			});
		case 'nonce-letter-case':
			return l10n.t({
				message:
					'The nonce signed ({0}) differs from nonceStr in letter case: send exactly the nonce that was signed.',
				args: [codeCell(cause.signedNonce ?? '')],
				comment: ['{0} is a nonce, a random text'],
			});
	}
}

function otherAppIdSentence(cause: Extract<Cause, { kind: 'other-appid' }>, l10n: Localizer): string {
	const pasted =
		cause.pastedAppId === undefined
			? undefined
			: cause.pastedAppName === undefined
				? codeCell(cause.pastedAppId)
				: `${codeCell(cause.pastedAppId)} (${codeCell(cause.pastedAppName)})`;
	const signer = cause.signedWithTicketOf;
	if (signer !== undefined && signer !== 'this-app') {
		return l10n.t({
			message:
				'The signature was made with the ticket of another of your apps, {0} ({1}): sign with the ticket of the account whose appId the page uses.',
			args: [codeCell(signer.name), codeCell(signer.appId)],
			comment: ['{0} is an app name, {1} a WeChat AppID'],
		});
	}
	if (pasted !== undefined && signer === 'this-app') {
		return l10n.t({
			message:
				'The page names the appId {0}, but the signature is right for this app’s ticket: give wx.config this app’s appId.',
			args: [pasted],
			comment: ['{0} is a WeChat AppID, maybe followed by the app name'],
		});
	}
	return l10n.t({
		message:
			'The page names the appId {0}, another account than this app: its signature must be made with that account’s ticket.',
		args: [pasted ?? '—'],
		comment: ['{0} is a WeChat AppID, maybe followed by the app name'],
	});
}
