import type { WechatApp } from '../../app/config/appConfig';
import { resolveApp } from './appPicker';
import type { CommandRun, CommandServices } from './commandServices';

/**
 * The app a `${command:…}` variable in tasks.json or launch.json means: the name given as the argument (an `inputs`
 * entry of type `command` with `args`), else the app the status bar shows, else the only app, else the user's pick.
 * VS Code passes the launch configuration itself as the argument of a bare `${command:…}`: anything but a string
 * names no app.
 */
export async function commandVariableApp(
	services: CommandServices,
	run: CommandRun,
	arg: unknown,
	placeHolder: string,
): Promise<WechatApp | undefined> {
	const named = typeof arg === 'string' ? arg : undefined;
	const active = named === undefined ? services.activeApp.state()?.app : undefined;
	if (active !== undefined) {
		run.app = active;
		return active;
	}
	return resolveApp(services, run, named, { placeHolder });
}
