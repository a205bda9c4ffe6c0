import { TokenError } from '../../core/errors';
import { throwIfAborted } from '../../core/http/abort';
import type { AccessToken, Clock } from '../../core/tokenTypes';
import { systemClock } from '../../core/tokenTypes';
import type { WechatApp } from '../config/appConfig';
import { ClassicMintDeclinedError, guardSecretStorage } from '../errors/appErrors';
import type { Log } from '../ports/log';
import { describeError, silentLog } from '../ports/log';
import { classicMintKey } from '../credentials/secretKeys';
import type { SecretStore } from '../ports/secretStore';

/**
 * Who asked for a token. `user` is the extension's own UI only (sidebar, status bar, the buttons of its
 * notifications); `unmarked` a command run without arguments, as the Command Palette runs it, and as a keybinding, a
 * task's `command` input or another extension can; the others name what else can ask: another extension through the
 * API, a task or launch configuration through `${command:wechatAccessToken.token}`, or a command run by something
 * else with arguments.
 */
export type TokenCaller = 'user' | 'unmarked' | 'extension' | 'task' | 'command';

/** Within this long of the last classic request for an AppID, another one needs a second confirmation. */
export const CLASSIC_MINT_SPACING_MS = 5 * 60_000;

/** What the user is asked before a classic request. */
export interface ClassicMintQuestion {
	readonly app: WechatApp;
	readonly caller: TokenCaller;
	/** How long ago the last classic request for the AppID went out (from any window), when that is within the spacing. */
	readonly lastRequestedAgoMs: number | undefined;
}

/** Asks the user (a modal dialog in VS Code); resolves `true` only for an explicit yes. */
export type ClassicMintPrompt = (question: ClassicMintQuestion) => Promise<boolean>;

/** For a service that has no way to ask: every question is answered no, so nothing is sent on anyone's behalf. */
export const declineEveryClassicMint: ClassicMintPrompt = () => Promise.resolve(false);

/**
 * The rule, as data: `undefined` when the request may go out without asking. Anyone but the user is always asked;
 * the user only when the AppID had a classic request within CLASSIC_MINT_SPACING_MS. A time more than the spacing in
 * the future is damaged, not recent.
 */
export function classicMintQuestion(
	app: WechatApp,
	caller: TokenCaller,
	lastRequestedAt: number | undefined,
	now: number,
): ClassicMintQuestion | undefined {
	const ago = lastRequestedAt === undefined ? undefined : now - lastRequestedAt;
	const recent = ago !== undefined && ago < CLASSIC_MINT_SPACING_MS && ago > -CLASSIC_MINT_SPACING_MS;
	if (caller === 'user' && !recent) {
		return undefined;
	}
	return { app, caller, lastRequestedAgoMs: recent ? Math.max(0, ago) : undefined };
}

export interface ClassicMintGuardOptions {
	/** Shared by every window: the time of the last classic request is kept there. */
	readonly secrets: SecretStore;
	readonly prompt: ClassicMintPrompt;
	readonly clock?: Clock;
	readonly log?: Log;
}

/**
 * Every request to WeChat's classic `/cgi-bin/token` mints a token and kills the one the user's servers hold about 5
 * minutes later. This decides, just before such a request leaves, whether the user must say yes first (see
 * `classicMintQuestion`), and remembers when one went out. The time lives in the shared secret storage, whose every
 * read returns the current value, so a request from a second window within the spacing asks too.
 */
export class ClassicMintGuard {
	private readonly clock: Clock;
	private readonly log: Log;

	constructor(private readonly options: ClassicMintGuardOptions) {
		this.clock = options.clock ?? systemClock;
		this.log = options.log ?? silentLog;
	}

	/**
	 * Runs `send` (the one classic request) once the rule allows it; a "no" throws ClassicMintDeclinedError and nothing
	 * is sent. If the time cannot be read (the keyring failed), nothing is sent either. A request WeChat may have acted
	 * on (it succeeded, or failed without saying that nothing was issued) is recorded.
	 */
	async send(
		app: WechatApp,
		caller: TokenCaller,
		send: () => Promise<AccessToken>,
		signal?: AbortSignal,
	): Promise<AccessToken> {
		await this.approve(app, caller, signal);
		throwIfAborted(signal);
		try {
			const token = await send();
			await this.record(app);
			return token;
		} catch (error) {
			if (mayHaveIssued(error)) {
				await this.record(app);
			}
			throw error;
		}
	}

	/**
	 * Asks while the rule says so. A question can stay open for a long time: if another window sent a request
	 * meanwhile (the recorded time changed), the answer was about the old state, and the user is asked again.
	 */
	private async approve(app: WechatApp, caller: TokenCaller, signal: AbortSignal | undefined): Promise<void> {
		let approvedAt: { readonly last: number | undefined } | undefined;
		for (;;) {
			throwIfAborted(signal);
			const last = await this.lastRequestedAt(app);
			if (approvedAt !== undefined && approvedAt.last === last) {
				return;
			}
			const question = classicMintQuestion(app, caller, last, this.clock.now());
			if (question === undefined) {
				return;
			}
			const recent =
				question.lastRequestedAgoMs === undefined
					? ''
					: `, the last one ${Math.round(question.lastRequestedAgoMs / 1000)} s ago`;
			this.log.info(
				`Asking the user before a classic token request for "${app.name}" (asked by: ${caller}${recent}).`,
			);
			if (!(await this.options.prompt(question))) {
				this.log.info(`The user declined a classic token request for "${app.name}"; nothing was sent.`);
				throw new ClassicMintDeclinedError(app.name);
			}
			approvedAt = { last };
		}
	}

	private async lastRequestedAt(app: WechatApp): Promise<number | undefined> {
		const raw = await guardSecretStorage(() => this.options.secrets.get(classicMintKey(app.appId)));
		return raw === undefined ? undefined : parseRecord(raw);
	}

	/** A failure to write costs only the next question's "last one … ago": the token is had, and is not withheld. */
	private async record(app: WechatApp): Promise<void> {
		try {
			await this.options.secrets.store(
				classicMintKey(app.appId),
				JSON.stringify({ requestedAt: this.clock.now() }),
			);
		} catch (error) {
			this.log.warn(`Could not record the classic token request for "${app.name}": ${describeError(error)}`);
		}
	}
}

/**
 * Whether WeChat may have issued a token on a request that failed. It did not when it answered with an error code,
 * when the request never left, or when it was refused before sending; a timeout or a cut connection may have come
 * after WeChat acted, so it counts.
 */
function mayHaveIssued(error: unknown): boolean {
	if (!TokenError.is(error)) {
		return true;
	}
	return (
		error.details.errcode === undefined &&
		error.details.requestSent !== false &&
		error.reason !== 'invalid-host' &&
		error.reason !== 'classic-not-acknowledged'
	);
}

function parseRecord(raw: string): number | undefined {
	try {
		const value = JSON.parse(raw) as { requestedAt?: unknown } | null;
		return typeof value?.requestedAt === 'number' && Number.isFinite(value.requestedAt)
			? value.requestedAt
			: undefined;
	} catch {
		// Damaged: as if no request had been recorded.
		return undefined;
	}
}
