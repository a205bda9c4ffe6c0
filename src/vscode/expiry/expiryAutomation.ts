import type * as vscode from 'vscode';
import { AutoRefresher } from '../../app/autoRefresher';
import { ExpiryAlerts } from '../../app/expiryAlerts';
import type { Log } from '../../app/log';
import type { TokenService } from '../../app/tokenService';
import type { Settings } from '../settings';
import type { ShownAlert } from './expiryAlertNotification';
import { showExpiryAlert } from './expiryAlertNotification';

/**
 * What happens as tokens near their expiry without the user asking: auto-refresh of team-safe sources
 * (`autoRefresh`), and the warning about the active token (`notifyBeforeExpiry`), which auto-refresh silences while
 * it will renew the token. Both re-plan when the settings change; their timers are disposed with this.
 */
export class ExpiryAutomation implements vscode.Disposable {
	readonly autoRefresh: AutoRefresher;
	readonly alerts: ExpiryAlerts;
	private readonly shown: ShownAlert[] = [];
	private readonly subscription: vscode.Disposable;

	constructor(service: TokenService, settings: Settings, log: Log) {
		this.autoRefresh = new AutoRefresher({
			service,
			settings: () => {
				const { autoRefresh, refreshMarginMinutes } = settings.read();
				return { enabled: autoRefresh, marginMs: refreshMarginMinutes * 60_000 };
			},
			log,
		});
		this.alerts = new ExpiryAlerts({
			service,
			autoRefresh: this.autoRefresh,
			settings: () => {
				const { notifyBeforeExpiry, warnBeforeExpiryMinutes } = settings.read();
				return { enabled: notifyBeforeExpiry, warnBeforeMs: warnBeforeExpiryMinutes * 60_000 };
			},
			onAlert: (alert) => {
				log.info(`Warned that the token of "${alert.app.name}" expires at ${new Date(alert.token.expiresAt).toISOString()}${alert.autoRefreshError === undefined ? '' : ' (auto-refresh failed)'}.`);
				this.shown.push(showExpiryAlert(alert));
			},
		});
		this.subscription = settings.onDidChange(() => {
			this.autoRefresh.update();
			this.alerts.update();
		});
	}

	/** The alerts shown in this window, oldest first. */
	history(): readonly ShownAlert[] {
		return this.shown;
	}

	dispose(): void {
		this.subscription.dispose();
		this.alerts.dispose();
		this.autoRefresh.dispose();
	}
}
