import * as vscode from 'vscode';
import { openWalkthrough } from '../commands/openWalkthrough';

/** Set once the walkthrough was opened (or would have been): it opens once per installation, not per window. */
const WALKTHROUGH_OFFERED_KEY = 'wechatAccessToken.walkthroughOffered';

/**
 * Opens "Get started with WeChat Access Token" the first time the extension runs after install, as VS Code does for an
 * extension installed from the Marketplace. `wechatAccessToken.showWalkthroughOnInstall` turns it off (VS Code's own
 * `workbench.welcomePage.walkthroughs.openOnInstall` is an application setting a remote extension host cannot read,
 * so it is honoured only where it can be: when it reads false). Not while the extension runs for its tests or under
 * the debugger, where it would cover the editors in use. Deferred past activation: the first frame does not need it.
 */
export function openWalkthroughOnFirstRun(context: vscode.ExtensionContext): void {
	if (context.extensionMode !== vscode.ExtensionMode.Production || context.globalState.get(WALKTHROUGH_OFFERED_KEY)) {
		return;
	}
	void context.globalState.update(WALKTHROUGH_OFFERED_KEY, true);
	const ours = vscode.workspace.getConfiguration('wechatAccessToken').get<boolean>('showWalkthroughOnInstall', true);
	const vscodes = vscode.workspace
		.getConfiguration('workbench')
		.get<boolean>('welcomePage.walkthroughs.openOnInstall');
	if (ours && vscodes !== false) {
		setTimeout(() => void openWalkthrough(context.extension.id), 0);
	}
}
