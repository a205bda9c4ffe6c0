import type { AccessToken } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import type { SecretField } from '../config/secretFields';
import type { AppSecrets, CredentialStore } from '../credentials/credentialStore';
import type { Log } from '../ports/log';
import type { ClassicConsent } from './classicConsent';
import type { TokenCaller } from './classicMintGuard';
import type { TokenService } from './tokenService';

export interface TokenUseCaseDeps {
	readonly service: Pick<TokenService, 'get' | 'peek' | 'peekMemory' | 'state'>;
	readonly credentials: Pick<CredentialStore, 'read' | 'missingIn'>;
	readonly consent: Pick<ClassicConsent, 'isGranted' | 'grant'>;
	readonly log: Log;
}

/** What only the user may decide before a token can be handed out. Each door answers it its own way. */
export type TokenQuestion =
	/** Secrets the app's source needs are not stored: enter them (the door stores them) and ask again. */
	| { readonly kind: 'missing-secrets'; readonly fields: readonly SecretField[] }
	/** A classic app the user never allowed WeChat's classic endpoint for: every token it issues kills the servers'. */
	| { readonly kind: 'classic-consent' }
	/** A refresh of a stable app: ask WeChat normally, or force a new token (20 a day, kills everyone's token)? */
	| { readonly kind: 'stable-force' };

/** The answers given so far in this request, passed back with the next `prepare`. */
export interface TokenAnswers {
	/** The user allowed the classic endpoint for this app just now, in a modal that named what it costs. */
	readonly classicConsent?: 'allow';
	readonly stableRefresh?: 'normal' | 'force';
}

export interface TokenIntent {
	readonly app: WechatApp;
	/** Refresh: skip the cached token and ask the source again. Get: a fresh cached token is the answer. */
	readonly refresh: boolean;
	/** Who asked, which decides whether a classic request asks the user first (`ClassicMintGuard`). */
	readonly caller: TokenCaller;
	readonly answers?: TokenAnswers;
}

/**
 * Where a request stands: a question for the user, or the token ready to be obtained, from the cache (`cached`: no
 * network, nothing to show progress for) or from its source (the door runs it under its own progress and
 * cancellation, or none).
 */
export type TokenStep =
	| { readonly kind: 'ask'; readonly question: TokenQuestion }
	| {
			readonly kind: 'obtain';
			readonly cached: boolean;
			readonly obtain: (signal?: AbortSignal) => Promise<AccessToken>;
	  };

/**
 * Get and Refresh, the one use case behind every door that hands out a token (the commands, `${command:}`, the API):
 * the secrets checked, the user's decisions asked for as data, a fresh cached token reused, else a fetch. A door calls
 * `prepare`, answers a question (or refuses it), and calls `prepare` again with the answer.
 */
export class TokenUseCase {
	constructor(private readonly deps: TokenUseCaseDeps) {}

	async prepare(intent: TokenIntent): Promise<TokenStep> {
		const { app, refresh, answers = {} } = intent;
		const { service, credentials, consent } = this.deps;
		// A fresh token in memory and secrets known present (read at activation, kept current by SecretStorage's change
		// events from every window): no SecretStorage round trip before the token is handed out. Otherwise the secrets
		// are read once here, checked, and handed to the service.
		const freshInMemory = refresh ? undefined : service.peekMemory(app);
		let secrets: AppSecrets | undefined;
		if (freshInMemory === undefined || service.state(app).credentials !== 'present') {
			secrets = await credentials.read(app);
			const missing = credentials.missingIn(app, secrets);
			if (missing.length > 0) {
				return { kind: 'ask', question: { kind: 'missing-secrets', fields: missing } };
			}
		}
		if (refresh && app.source === 'wechat-stable' && answers.stableRefresh === undefined) {
			return { kind: 'ask', question: { kind: 'stable-force' } };
		}
		const cached = !refresh && (freshInMemory ?? (await service.peek(app))) !== undefined;
		let caller = intent.caller;
		if (!cached && !consent.isGranted(app)) {
			if (answers.classicConsent !== 'allow') {
				return { kind: 'ask', question: { kind: 'classic-consent' } };
			}
			await consent.grant(app);
			this.deps.log.info(`The user allowed the classic endpoint for "${app.name}".`);
			// Allowing the classic endpoint just now, in a modal that names what it costs, was the user's yes to this
			// request too: a call without arguments (the palette's) is not asked a second time. Every other caller is.
			if (caller === 'unmarked') {
				caller = 'user';
			}
		}
		const forceNewStableToken = refresh && app.source === 'wechat-stable' && answers.stableRefresh === 'force';
		return {
			kind: 'obtain',
			cached,
			// Through the service even when cached: it marks the token used and shows it in every view.
			obtain: (signal) =>
				service.get(app, {
					bypassCache: refresh,
					forceNewStableToken,
					allowClassic: consent.isGranted(app),
					caller,
					...(signal ? { signal } : {}),
					...(secrets ? { secrets } : {}),
				}),
		};
	}
}
