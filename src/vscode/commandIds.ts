/**
 * Every command the extension contributes, in one table. package.json states the same (a test compares them):
 * `title` is the `%key%` in package.nls*.json, `icon` the codicon, `palette` whether the Command Palette lists it
 * (commands that need a tree item are hidden there with `"when": "false"`).
 */
export const COMMANDS = [
	{
		key: 'getToken',
		id: 'wechatAccessToken.getToken',
		title: '%command.getToken.title%',
		icon: '$(key)',
		palette: true,
	},
	{
		key: 'refreshToken',
		id: 'wechatAccessToken.refreshToken',
		title: '%command.refreshToken.title%',
		icon: '$(refresh)',
		palette: true,
	},
	{ key: 'addApp', id: 'wechatAccessToken.addApp', title: '%command.addApp.title%', icon: '$(add)', palette: true },
	{
		key: 'setCredentials',
		id: 'wechatAccessToken.setCredentials',
		title: '%command.setCredentials.title%',
		icon: '$(lock)',
		palette: true,
	},
	{
		key: 'removeApp',
		id: 'wechatAccessToken.removeApp',
		title: '%command.removeApp.title%',
		icon: '$(trash)',
		palette: true,
	},
	{
		key: 'focusStatusBar',
		id: 'wechatAccessToken.focusStatusBar',
		title: '%command.focusStatusBar.title%',
		icon: '$(pin)',
		palette: true,
	},
	{
		key: 'copyToken',
		id: 'wechatAccessToken.copyToken',
		title: '%command.copyToken.title%',
		icon: '$(copy)',
		palette: false,
	},
	{
		key: 'copyTokenAs',
		id: 'wechatAccessToken.copyTokenAs',
		title: '%command.copyTokenAs.title%',
		icon: '$(clippy)',
		palette: true,
	},
	{
		key: 'insertToken',
		id: 'wechatAccessToken.insertToken',
		title: '%command.insertToken.title%',
		icon: '$(insert)',
		palette: true,
	},
	// Returns the token instead of copying it: for `${command:wechatAccessToken.token}` in tasks.json and launch.json.
	{ key: 'token', id: 'wechatAccessToken.token', title: '%command.token.title%', icon: '$(key)', palette: false },
	{
		key: 'revealToken',
		id: 'wechatAccessToken.revealToken',
		title: '%command.revealToken.title%',
		icon: '$(eye)',
		palette: false,
	},
	{
		key: 'hideToken',
		id: 'wechatAccessToken.hideToken',
		title: '%command.hideToken.title%',
		icon: '$(eye-closed)',
		palette: false,
	},
	{
		key: 'openSettings',
		id: 'wechatAccessToken.openSettings',
		title: '%command.openSettings.title%',
		icon: '$(gear)',
		palette: true,
	},
	{
		key: 'showLog',
		id: 'wechatAccessToken.showLog',
		title: '%command.showLog.title%',
		icon: '$(output)',
		palette: true,
	},
	{
		key: 'checkToken',
		id: 'wechatAccessToken.checkToken',
		title: '%command.checkToken.title%',
		icon: '$(pulse)',
		palette: true,
	},
	{
		key: 'showQuota',
		id: 'wechatAccessToken.showQuota',
		title: '%command.showQuota.title%',
		icon: '$(dashboard)',
		palette: true,
	},
	{
		key: 'explainRid',
		id: 'wechatAccessToken.explainRid',
		title: '%command.explainRid.title%',
		icon: '$(question)',
		palette: true,
	},
	{
		key: 'getJsapiTicket',
		id: 'wechatAccessToken.getJsapiTicket',
		title: '%command.getJsapiTicket.title%',
		icon: '$(symbol-key)',
		palette: true,
	},
	// Returns the ticket instead of copying it: for `${command:wechatAccessToken.jsapiTicket}` in tasks.json.
	{
		key: 'jsapiTicket',
		id: 'wechatAccessToken.jsapiTicket',
		title: '%command.jsapiTicket.title%',
		icon: '$(symbol-key)',
		palette: false,
	},
	{
		key: 'signJsSdkPage',
		id: 'wechatAccessToken.signJsSdkPage',
		title: '%command.signJsSdkPage.title%',
		icon: '$(workspace-trusted)',
		palette: true,
	},
	{
		key: 'diagnoseJsSdkSignature',
		id: 'wechatAccessToken.diagnoseJsSdkSignature',
		title: '%command.diagnoseJsSdkSignature.title%',
		icon: '$(search-fuzzy)',
		palette: true,
	},
	{
		key: 'sendApiRequest',
		id: 'wechatAccessToken.sendApiRequest',
		title: '%command.sendApiRequest.title%',
		icon: '$(play)',
		palette: true,
	},
	{
		key: 'newApiRequest',
		id: 'wechatAccessToken.newApiRequest',
		title: '%command.newApiRequest.title%',
		icon: '$(new-file)',
		palette: true,
	},
	{
		key: 'resetApiQuota',
		id: 'wechatAccessToken.resetApiQuota',
		title: '%command.resetApiQuota.title%',
		icon: '$(history)',
		palette: true,
	},
	{
		key: 'saveApiAnswer',
		id: 'wechatAccessToken.saveApiAnswer',
		title: '%command.saveApiAnswer.title%',
		icon: '$(save-as)',
		palette: false,
	},
	{
		key: 'openWalkthrough',
		id: 'wechatAccessToken.openWalkthrough',
		title: '%command.openWalkthrough.title%',
		icon: '$(book)',
		palette: true,
	},
] as const;

export type CommandKey = (typeof COMMANDS)[number]['key'];

export const COMMAND_CATEGORY = '%command.category%';

export const COMMAND_ID = Object.fromEntries(COMMANDS.map(({ key, id }) => [key, id])) as {
	readonly [K in CommandKey]: Extract<(typeof COMMANDS)[number], { key: K }>['id'];
};

/** The view and status bar ids, also part of the public contract. */
export const APPS_VIEW_ID = 'wechatAccessToken.apps';
export const STATUS_BAR_ID = 'wechatAccessToken.expiry';

/**
 * True once the settings are read and hold no valid app. The view's welcome ("No WeChat app yet") shows only then:
 * without it, VS Code draws the welcome in an open view while the extension starts, to users who have apps.
 */
export const NO_APPS_CONTEXT_KEY = 'wechatAccessToken.noApps';

/** True once the settings are read and hold a valid app: the walkthrough's "Add an app" step is done. */
export const HAS_APPS_CONTEXT_KEY = 'wechatAccessToken.hasApps';

/** The walkthrough "Get started with WeChat Access Token" (package.json `contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'getStarted';
