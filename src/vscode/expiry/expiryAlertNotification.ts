import * as vscode from 'vscode';
import { expiryAlertMessage } from '../../app/presentation/expiryAlertMessage';
import type { ExpiryAlert } from '../../app/expiry/expiryAlerts';
import { COMMAND_ID } from '../commandIds';
import { UI_INVOCATION } from '../invocationOrigin';
import { NORMAL_REFRESH } from '../flows/acquireToken';
import { showWarningMessage } from '../notifications';

/** An alert as shown, for the integration tests: a notification's text cannot be read back from VS Code. */
export interface ShownAlert {
	readonly appName: string;
	readonly message: string;
	readonly buttons: readonly string[];
	readonly autoRefreshFailed: boolean;
}

/**
 * Shows the warning with "Refresh" (or "Retry" when auto-refresh failed) and "Copy". Both go through the commands, so
 * a failure is reported like any command's, marked as the user's own clicks. Refresh is a normal one: it never asks
 * to force a new stable token; classic `wechat` still needs the user's opt-in for the app, and a second confirmation
 * within 5 minutes of the last classic token.
 */
export function showExpiryAlert(alert: ExpiryAlert): ShownAlert {
	const l10n = vscode.l10n;
	const name = alert.app.name;
	const refresh = alert.autoRefreshError === undefined ? l10n.t('Refresh') : l10n.t('Retry');
	const copy = l10n.t('Copy');
	const message = expiryAlertMessage(alert, Date.now(), vscode.env.language, l10n);
	// Not awaited: the alert stays until the user acts on it or closes it.
	void showWarningMessage(message, refresh, copy).then((choice) =>
		choice === refresh
			? vscode.commands.executeCommand(COMMAND_ID.refreshToken, name, NORMAL_REFRESH, UI_INVOCATION)
			: choice === copy
				? vscode.commands.executeCommand(COMMAND_ID.copyToken, name, UI_INVOCATION)
				: undefined,
	);
	return {
		appName: name,
		message,
		buttons: [refresh, copy],
		autoRefreshFailed: alert.autoRefreshError !== undefined,
	};
}
