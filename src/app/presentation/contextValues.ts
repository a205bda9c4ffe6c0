import type { TokenSourceKind } from '../../core/tokenTypes';
import type { ExpiryState } from '../expiry/expiryState';
import type { CredentialState } from '../tokens/tokenService';

/**
 * The tree items' `contextValue`s, which package.json's `view/item/context` menus match with regular expressions
 * (a test checks that they do). Fields are `;`-separated `name=value` pairs after the item kind, in a fixed order.
 */
export function appContextValue(
	source: TokenSourceKind,
	token: ExpiryState,
	credentials: CredentialState,
	focused: boolean,
): string {
	// `focused`: the app is pinned to the status bar ("Show WeChat App in Status Bar…" is offered for the others).
	return `app;source=${source};token=${token};credentials=${credentials};focused=${focused}`;
}

export function tokenContextValue(revealed: boolean): string {
	return revealed ? 'token;revealed' : 'token;masked';
}

export const DETAIL_CONTEXT_VALUE = 'detail';
