import { isRecord } from '../../core/isRecord';
import type { RefreshOptions } from './acquireToken';
import { acquireToken } from './acquireToken';
import type { CommandHandler, CommandServices } from './commandServices';

/** The second argument the expiry alert's Refresh passes: a normal refresh, without the question about forcing. */
export const NORMAL_REFRESH: RefreshOptions = { stableRefresh: 'normal' };

/**
 * "Refresh WeChat Access Token": like getToken, ignoring the local cache (a stable token is forced only on request).
 * An optional second argument `{ stableRefresh: 'normal' }` skips that question and refreshes normally.
 */
export function refreshTokenCommand(services: CommandServices): CommandHandler {
	return (run, arg, options) =>
		acquireToken(
			services,
			run,
			arg,
			true,
			isRecord(options) && options.stableRefresh === 'normal' ? NORMAL_REFRESH : {},
		);
}
