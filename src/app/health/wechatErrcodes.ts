import type { Localizer } from '../ports/localizer';

/**
 * What WeChat's errcodes mean, in the user's language: the ones its token and diagnostics endpoints answer
 * (PROTOCOLS.md §4 and §6) and the common ones of the APIs developers call with a token. WeChat's own errmsg is always
 * shown next to this, since its wording for a code can change.
 */
export function explainWechatErrcode(errcode: number, l10n: Localizer): string | undefined {
	switch (errcode) {
		case -1:
			return l10n.t('WeChat had a system error. Retry in a moment.');
		case 40001:
			return l10n.t(
				'The access token is invalid or not the latest: a newer token replaced it, or it was never valid.',
			);
		case 40002:
			return l10n.t('The grant_type is invalid.');
		case 40003:
			return l10n.t('The openid is invalid: it is not a user of this account (openids differ per account).');
		case 40013:
			return l10n.t('The AppID is invalid.');
		case 40014:
			return l10n.t('The access token is invalid.');
		case 40037:
			return l10n.t('The template_id is invalid for this account.');
		case 40097:
			return l10n.t('An argument is invalid.');
		case 40125:
			return l10n.t('The AppSecret is invalid.');
		case 40129:
			return l10n.t('The page is invalid: a Mini Program page path has no leading “/” and no query.');
		case 40164:
			return l10n.t('The caller’s IP address is not in the app’s API IP whitelist.');
		case 40169:
			return l10n.t('The scene is too long: at most 32 visible characters.');
		case 40243:
			return l10n.t('The AppSecret is frozen. Unfreeze it on the WeChat platform.');
		case 41001:
			return l10n.t('The access token is missing.');
		case 41002:
			return l10n.t('The AppID is missing.');
		case 41004:
			return l10n.t('The AppSecret is missing.');
		case 41030:
			return l10n.t(
				'The page does not exist in the published Mini Program: publish it, or send check_path false with env_version trial or develop.',
			);
		case 42001:
			return l10n.t('The access token has expired.');
		case 43001:
			return l10n.t('This API must be called with GET.');
		case 43002:
			return l10n.t('This API must be called with POST.');
		case 43004:
			return l10n.t('The user has not followed the account.');
		case 43101:
			return l10n.t('The user has not accepted this subscribe message.');
		case 44002:
			return l10n.t('The request body is empty.');
		case 45009:
			return l10n.t('The daily quota of this API is used up. It resets at midnight Beijing time.');
		case 45011:
			return l10n.t('Too many calls this minute. Retry in the next minute.');
		case 45047:
			return l10n.t(
				'The customer-service message limit for this user is reached: wait for the user to write again.',
			);
		case 47001:
			return l10n.t('The request body is not in the format the API expects.');
		case 47003:
			return l10n.t(
				'An argument does not match what the API expects: check the field named in WeChat’s message.',
			);
		case 48001:
			return l10n.t(
				'This API is not authorized for this account. This is not a token problem: check the account’s permissions on the WeChat platform.',
			);
		case 48006:
			return l10n.t(
				'This month’s quota resets are used up (10 a month per account, shared with the WeChat web console).',
			);
		case 50004:
			return l10n.t('The use of access tokens is forbidden for this account.');
		case 50007:
			return l10n.t('The account is frozen.');
		case 61004:
			return l10n.t('The caller’s IP address is not registered for this account.');
		case 76001:
			return l10n.t(
				'WeChat has no record of this rid for this app: the call was made by another app, or more than 7 days ago.',
			);
		case 76002:
			return l10n.t('This is not a valid rid.');
		case 76003:
			return l10n.t('The API path is invalid: give the path alone, starting with “/”, without a host.');
		case 76021:
			return l10n.t('WeChat does not know this API path.');
		case 76022:
			return l10n.t('The quota of this API path cannot be queried.');
		case 89501:
			return l10n.t('The caller’s IP address is waiting for an administrator to confirm it.');
		case 89503:
			return l10n.t('Calls from this IP address need an administrator’s confirmation.');
		case 89506:
			return l10n.t('An administrator refused this IP address. Retry after 24 hours.');
		case 89507:
			return l10n.t('An administrator refused this IP address. Retry after 1 hour.');
		default:
			return undefined;
	}
}

/** The errcodes explained above, for the tests and the README. */
export const EXPLAINED_ERRCODES: readonly number[] = [
	-1, 40001, 40002, 40003, 40013, 40014, 40037, 40097, 40125, 40129, 40164, 40169, 40243, 41001, 41002, 41004, 41030,
	42001, 43001, 43002, 43004, 43101, 44002, 45009, 45011, 45047, 47001, 47003, 48001, 48006, 50004, 50007, 61004,
	76001, 76002, 76003, 76021, 76022, 89501, 89503, 89506, 89507,
];
