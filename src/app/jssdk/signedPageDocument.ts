import type { Localizer } from '../ports/localizer';
import { dateTimeFormat } from '../presentation/dateTimeFormats';
import { escapeMarkdown } from '../presentation/inertText';
import { codeCell, fenced } from '../presentation/markdownCode';
import { signingNotes } from './jsSdkTexts';
import type { SignedPage } from './pageSigning';
import { wxConfigSnippet } from './pageSigning';

export interface SignedPageDocumentContext {
	readonly appName: string;
	readonly l10n: Localizer;
	/** VS Code's display language, for the ticket's expiry. */
	readonly locale: string | undefined;
	/** An IANA zone; the machine's when absent (tests name one). */
	readonly timeZone?: string;
}

/**
 * What "Show Signed String" opens: the `wx.config` call, the values it carries and the string1 they were signed from,
 * the ticket masked (it is never shown in full, as tokens are not unless the user asks).
 */
export function renderSignedPageDocument(signed: SignedPage, context: SignedPageDocumentContext): string {
	const { l10n } = context;
	const expires = dateTimeFormat(context.locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: context.timeZone,
	}).format(signed.ticketExpiresAt);
	const notes = signingNotes(signed, l10n);
	const lines = [
		`# ${l10n.t('JS-SDK page signature')}`,
		'',
		'| | |',
		'|---|---|',
		`| ${l10n.t('App')} | ${codeCell(context.appName)} (${codeCell(signed.appId)}) |`,
		`| url | ${codeCell(signed.url)} |`,
		`| timestamp | ${codeCell(String(signed.timestamp))} |`,
		`| nonceStr | ${codeCell(signed.nonceStr)} |`,
		`| signature | ${codeCell(signed.signature)} |`,
		`| ${l10n.t('Ticket expires')} | ${expires} |`,
		'',
		...(notes.length === 0 ? [] : [...notes.map((note) => `- ${escapeMarkdown(note)}`), '']),
		`## wx.config`,
		'',
		fenced(wxConfigSnippet(signed), 'js'),
		'',
		`## string1 (${l10n.t('ticket masked')})`,
		'',
		fenced(signed.string1Masked, 'text'),
		'',
		l10n.t(
			'signature = sha1(string1), in lower-case hex. The fields are sorted by name and the values are not URL-encoded.',
		),
	];
	return `${lines.join('\n')}\n`;
}
