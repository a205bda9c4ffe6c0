import type * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import type { ActiveApp } from '../../app/tokens/activeApp';
import type { ClassicConsent } from '../../app/tokens/classicConsent';
import type { CredentialStore } from '../../app/credentials/credentialStore';
import type { HealthCalls } from '../../app/health/healthCalls';
import type { TokenHealth } from '../../app/health/tokenHealth';
import type { Log } from '../../app/ports/log';
import type { TokenService } from '../../app/tokens/tokenService';
import type { TokenUseCase } from '../../app/tokens/tokenUseCase';
import type { TicketService } from '../../app/jssdk/ticketService';
import type { ReadOnlyDocuments } from '../readOnlyDocuments';
import type { AnswerFiles } from '../requestFiles/answerFiles';
import type { RequestFileLanguage } from '../requestFiles/requestFileLanguage';
import type { AppsTreeProvider } from '../tree/appsTreeProvider';
import type { Settings } from '../settings';
import type { InvocationOrigin } from '../invocationOrigin';

/** What commands work with; built once in `extension.ts`. */
export interface CommandServices {
	readonly service: TokenService;
	/** Get and Refresh: what to ask the user, and the token once answered (shared with the API). */
	readonly tokens: TokenUseCase;
	/** The apps' JS-SDK tickets, cached like tokens. */
	readonly tickets: TicketService;
	/** The app the status bar follows, and every command that uses "the active token". */
	readonly activeApp: ActiveApp;
	readonly credentials: CredentialStore;
	readonly settings: Settings;
	readonly consent: ClassicConsent;
	readonly tree: AppsTreeProvider;
	/** What the checks and quota reads learned, shown in the tree and the status bar. */
	readonly health: TokenHealth;
	/** The calls made with a token (check, quota, rid), shared with the API: what they learn is recorded there. */
	readonly healthCalls: HealthCalls;
	/** The read-only documents a rid's explanation and a signature's diagnosis open in. */
	readonly documents: ReadOnlyDocuments;
	/** What request files hold, parsed once per version (and their lenses, folding and problems). */
	readonly requestFiles: RequestFileLanguage;
	/** The answers of API calls, as read-only files in memory (an image, a JSON answer). */
	readonly answers: AnswerFiles;
	readonly log: Log;
	readonly channel: vscode.LogOutputChannel;
	/** `publisher.name`, for the settings editor's `@ext:` filter. */
	readonly extensionId: string;
}

/**
 * One run of a command: who started it (see `invocationOrigin`), and, filled in as the command learns it, which app it
 * works on, so a failure message can name the app and its host.
 */
export interface CommandRun {
	readonly origin: InvocationOrigin;
	app?: WechatApp;
}

/** What a handler resolves to is the command's result: only `wechatAccessToken.token` returns one (the token). */
export type CommandHandler = (run: CommandRun, ...args: unknown[]) => Promise<unknown>;
