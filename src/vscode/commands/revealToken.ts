import { isAppsTreeElement } from '../tree/appTreeItems';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** Tree only: shows the full token in the app's token row (until hidden again or the window reloads). */
export function revealTokenCommand(services: CommandServices): CommandHandler {
	return (_run, arg) => {
		if (isAppsTreeElement(arg)) {
			services.tree.revealToken(arg.appName);
		}
		return Promise.resolve();
	};
}
