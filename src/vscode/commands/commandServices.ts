import type * as vscode from 'vscode';
import type { WechatApp } from '../../app/appConfig';
import type { ClassicConsent } from '../../app/classicConsent';
import type { Log } from '../../app/log';
import type { TokenService } from '../../app/tokenService';
import type { AppsTreeProvider } from '../tree/appsTreeProvider';
import type { Settings } from '../settings';

/** What commands work with; built once in `extension.ts`. */
export interface CommandServices {
	readonly service: TokenService;
	readonly settings: Settings;
	readonly consent: ClassicConsent;
	readonly tree: AppsTreeProvider;
	readonly log: Log;
	readonly channel: vscode.LogOutputChannel;
	/** `publisher.name`, for the settings editor's `@ext:` filter. */
	readonly extensionId: string;
}

/** Filled in by a command as it learns which app it works on, so a failure message can name the app and its host. */
export interface CommandRun {
	app?: WechatApp;
}

/** What a handler resolves to is the command's result: only `wechatAccessToken.token` returns one (the token). */
export type CommandHandler = (run: CommandRun, ...args: unknown[]) => Promise<unknown>;
