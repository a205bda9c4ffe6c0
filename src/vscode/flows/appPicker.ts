import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { appStatus } from '../../app/presentation/appStatus';
import { sourceLabel } from '../../app/presentation/sourceLabels';
import { isAppsTreeElement } from '../tree/appTreeItems';
import type { CommandRun, CommandServices } from './commandServices';
import { showInformationMessage, showWarningMessage } from '../notifications';
import { inertText } from '../../app/presentation/inertText';

export interface PickOptions {
	readonly placeHolder: string;
	/** When no app exists: offer to add one and return it. */
	readonly addApp?: () => Promise<WechatApp | undefined>;
}

/**
 * The app a command acts on: the tree item it was invoked on, an app name (status bar, other commands, tests), the
 * only app there is, or the user's pick (in settings order). Noted on the run, so a failure message names it.
 * `undefined` when the user backed out.
 */
export async function resolveApp(
	services: CommandServices,
	run: CommandRun,
	arg: unknown,
	options: PickOptions,
): Promise<WechatApp | undefined> {
	const app = await findOrPick(services, arg, options);
	run.app = app;
	return app;
}

async function findOrPick(
	services: CommandServices,
	arg: unknown,
	options: PickOptions,
): Promise<WechatApp | undefined> {
	const name = isAppsTreeElement(arg) ? arg.appName : typeof arg === 'string' ? arg : undefined;
	if (name !== undefined) {
		const app = services.service.findApp(name);
		if (app === undefined) {
			void showWarningMessage(
				vscode.l10n.t({
					message: 'There is no WeChat app named “{0}” in the settings.',
					args: [name],
					comment: ['{0} is the app name asked for'],
				}),
			);
		}
		return app;
	}
	const apps = services.service.getApps();
	if (apps.length === 0) {
		return offerToAdd(options);
	}
	if (apps.length === 1) {
		return apps[0];
	}
	const describe = appDescriber(services);
	const picked = await vscode.window.showQuickPick(
		apps.map((app) => appPickItem(app, describe(app))),
		{ placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true },
	);
	return picked?.app;
}

/** An app as every app list shows it: its name, a description (its state), and where its token comes from. */
export function appPickItem(app: WechatApp, description: string): vscode.QuickPickItem & { readonly app: WechatApp } {
	// Names and hosts come from the settings: a quick pick would draw `$(…)` in them as an icon.
	return {
		label: inertText(app.name, 'label'),
		description,
		detail: `${sourceLabel(app.source, vscode.l10n)} · ${app.appId} · ${inertText(app.host, 'label')}`,
		app,
	};
}

/** An app's state in a few words ("1h 58m left", "credentials missing"), as of now. */
export function appDescriber(services: CommandServices): (app: WechatApp) => string {
	const now = Date.now();
	const warnBeforeMs = services.settings.read().warnBeforeExpiryMs;
	return (app) => appStatus(services.service.state(app), now, warnBeforeMs, vscode.l10n).description;
}

async function offerToAdd(options: PickOptions): Promise<WechatApp | undefined> {
	if (options.addApp === undefined) {
		void showInformationMessage(vscode.l10n.t('No WeChat app is configured yet.'));
		return undefined;
	}
	const add = vscode.l10n.t('Add WeChat App…');
	const choice = await showInformationMessage(
		vscode.l10n.t('No WeChat app is configured yet. Add one now?'),
		{
			modal: true,
			detail: vscode.l10n.t(
				'You enter its AppID and where its token comes from; secrets go to your system keyring.',
			),
		},
		add,
	);
	return choice === add ? options.addApp() : undefined;
}
