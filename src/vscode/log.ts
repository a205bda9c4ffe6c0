import * as vscode from 'vscode';

export const LOG_CHANNEL_NAME = 'WeChat Access Token';

/**
 * The extension's one log: a LogOutputChannel, so the user picks the level in the Output view and no setting is
 * needed. It satisfies the app layer's `Log` directly; components prefix their lines with `scopedLog`.
 */
export function createLogChannel(): vscode.LogOutputChannel {
	return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}
