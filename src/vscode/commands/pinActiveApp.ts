import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import { withStatusBarMark } from '../../app/presentation/appStatus';
import { appDescriber, appPickItem, resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { showInformationMessage } from '../notifications';

interface FocusItem extends vscode.QuickPickItem {
	/** Absent on the separator and on "Follow the Most Recently Used App". */
	readonly app?: WechatApp;
	readonly follow?: boolean;
}

/**
 * "Show WeChat App in Status Bar…": pins the app the status bar (and everything that uses the active token) follows.
 * From a tree item or with an app name it pins that app; from the palette it offers every app and, to undo a pin,
 * following the most recently used app again.
 */
export function pinActiveAppCommand(services: CommandServices): CommandHandler {
	return async (run, arg) => {
		if (arg !== undefined) {
			const app = await resolveApp(services, run, arg, { placeHolder: placeHolder() });
			if (app !== undefined) {
				await services.activeApp.pin(app);
			}
			return;
		}
		const choice = await pickFocus(services);
		if (choice === undefined) {
			return;
		}
		run.app = choice.app;
		await services.activeApp.pin(choice.app);
	};
}

async function pickFocus(services: CommandServices): Promise<{ readonly app: WechatApp | undefined } | undefined> {
	const l10n = vscode.l10n;
	const apps = services.service.getApps();
	if (apps.length === 0) {
		void showInformationMessage(l10n.t('No WeChat app is configured yet.'));
		return undefined;
	}
	const pinned = services.activeApp.pinned();
	const describe = appDescriber(services);
	const items: FocusItem[] = [
		...apps.map((app) => appPickItem(app, withStatusBarMark(describe(app), app.name === pinned?.name, l10n))),
		{ label: '', kind: vscode.QuickPickItemKind.Separator },
		{
			label: `$(history) ${l10n.t('Follow the Most Recently Used App')}`,
			...(pinned === undefined ? { description: l10n.t('current choice') } : {}),
			follow: true,
		},
	];
	const picked = await vscode.window.showQuickPick(items, {
		placeHolder: placeHolder(),
		matchOnDescription: true,
		matchOnDetail: true,
	});
	if (picked === undefined) {
		return undefined;
	}
	return { app: picked.follow === true ? undefined : picked.app };
}

function placeHolder(): string {
	return vscode.l10n.t('Which app should the status bar show?');
}
