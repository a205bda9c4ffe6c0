import { randomUUID } from 'node:crypto';
import type { TokenCaller } from '../../app/tokens/classicMintGuard';

/** Whether a command was started from the extension's own UI, or by something else. */
export type InvocationOrigin = 'ui' | 'external';

/**
 * What the extension's own entry points that name an app pass as their last argument: the status bar item and the
 * links in its tooltip, the buttons of its notifications. A fresh random value in every extension host, so other
 * extensions, tasks and keybindings cannot pass it, while it survives the JSON of a `command:` link unchanged.
 */
export const UI_INVOCATION: { readonly wechatAccessTokenUi: string } = Object.freeze({
	wechatAccessTokenUi: randomUUID(),
});

export function isUiInvocation(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as Record<string, unknown>).wechatAccessTokenUi === UI_INVOCATION.wechatAccessTokenUi
	);
}

/**
 * Who started a command, from its arguments, and the arguments without the mark. What VS Code passes from its own UI:
 * nothing from the Command Palette and a keybinding without `args`; the focused element (or nothing) from the view's
 * title bar; the item from a tree item's menu (`isOwnTreeElement` knows the elements the tree handed out, so a copy
 * made elsewhere is not one). The extension's other entry points add UI_INVOCATION. Anything else, such as an app
 * name from `executeCommand` or a keybinding's `args`, is `external`: an entry point that forgets the mark gets asked
 * about, never trusted. A call with no argument at all cannot be told from the palette; it acts on the only app or
 * lets the user pick one.
 */
export function invocationOrigin(
	args: readonly unknown[],
	isOwnTreeElement: (value: unknown) => boolean,
): { origin: InvocationOrigin; args: unknown[] } {
	if (args.length > 0 && isUiInvocation(args[args.length - 1])) {
		return { origin: 'ui', args: args.slice(0, -1) };
	}
	const [first] = args;
	const fromUi = first === undefined || first === null || isOwnTreeElement(first);
	return { origin: fromUi ? 'ui' : 'external', args: [...args] };
}

/** Who asked for a token, for a command that fetches one on its own behalf (`wechatAccessToken.token` always says `task`). */
export function commandCaller(origin: InvocationOrigin): TokenCaller {
	return origin === 'ui' ? 'user' : 'command';
}
