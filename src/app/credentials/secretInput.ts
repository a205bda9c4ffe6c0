import type { Localizer } from '../ports/localizer';
import type { SecretField, SecretFieldSpec } from '../config/secretFields';
import {
	validateAccessKeySecret,
	validateAppSecret,
	validateAuthHeaderValue,
	validateUserAccessToken,
} from '../config/validation';

/** What the user typed into a secret's password box means. */
export type SecretInput =
	| { readonly kind: 'keep' }
	| { readonly kind: 'remove' }
	| { readonly kind: 'set'; readonly value: string }
	| { readonly kind: 'invalid'; readonly message: string };

/** Typing this into an optional secret's box removes the saved value. */
export const REMOVE_SECRET_INPUT = '-';

/**
 * Empty keeps the saved value (or leaves an optional secret unset); `-` removes a saved optional secret; anything else
 * must pass the field's validation.
 */
export function interpretSecretInput(
	spec: SecretFieldSpec,
	input: string,
	hasSaved: boolean,
	l10n: Localizer,
): SecretInput {
	const value = input.trim();
	if (value === '') {
		return hasSaved || !spec.required
			? { kind: 'keep' }
			: { kind: 'invalid', message: validateSecret(spec.field, value, l10n) ?? '' };
	}
	if (value === REMOVE_SECRET_INPUT && !spec.required && hasSaved) {
		return { kind: 'remove' };
	}
	const problem = validateSecret(spec.field, value, l10n);
	return problem === undefined ? { kind: 'set', value } : { kind: 'invalid', message: problem };
}

function validateSecret(field: SecretField, value: string, l10n: Localizer): string | undefined {
	switch (field) {
		case 'appSecret':
			return validateAppSecret(value, l10n);
		case 'accessKeySecret':
			return validateAccessKeySecret(value, l10n);
		case 'userAccessToken':
			return validateUserAccessToken(value, l10n);
		case 'authHeaderValue':
			return validateAuthHeaderValue(value, l10n);
	}
}
