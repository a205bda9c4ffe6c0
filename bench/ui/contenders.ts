import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from '../../test/sandbox/fixtures';

export type ContenderKey = 'ours' | 'minimal';

/** One extension under test, as a user reaches it: a palette title and the placeholder of its app picker. */
export interface UiContender {
	readonly key: ContenderKey;
	readonly commandTitle: string;
	readonly pickPlaceholder: RegExp;
}

export const OURS: UiContender = {
	key: 'ours',
	commandTitle: 'Get WeChat Access Token',
	pickPlaceholder: /Get the access token of which app\?/,
};

/** test/e2e/fixtures/minimal-extension: the same job with raw `vscode` + `node:http`. */
export const MINIMAL: UiContender = {
	key: 'minimal',
	commandTitle: 'Minimal Extension: Get WeChat Token',
	pickPlaceholder: /Minimal: which app\?/,
};

/** The app every timed Get picks (the first row of both pickers), and the second one that makes them ask. */
export const BENCH_APP = { name: 'Shop', ...SANDBOX_WECHAT_APP } as const;
const SECOND_APP = { name: 'Team', ...SANDBOX_WECHAT_APP_2 } as const;

/**
 * Both extensions' settings: the same apps (WeChat stable tokens from the sandbox), one or two of them. With two, the
 * user's last Enter is the one on the app picker; with one, neither asks and it is the palette's Enter.
 */
export function benchSettings(sandboxUrl: string, appCount: 1 | 2): Record<string, unknown> {
	const apps = [BENCH_APP, SECOND_APP].slice(0, appCount);
	return {
		'wechatAccessToken.apps': apps.map(({ name, appId }) => ({
			name,
			appId,
			source: 'wechat-stable',
			host: sandboxUrl,
		})),
		'minimalWechatToken.apps': apps.map(({ name, appId }) => ({ name, appId, host: sandboxUrl })),
		// The uncached runs use 4-minute tokens (shorter than the 5-minute refresh margin, so every Get fetches); an alert
		// about them expiring soon is an artefact of that trick, not part of a Get.
		'wechatAccessToken.notifyBeforeExpiry': false,
	};
}
