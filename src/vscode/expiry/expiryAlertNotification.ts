import * as vscode from 'vscode';
import { expiryAlertMessage } from '../../app/expiryAlertMessage';
import type { ExpiryAlert } from '../../app/expiryAlerts';
import { COMMAND_ID } from '../commands/commandIds';
import { NORMAL_REFRESH } from '../commands/refreshToken';

/** An alert as shown, for the integration tests: a notification's text cannot be read back from VS Code. */
export interface ShownAlert {
	readonly appName: string;
	readonly message: string;
	readonly buttons: readonly string[];
	readonly autoRefreshFailed: boolean;
}

/**
 * Shows the warning with "Refresh" (or "Retry" when auto-refresh failed) and "Copy". Both go through the commands, so
 * a failure is reported like any command's. Refresh is a normal one: it never asks to force a new stable token, and
 * classic `wechat` still needs the user's opt-in for the app.
 */
export function showExpiryAlert(alert: ExpiryAlert): ShownAlert {
	const l10n = vscode.l10n;
	const name = alert.app.name;
	const refresh = alert.autoRefreshError === undefined ? l10n.t('Refresh') : l10n.t('Retry');
	const copy = l10n.t('Copy');
	const message = expiryAlertMessage(alert, Date.now(), vscode.env.language, l10n);
	// Not awaited: the alert stays until the user acts on it or closes it.
	void vscode.window.showWarningMessage(message, refresh, copy).then((choice) =>
		choice === refresh
			? vscode.commands.executeCommand(COMMAND_ID.refreshToken, name, NORMAL_REFRESH)
			: choice === copy
				? vscode.commands.executeCommand(COMMAND_ID.copyToken, name)
				: undefined,
	);
	return { appName: name, message, buttons: [refresh, copy], autoRefreshFailed: alert.autoRefreshError !== undefined };
}
