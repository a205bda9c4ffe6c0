import { acquireToken } from '../flows/acquireToken';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** "Get WeChat Access Token": the cached token if still fresh, else a new one; on the clipboard either way. */
export function getTokenCommand(services: CommandServices): CommandHandler {
	return (run, arg) => acquireToken(services, run, arg, false);
}
