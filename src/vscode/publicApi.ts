import * as vscode from 'vscode';
import type { WechatAccessTokenApi } from '../api/wechatAccessTokenApi';
import { createAccessTokenApi } from '../app/accessTokenApi';
import type { ClassicConsent } from '../app/classicConsent';
import type { Log } from '../app/log';
import type { TokenService } from '../app/tokenService';
import type { Settings } from './settings';

/**
 * What other extensions get from `activate()` (the contract is src/api/wechatAccessTokenApi.ts): a plain object of
 * functions, so it survives being spread into the exports.
 */
export function createPublicApi(service: TokenService, consent: ClassicConsent, settings: Settings, log: Log): WechatAccessTokenApi {
	return createAccessTokenApi({ service, consent, l10n: vscode.l10n, log, timeoutSeconds: () => settings.read().requestTimeoutSeconds });
}
