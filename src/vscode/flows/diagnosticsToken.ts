import type { WechatApp } from '../../app/config/appConfig';
import type { AccessToken } from '../../core/tokenTypes';
import { obtainToken } from './acquireToken';
import type { CommandRun, CommandServices } from './commandServices';
import { commandCaller } from '../invocationOrigin';

/**
 * What every diagnostics command does first: the app's current token, obtained as Get obtains it (a fresh cached one,
 * else fetched normally, with the questions Get asks). `undefined` when the user backed out of a question.
 */
export function tokenForDiagnostics(
	services: CommandServices,
	run: CommandRun,
	app: WechatApp,
): Promise<AccessToken | undefined> {
	return obtainToken(services, app, false, { caller: commandCaller(run.origin) });
}
