import { acquireToken } from './acquireToken';
import type { CommandHandler, CommandServices } from './commandServices';

/** "Refresh WeChat Access Token": like getToken, ignoring the local cache (a stable token is forced only on request). */
export function refreshTokenCommand(services: CommandServices): CommandHandler {
	return (run, arg) => acquireToken(services, run, arg, true);
}
