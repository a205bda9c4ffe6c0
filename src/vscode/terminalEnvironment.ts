import type * as vscode from 'vscode';
import type { ActiveApp } from '../app/tokens/activeApp';
import type { Log } from '../app/ports/log';
import type { TerminalTokenDecision } from '../app/presentation/terminalToken';
import { TERMINAL_TOKEN_VARIABLE, terminalTokenDecision } from '../app/presentation/terminalToken';
import type { Settings } from './settings';
import { DisposableOwner } from '../app/ports/lifecycle';

/** setTimeout's limit (about 24.8 days); a longer wait just wakes up once more. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps `WECHAT_ACCESS_TOKEN` in the environment of new integrated terminals equal to the active app's token while the
 * setting is on: replaced whenever the token changes, removed when it expires, when the app (or its token) is removed
 * and when the setting is turned off. Terminals already open keep what they started with; VS Code marks them as stale.
 */
export class TerminalEnvironment extends DisposableOwner {
	private expiryTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly collection: vscode.EnvironmentVariableCollection,
		private readonly activeApp: ActiveApp,
		private readonly settings: Settings,
		private readonly log: Log,
	) {
		// A persistent collection is written to the workspace storage on disk and restored from there; the token must
		// stay in SecretStorage only. It is set again from the cached token when the window starts.
		super();
		collection.persistent = false;
		collection.delete(TERMINAL_TOKEN_VARIABLE);
		// Disposed last made first: the variable is removed once nothing can set it again.
		this.register({ dispose: () => collection.delete(TERMINAL_TOKEN_VARIABLE) });
		this.register({ dispose: () => this.stopTimer() });
		this.register(activeApp.onDidChange(() => this.update()));
		this.register(settings.onDidChange(() => this.update()));
		this.update();
	}

	private update(): void {
		this.stopTimer();
		const now = Date.now();
		const decision = terminalTokenDecision(this.activeApp.state(), this.settings.read().terminalEnvironment, now);
		const current = this.collection.get(TERMINAL_TOKEN_VARIABLE)?.value;
		if (decision.kind === 'set') {
			if (current !== decision.value) {
				this.collection.replace(TERMINAL_TOKEN_VARIABLE, decision.value);
				this.log.info(`New terminals get ${TERMINAL_TOKEN_VARIABLE}: the token of "${decision.appName}".`);
			}
			// +1: at `expiresAt` exactly the token counts as expired, so the check after the wait removes it.
			this.expiryTimer = setTimeout(() => this.update(), Math.min(decision.expiresAt - now + 1, MAX_TIMER_MS));
			return;
		}
		if (current !== undefined) {
			this.collection.delete(TERMINAL_TOKEN_VARIABLE);
			this.log.info(`New terminals no longer get ${TERMINAL_TOKEN_VARIABLE}: ${describeUnset(decision.why)}.`);
		}
	}

	private stopTimer(): void {
		if (this.expiryTimer !== undefined) {
			clearTimeout(this.expiryTimer);
			this.expiryTimer = undefined;
		}
	}
}

function describeUnset(why: Extract<TerminalTokenDecision, { kind: 'unset' }>['why']): string {
	switch (why) {
		case 'off':
			return 'the setting is off';
		case 'no-token':
			return 'no app has a token';
		case 'expired':
			return 'the token expired';
	}
}
