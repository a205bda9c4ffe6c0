import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** Shows the "WeChat Access Token" log. */
export function showLogCommand(services: CommandServices): CommandHandler {
	return () => {
		services.channel.show(true);
		return Promise.resolve();
	};
}
