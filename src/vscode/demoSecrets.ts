import * as vscode from 'vscode';
import { parseApps } from '../app/config/appConfig';
import type { CredentialStore } from '../app/credentials/credentialStore';
import { DEMO_SECRETS_ENV, planDemoSeeds } from '../app/demo/demoSecrets';
import type { Log } from '../app/ports/log';
import type { Settings } from './settings';

/**
 * Stores the demo's sandbox secrets (see DEMO_SECRETS_ENV) for the loopback apps that have none yet: never replaces
 * what a user entered. Does nothing unless the variable is set. Runs once, at activation, without network I/O.
 */
export async function seedDemoSecrets(credentials: CredentialStore, settings: Settings, log: Log): Promise<void> {
	const raw = process.env[DEMO_SECRETS_ENV];
	if (raw === undefined) {
		return;
	}
	const { apps } = parseApps(settings.read().apps, vscode.l10n);
	const { seeds, refused } = planDemoSeeds(raw, apps);
	refused.forEach((reason) => log.warn(`${DEMO_SECRETS_ENV}: not seeded: ${reason}.`));
	for (const { app, values } of seeds) {
		try {
			if ((await credentials.missingFields(app)).length === 0) {
				continue;
			}
			await credentials.write(app, values);
			log.info(
				`${DEMO_SECRETS_ENV}: stored the demo secrets of "${app.name}" (${Object.keys(values).join(', ')}) for ${app.host}.`,
			);
		} catch (error) {
			log.warn(
				`${DEMO_SECRETS_ENV}: could not store the secrets of "${app.name}": ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	}
}
