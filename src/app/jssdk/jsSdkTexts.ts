import type { PastedConfigResult, PastedField } from '../../core/jssdk/pastedConfig';
import type { PageUrlProblem } from '../../core/jssdk/pageUrl';
import type { Localizer } from '../ports/localizer';
import type { SignedPage } from './pageSigning';

/** Why a typed page URL cannot be signed, for the input box. */
export function pageUrlProblemText(problem: PageUrlProblem, l10n: Localizer): string {
	switch (problem) {
		case 'empty':
			return l10n.t('Enter the page’s URL, as the page shows it in location.href.');
		case 'not-absolute':
			return l10n.t('Enter the whole URL, starting with https:// or http://.');
		case 'not-http':
			return l10n.t('JS-SDK pages are web pages: the URL must start with https:// or http://.');
	}
}

/** Why a paste holds no `wx.config` to check, for the input box and the error message. */
export function pastedConfigProblemText(result: Exclude<PastedConfigResult, { ok: true }>, l10n: Localizer): string {
	const names = (fields: readonly PastedField[]): string => fields.join(', ');
	switch (result.problem) {
		case 'no-fields':
			return l10n.t('Paste the page’s wx.config({...}) call, or its appId, timestamp, nonceStr and signature.');
		case 'missing-field':
			return l10n.t({
				message: 'The paste has no {0}: the check needs signature, timestamp and nonceStr.',
				args: [names(result.missing)],
				comment: ['{0} lists field names of wx.config, such as "signature, nonceStr"'],
			});
		case 'not-literal':
			return l10n.t({
				message:
					'{0} is computed on the page (not a value): paste what the page actually sent, from its Network panel or your server’s log.',
				args: [names(result.fields)],
				comment: ['{0} lists field names of wx.config, such as "timestamp"'],
			});
	}
}

/** The notes a signed page comes with: a `#` part removed, a URL that looks encoded. Empty when there is nothing to say. */
export function signingNotes(signed: SignedPage, l10n: Localizer): string[] {
	const notes: string[] = [];
	if (signed.fragmentRemoved !== undefined) {
		notes.push(
			l10n.t({
				message: 'Removed “{0}”: WeChat signs the URL without its # part.',
				args: [signed.fragmentRemoved],
				comment: ['{0} is the part of a URL from # on, such as #/home'],
			}),
		);
	}
	if (signed.looksEncoded) {
		notes.push(
			signed.decoded === undefined
				? l10n.t(
						'The URL looks URL-encoded, but no page’s location.href is: sign the URL as the page shows it.',
					)
				: l10n.t({
						message:
							'The URL looks URL-encoded, but no page’s location.href is: the page most likely has {0}. Sign that instead.',
						args: [signed.decoded],
						comment: ['{0} is a URL'],
					}),
		);
	}
	return notes;
}
