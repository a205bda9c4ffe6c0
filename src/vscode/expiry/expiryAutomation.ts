import type * as vscode from 'vscode';
import type { ActiveApp } from '../../app/tokens/activeApp';
import { AutoRefresher } from '../../app/expiry/autoRefresher';
import type { ExpiryAlert } from '../../app/expiry/expiryAlerts';
import { ExpiryAlerts } from '../../app/expiry/expiryAlerts';
import type { Log } from '../../app/ports/log';
import type { TokenService } from '../../app/tokens/tokenService';
import type { Settings } from '../settings';
import { showExpiryAlert } from './expiryAlertNotification';

/**
 * What happens as tokens near their expiry without the user asking: auto-refresh of team-safe sources
 * (`autoRefresh`), and the warning about the active token (`notifyBeforeExpiry`), which auto-refresh silences while
 * it will renew the token. Both re-plan when the settings change; their timers are disposed with this.
 */
export class ExpiryAutomation implements vscode.Disposable {
	readonly autoRefresh: AutoRefresher;
	readonly alerts: ExpiryAlerts;
	private readonly subscription: vscode.Disposable;

	/** `showAlert` puts an alert on the screen; the test build's hooks pass one that also notes what it showed. */
	constructor(
		service: TokenService,
		activeApp: ActiveApp,
		settings: Settings,
		log: Log,
		showAlert: (alert: ExpiryAlert) => unknown = showExpiryAlert,
	) {
		this.autoRefresh = new AutoRefresher({
			service,
			settings: () => {
				const { autoRefresh, refreshMarginMs } = settings.read();
				return { enabled: autoRefresh, marginMs: refreshMarginMs };
			},
			log,
		});
		this.alerts = new ExpiryAlerts({
			activeApp,
			autoRefresh: this.autoRefresh,
			settings: () => {
				const { notifyBeforeExpiry, warnBeforeExpiryMs } = settings.read();
				return { enabled: notifyBeforeExpiry, warnBeforeMs: warnBeforeExpiryMs };
			},
			onAlert: (alert) => {
				log.info(
					`Warned that the token of "${alert.app.name}" expires at ${new Date(alert.token.expiresAt).toISOString()}${alert.autoRefreshError === undefined ? '' : ' (auto-refresh failed)'}.`,
				);
				showAlert(alert);
			},
		});
		this.subscription = settings.onDidChange(() => {
			this.autoRefresh.update();
			this.alerts.update();
		});
	}

	dispose(): void {
		this.subscription.dispose();
		this.alerts.dispose();
		this.autoRefresh.dispose();
	}
}
