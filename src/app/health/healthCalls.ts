import type { ApiQuota, RidReport, TokenCheck } from '../../core/diagnostics/diagnosticTypes';
import type { DiagnosticsCall, DiagnosticsClient } from '../../core/diagnostics/diagnosticsClient';
import { DEAD_TOKEN_ERRCODES, WechatApiError } from '../../core/diagnostics/wechatApiError';
import type { ApiAnswer, ApiCallRequest } from '../../core/wechatHttp/apiAnswer';
import type { JsapiTicket, TicketType } from '../../core/jssdk/jsapiTicket';
import type { Clock } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import type { CredentialStore } from '../credentials/credentialStore';
import { wechatApiBaseUrl } from '../config/wechatApiBaseUrl';
import type { TokenHealth } from './tokenHealth';

export interface HealthCallsDeps {
	readonly health: Pick<TokenHealth, 'recordCheck' | 'recordQuota'>;
	/** The app's secrets, blanked from a rid's recorded call by value (its body may hold the AppSecret). */
	readonly credentials: Pick<CredentialStore, 'read'>;
	/** A client with the timeout set now (a settings change applies to the next call). */
	readonly diagnostics: () => DiagnosticsClient;
	/** The `wechatApiHost` setting: where the Authing and custom sources' calls go. */
	readonly wechatApiHost: () => string;
	readonly clock?: Clock;
}

/** One call made with an app's token: the token, and the signal that cancels it. */
export interface TokenUse {
	readonly app: WechatApp;
	readonly accessToken: string;
	readonly signal?: AbortSignal;
}

/**
 * The calls made with a token (check it, read a quota, explain a rid, get a JS-SDK ticket), one use case each, for every door: the
 * commands and the API call these, and what a call learns is recorded here, once, whoever asked. A token WeChat refuses
 * (40001/40014/42001) at any of them is recorded as dead, so the sidebar and the status bar say so, before the error
 * goes back to the caller to be told its own way.
 */
export class HealthCalls {
	private readonly clock: Clock;

	constructor(private readonly deps: HealthCallsDeps) {
		this.clock = deps.clock ?? systemClock;
	}

	/** Whether the token works; either answer is recorded. */
	async check(use: TokenUse): Promise<TokenCheck> {
		const check = await this.run(use, (client, call) => client.checkToken(call));
		this.deps.health.recordCheck(use.app.identity, use.accessToken, check);
		return check;
	}

	/** An API's daily quota; recorded for the tree. */
	async quota(use: TokenUse, cgiPath: string): Promise<ApiQuota> {
		const quota = await this.run(use, (client, call) => client.getQuota(call, cgiPath));
		this.deps.health.recordQuota(use.app.identity, quota);
		return quota;
	}

	/**
	 * What WeChat recorded of the call `rid` names, with the app's secrets and the token blanked from it: by value too,
	 * not only by key (see recordedCall.ts).
	 */
	async rid(use: TokenUse, rid: string): Promise<RidReport> {
		const secrets = await this.secretsOf(use);
		return this.run(use, (client, call) => client.explainRid({ ...call, secrets }, rid));
	}

	/** The app's stored secrets, to blank out of what WeChat sends back. */
	private async secretsOf(use: TokenUse): Promise<string[]> {
		return Object.values(await this.deps.credentials.read(use.app)).filter(
			(value): value is string => typeof value === 'string',
		);
	}

	/** The app's JS-SDK ticket, fetched with the token (TicketService caches it); a dead token is recorded as at a check. */
	async ticket(use: TokenUse, type: TicketType): Promise<JsapiTicket> {
		return this.run(use, (client, call) => client.getTicket(call, type));
	}

	/**
	 * A call of any WeChat API from a request file. WeChat's refusal is the answer, not an error; a dead token in it is
	 * recorded as at a check, so the sidebar and the status bar say so.
	 */
	async api(use: TokenUse, request: ApiCallRequest): Promise<ApiAnswer> {
		// Blanked from the answer by value: a rid looked up from a request file records the call's body, AppSecret included.
		const secrets = await this.secretsOf(use);
		const answer = await this.run(use, (client, call) => client.callApi({ ...call, secrets }, request));
		if (answer.kind === 'json' && answer.refusal !== undefined && DEAD_TOKEN_ERRCODES.has(answer.refusal.errcode)) {
			this.deps.health.recordCheck(use.app.identity, use.accessToken, {
				works: false,
				checkedAt: answer.receivedAt,
				refusal: answer.refusal,
			});
		}
		return answer;
	}

	private async run<T>(
		use: TokenUse,
		send: (client: DiagnosticsClient, call: DiagnosticsCall) => Promise<T>,
	): Promise<T> {
		const call: DiagnosticsCall = {
			apiHost: wechatApiBaseUrl(use.app, this.deps.wechatApiHost()),
			accessToken: use.accessToken,
			...(use.signal ? { signal: use.signal } : {}),
		};
		try {
			return await send(this.deps.diagnostics(), call);
		} catch (error) {
			if (WechatApiError.is(error) && error.tokenNoLongerWorks) {
				this.deps.health.recordCheck(use.app.identity, use.accessToken, {
					works: false,
					checkedAt: this.clock.now(),
					refusal: error.refusal,
				});
			}
			throw error;
		}
	}
}
