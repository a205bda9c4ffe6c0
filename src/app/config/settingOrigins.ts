/**
 * Where each `wechatAccessToken.*` setting may come from. A repository's `.vscode/settings.json` is written by whoever
 * wrote the repository, and VS Code applies it as soon as the folder opens, trusted or not. A setting that would let it
 * expose a token (put it in a terminal, send it or a secret somewhere, change where requests go, mint tokens or burn
 * quota) is therefore read from the user's own settings only.
 *
 * - `user`: `application` scope in package.json, so VS Code ignores workspace and folder values; and read here from
 *   the user value only (`readSetting`), in case a VS Code version or a later scope change still surfaces one.
 * - `trusted-workspace`: `window` scope and in `restrictedConfigurations`: VS Code ignores an untrusted workspace's
 *   value.
 * - `workspace`: `window` scope: a workspace may set it; it changes what the user sees, never what is sent or exposed.
 *
 * A test (test/unit/project/manifest.test.ts) holds package.json to this table, both ways.
 */
export type SettingOrigin = 'user' | 'trusted-workspace' | 'workspace';

export const SETTING_ORIGINS = {
	// Teams share their apps in the repository. It decides where credentials go, but secrets are bound to the host
	// (a new host gets none until the user enters or confirms them), and an untrusted repository's list is ignored.
	apps: 'trusted-workspace',
	// How early a cached token counts as stale. A repository's 60 would make a normal Get, or another extension's call,
	// mint a new classic token (killing the servers' one) in the token's second hour, and auto-refresh ask every minute.
	refreshMarginMinutes: 'user',
	// When the status bar and the alert start warning: shows no token, sends nothing.
	warnBeforeExpiryMinutes: 'workspace',
	// A property of the user's network, not of a project. A repository's 1 s would cut off answers WeChat already acted
	// on (a classic mint, a forced stable refresh): the servers' token and a quota unit spent, no token to show.
	requestTimeoutSeconds: 'user',
	// Whether the expiry alert shows; its buttons act only when the user clicks them.
	notifyBeforeExpiry: 'workspace',
	// Whether the walkthrough opens once after install: it sends nothing and shows no token.
	showWalkthroughOnInstall: 'workspace',
	// Sends secrets to the token servers in the background, with no one asking.
	autoRefresh: 'user',
	// Puts the live token in every new terminal, where any program the repository has you run can read it.
	terminalEnvironment: 'user',
	// Where token diagnostics and the copied curl command send the token.
	wechatApiHost: 'user',
	// The deprecated name of wechatApiHost, still read when wechatApiHost is not set.
	curlApiHost: 'user',
} as const satisfies Record<string, SettingOrigin>;

export type SettingName = keyof typeof SETTING_ORIGINS;

/** What VS Code's `WorkspaceConfiguration.inspect` reports, as far as reading a user-only setting needs it. */
export interface InspectedSetting {
	readonly defaultValue?: unknown;
	/** The user settings' value (in a remote window, merged with that machine's remote user settings). */
	readonly globalValue?: unknown;
}

/** The two reads of a `WorkspaceConfiguration` for one section; VS Code's object satisfies it. */
export interface SettingSource {
	/** The effective value: user, then workspace, then folder settings, the later winning. */
	get(name: string): unknown;
	inspect(name: string): InspectedSetting | undefined;
}

/** The raw value to use: a user-only setting's user value (else its default), whatever a workspace says; else `get`. */
export function readSetting(source: SettingSource, name: SettingName): unknown {
	if (SETTING_ORIGINS[name] !== 'user') {
		return source.get(name);
	}
	const inspected = source.inspect(name);
	return inspected?.globalValue !== undefined ? inspected.globalValue : inspected?.defaultValue;
}

/** A user-only setting's value in the user's settings; `undefined` when the user has not set it (for aliases). */
export function readUserValue(source: SettingSource, name: UserOnlySetting): unknown {
	return source.inspect(name)?.globalValue;
}

/** The settings read from the user's settings only. */
export type UserOnlySetting = {
	[K in SettingName]: (typeof SETTING_ORIGINS)[K] extends 'user' ? K : never;
}[SettingName];
