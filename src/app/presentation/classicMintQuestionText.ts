import type { ClassicMintQuestion } from '../tokens/classicMintGuard';
import type { Localizer } from '../ports/localizer';

/** A modal question as shown: the message, the detail under it, and the one button that says yes (Cancel is VS Code's). */
export interface ClassicMintQuestionText {
	readonly message: string;
	readonly detail: string;
	readonly confirm: string;
}

const MINUTE = 60_000;

/**
 * The question before a classic token request: who asks, what it costs the servers, and when the last one for the
 * AppID went out. Whole sentences per case, so each language can word them its own way.
 */
export function classicMintQuestionText(question: ClassicMintQuestion, l10n: Localizer): ClassicMintQuestionText {
	const { app, caller, lastRequestedAgoMs } = question;
	const detail = [
		l10n.t({
			message:
				'Every token WeChat’s classic endpoint issues invalidates the token your servers use for AppID {0} within about 5 minutes, and counts against the daily quota.',
			args: [app.appId],
			comment: ['{0} is a WeChat AppID'],
		}),
	];
	if (lastRequestedAgoMs !== undefined) {
		detail.push(
			l10n.t({
				message:
					'The last one for this AppID was requested {0}, in this or another window: your servers may not have switched to it yet.',
				args: [timeAgo(lastRequestedAgoMs, l10n)],
				comment: ['{0} is how long ago, such as “2 minutes ago” or “less than a minute ago”'],
			}),
		);
	}
	if (caller !== 'user') {
		detail.push(l10n.t('If you did not expect this, choose Cancel: nothing is sent.'));
	}
	return { message: message(question, l10n), detail: detail.join('\n\n'), confirm: l10n.t('Get New Token') };
}

function message({ app, caller }: ClassicMintQuestion, l10n: Localizer): string {
	switch (caller) {
		case 'user':
			return l10n.t({
				message: 'Get another token for “{0}” from WeChat’s classic endpoint?',
				args: [app.name],
				comment: ['{0} is the app name'],
			});
		case 'unmarked':
			return l10n.t({
				message:
					'Get a new token for “{0}” from WeChat’s classic endpoint? The request comes from the Command Palette, a keybinding, a task or another extension: VS Code does not tell them apart.',
				args: [app.name],
				comment: ['{0} is the app name'],
			});
		case 'extension':
			return l10n.t({
				message: 'Another extension asks for a new token for “{0}” from WeChat’s classic endpoint. Allow it?',
				args: [app.name],
				comment: ['{0} is the app name'],
			});
		case 'task':
			return l10n.t({
				message:
					'A task or launch configuration asks for a new token for “{0}” from WeChat’s classic endpoint (through {1}). Allow it?',
				args: [app.name, '${command:wechatAccessToken.token}'],
				comment: ['{0} is the app name, {1} the variable a task uses'],
			});
		case 'command':
			return l10n.t({
				message:
					'A command run by something other than this extension’s own menus and buttons (another extension, a keybinding) asks for a new token for “{0}” from WeChat’s classic endpoint. Allow it?',
				args: [app.name],
				comment: ['{0} is the app name'],
			});
	}
}

/** Whole minutes: within the 5-minute spacing, nothing finer is worth reading. */
function timeAgo(ms: number, l10n: Localizer): string {
	const minutes = Math.floor(ms / MINUTE);
	if (minutes < 1) {
		return l10n.t('less than a minute ago');
	}
	return minutes === 1
		? l10n.t('1 minute ago')
		: l10n.t({
				message: '{0} minutes ago',
				args: [minutes],
				comment: ['{0} is a whole number of minutes, 2 or more'],
			});
}
