import type { TokenSourceKind } from '../core/tokenTypes';
import type { Localizer } from './localizer';
import type { SecretField } from './secretKeys';

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
			return l10n.t('Ask WeChat’s stable_token endpoint directly; never invalidates your servers’ token. Safe for teams.');
		case 'wechat':
			return l10n.t('WeChat’s classic endpoint: every new token invalidates the one your servers use. Avoid in production.');
	}
}

/** The name of a secret, as each password box's prompt says it. */
export function secretFieldLabel(field: SecretField, l10n: Localizer): string {
	switch (field) {
		case 'appSecret':
			return l10n.t('WeChat AppSecret');
		case 'accessKeySecret':
			return l10n.t('Authing access key secret');
		case 'userAccessToken':
			return l10n.t('Authing user access token (optional)');
	}
}
