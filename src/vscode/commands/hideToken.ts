import { isAppsTreeElement } from '../tree/appTreeItems';
import type { CommandHandler, CommandServices } from '../flows/commandServices';

/** Tree only: masks the app's token row again. */
export function hideTokenCommand(services: CommandServices): CommandHandler {
	return (_run, arg) => {
		if (isAppsTreeElement(arg)) {
			services.tree.hideToken(arg.appName);
		}
		return Promise.resolve();
	};
}
