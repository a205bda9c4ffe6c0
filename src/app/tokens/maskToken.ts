/** Below this length, showing 8 characters would reveal too much of the token: it is hidden entirely. */
const MIN_LENGTH_TO_SHOW_ENDS = 20;
const HIDDEN = '••••••••';

/** `86_Xq3…a9Zk`: the first and last four characters, enough to tell tokens apart and never enough to use one. */
export function maskToken(token: string): string {
	return token.length < MIN_LENGTH_TO_SHOW_ENDS ? HIDDEN : `${token.slice(0, 4)}…${token.slice(-4)}`;
}
