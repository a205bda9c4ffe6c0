import { randomUUID } from 'node:crypto';
import type { TokenCaller } from '../app/tokens/classicMintGuard';

/**
 * Who started a command: the extension's own UI (`ui`), nobody VS Code names (`unmarked`: a call without arguments,
 * which the Command Palette, a keybinding without `args`, a task's `command` input and another extension's
 * `executeCommand` all make alike), or something else that passed arguments (`external`).
 */
export type InvocationOrigin = 'ui' | 'unmarked' | 'external';

/**
 * What the extension's own entry points that name an app pass as their last argument: the status bar item and the
 * links in its tooltip, the buttons of its notifications. A fresh random value in every extension host, so tasks and
 * keybindings cannot pass it, while it survives the JSON of a `command:` link unchanged. It is not a secret: code in
 * the same extension host could learn it. So it only spares the user questions; the modal before a classic token is
 * the gate, and it is asked of everything but the extension's own UI.
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
 * made elsewhere is not one). The extension's other entry points add UI_INVOCATION. A call with no argument at all
 * cannot be told from the palette: a task's `${input:…}` of type `command` and another extension's `executeCommand`
 * make the same call. It is `unmarked`: it acts on the only app or lets the user pick one, but a classic token asks
 * first. Anything else, such as an app name from `executeCommand` or a keybinding's `args`, is `external`: an entry
 * point that forgets the mark gets asked about, never trusted.
 */
export function invocationOrigin(
	args: readonly unknown[],
	isOwnTreeElement: (value: unknown) => boolean,
): { origin: InvocationOrigin; args: unknown[] } {
	if (args.length > 0 && isUiInvocation(args[args.length - 1])) {
		return { origin: 'ui', args: args.slice(0, -1) };
	}
	const [first] = args;
	if (isOwnTreeElement(first)) {
		return { origin: 'ui', args: [...args] };
	}
	return { origin: first === undefined || first === null ? 'unmarked' : 'external', args: [...args] };
}

/** Who asked for a token, for a command that fetches one on its own behalf (`wechatAccessToken.token` always says `task`). */
export function commandCaller(origin: InvocationOrigin): TokenCaller {
	switch (origin) {
		case 'ui':
			return 'user';
		case 'unmarked':
			return 'unmarked';
		case 'external':
			return 'command';
	}
}
