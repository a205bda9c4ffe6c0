import type { TokenSourceKind } from '../../core/tokenTypes';

/**
 * What fixes a token WeChat no longer accepts, by where the app's tokens come from:
 * - `wechat-stable`: stable tokens are isolated from classic ones, so a dead one means someone forced a refresh
 *   elsewhere; a normal stable call returns the token now in force (never a forced one).
 * - `authing`, `authing-management`, `custom`: the central cache hands out a token someone killed by minting a classic
 *   one outside it. Fetching once more shows whether the cache has noticed; nothing is forced or minted from here.
 * - `wechat` (classic): only a new classic token, with the user's consent as for any classic mint.
 */
export type DeadTokenRemedy = 'get-current-stable-token' | 'ask-the-cache-again' | 'mint-classic-token';

export function deadTokenRemedy(source: TokenSourceKind): DeadTokenRemedy {
	switch (source) {
		case 'wechat-stable':
			return 'get-current-stable-token';
		case 'wechat':
			return 'mint-classic-token';
		case 'authing':
		case 'authing-management':
		case 'custom':
			return 'ask-the-cache-again';
	}
}
