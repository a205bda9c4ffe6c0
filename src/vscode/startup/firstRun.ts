import * as vscode from 'vscode';
import { openWalkthrough } from '../commands/openWalkthrough';

/** Set once the walkthrough was opened (or would have been): it opens once per installation, not per window. */
const WALKTHROUGH_OFFERED_KEY = 'wechatAccessToken.walkthroughOffered';

/**
 * Opens "Get started with WeChat Access Token" the first time the extension runs after install, as VS Code does for an
 * extension installed from the Marketplace (its own setting `workbench.welcomePage.walkthroughs.openOnInstall`
 * decides, here too). Not while the extension runs for its tests or under the debugger, where it would cover the
 * editors in use. Deferred past activation: the first frame does not need it.
 */
export function openWalkthroughOnFirstRun(context: vscode.ExtensionContext): void {
	if (context.extensionMode !== vscode.ExtensionMode.Production || context.globalState.get(WALKTHROUGH_OFFERED_KEY)) {
		return;
	}
	void context.globalState.update(WALKTHROUGH_OFFERED_KEY, true);
	const openOnInstall = vscode.workspace
		.getConfiguration('workbench')
		.get<boolean>('welcomePage.walkthroughs.openOnInstall', true);
	if (openOnInstall) {
		setTimeout(() => void openWalkthrough(context.extension.id), 0);
	}
}
