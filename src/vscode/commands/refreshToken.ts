import { isRecord } from '../../core/isRecord';
import { acquireToken, NORMAL_REFRESH } from '../flows/acquireToken';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

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
