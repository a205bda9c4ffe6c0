import { expiresInAndAt } from './timeFormats';
import { errorSummary } from '../errors/errorMessages';
import type { ExpiryAlert } from '../expiry/expiryAlerts';
import type { Localizer } from '../ports/localizer';

/** The alert's text: how long the token has left and when it expires, and why auto-refresh did not renew it. */
export function expiryAlertMessage(
	alert: ExpiryAlert,
	now: number,
	locale: string | undefined,
	l10n: Localizer,
): string {
	const name = alert.app.name;
	const [left, at] = expiresInAndAt(alert.token.expiresAt, now, l10n, locale);
	if (alert.autoRefreshError === undefined) {
		return l10n.t({
			message: 'The access token of “{0}” expires in {1} (at {2}).',
			args: [name, left, at],
			comment: ['{0} is the app name, {1} a duration such as 9m, {2} a time of day'],
		});
	}
	return l10n.t({
		message: 'Could not renew the access token of “{0}” automatically ({1}). It expires in {2} (at {3}).',
		args: [name, errorSummary(alert.autoRefreshError, l10n), left, at],
		comment: [
			'{0} is the app name, {1} a short reason such as "network error", {2} a duration such as 4m, {3} a time of day',
		],
	});
}
