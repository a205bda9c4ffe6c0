import type { TokenSourceKind } from '../../core/tokenTypes';
import type { Localizer } from '../ports/localizer';
import type { SecretFieldSpec } from '../config/secretFields';

/** How each source is named in the UI; the setting's own value follows in parentheses where space allows. */
export function sourceLabel(source: TokenSourceKind, l10n: Localizer): string {
	switch (source) {
		case 'authing':
			return l10n.t('Authing application');
		case 'authing-management':
			return l10n.t('Authing management API');
		case 'wechat-stable':
			return l10n.t('WeChat stable token');
		case 'wechat':
			return l10n.t('WeChat classic token');
		case 'custom':
			return l10n.t('Custom token server');
	}
}

/** One line on what choosing the source means, for the source picker. */
export function sourceDetail(source: TokenSourceKind, l10n: Localizer): string {
	switch (source) {
		case 'authing':
			return l10n.t('Ask your Authing application, which holds the token for your servers. Safe for teams.');
		case 'authing-management':
			return l10n.t('Ask Authing’s management API with an access key. Safe for teams.');
		case 'wechat-stable':
			return l10n.t(
				'Ask WeChat’s stable_token endpoint directly; never invalidates your servers’ token. Safe for teams.',
			);
		case 'wechat':
			return l10n.t(
				'WeChat’s classic endpoint: every new token invalidates the one your servers use. Avoid in production.',
			);
		case 'custom':
			return l10n.t(
				'Ask your team’s own token server, which holds the token for your servers; no AppSecret needed here. Safe for teams.',
			);
	}
}

/** The name of a secret, as each password box's prompt says it. */
export function secretFieldLabel(spec: SecretFieldSpec, l10n: Localizer): string {
	switch (spec.field) {
		case 'appSecret':
			return l10n.t('WeChat AppSecret');
		case 'accessKeySecret':
			return l10n.t('Authing access key secret');
		case 'userAccessToken':
			return l10n.t('Authing user access token (optional)');
		case 'authHeaderValue':
			return l10n.t({
				message: 'Value of the {0} header',
				args: [spec.headerName ?? 'auth'],
				comment: ['{0} is an HTTP header name, e.g. Authorization; the value is a secret such as Bearer …'],
			});
	}
}
