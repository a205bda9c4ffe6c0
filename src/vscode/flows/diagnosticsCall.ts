import type { WechatApp } from '../../app/config/appConfig';
import { wechatApiBaseUrl } from '../../app/presentation/tokenFormats';
import { createConfiguredDiagnostics } from '../../app/tokens/clientFactory';
import type { DiagnosticsCall, DiagnosticsClient } from '../../core/diagnostics/diagnosticsClient';
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

/** A call with the app's token to WeChat's API host: the app's own for the WeChat sources, else `wechatApiHost`. */
export function diagnosticsCall(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	signal: AbortSignal,
): DiagnosticsCall {
	return {
		apiHost: wechatApiBaseUrl(app, services.settings.read().wechatApiHost),
		accessToken: token.accessToken,
		signal,
	};
}

/** The diagnostics client with the timeout the user set now (a settings change applies to the next call). */
export function diagnostics(services: CommandServices): DiagnosticsClient {
	return createConfiguredDiagnostics(services.settings.read().requestTimeoutSeconds);
}
