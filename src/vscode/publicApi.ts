import * as vscode from 'vscode';
import type { WechatAccessTokenApi } from '../api/wechatAccessTokenApi';
import { createAccessTokenApi } from '../app/api/accessTokenApi';
import { createHealthApi } from '../app/api/healthApi';
import { createJsSdkApi } from '../app/api/jsSdkApi';
import type { TicketService } from '../app/jssdk/ticketService';
import type { HealthCalls } from '../app/health/healthCalls';
import type { ActiveApp } from '../app/tokens/activeApp';
import type { Log } from '../app/ports/log';
import type { TokenService } from '../app/tokens/tokenService';
import type { TokenUseCase } from '../app/tokens/tokenUseCase';
import type { Settings } from './settings';

/**
 * What other extensions get from `activate()` (the contract is src/api/wechatAccessTokenApi.ts): a plain object of
 * functions, so it survives being spread into the exports.
 */
export function createPublicApi(parts: {
	readonly service: TokenService;
	readonly activeApp: ActiveApp;
	readonly tokens: TokenUseCase;
	readonly healthCalls: HealthCalls;
	readonly tickets: TicketService;
	readonly settings: Settings;
	readonly log: Log;
}): WechatAccessTokenApi {
	const { service, activeApp, healthCalls, tickets, settings, log } = parts;
	const timeoutSeconds = (): number => settings.read().requestTimeoutSeconds;
	const tokenApi = createAccessTokenApi({
		service,
		tokens: parts.tokens,
		activeApp,
		l10n: vscode.l10n,
		log,
		timeoutSeconds,
	});
	const shared = { service, activeApp, l10n: vscode.l10n, log, timeoutSeconds, tokens: tokenApi };
	return {
		...tokenApi,
		...createHealthApi({ ...shared, healthCalls }),
		...createJsSdkApi({ ...shared, tickets }),
	};
}
