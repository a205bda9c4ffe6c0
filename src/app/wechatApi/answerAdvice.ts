import type { WechatRefusal } from '../../core/diagnostics/diagnosticTypes';
import { DEAD_TOKEN_ERRCODES } from '../../core/diagnostics/wechatApiError';
import { parseCallerIp } from '../../core/sources/wechatErrors';
import { explainWechatErrcode } from '../health/wechatErrcodes';
import type { Localizer } from '../ports/localizer';

/** What the user can do about a refusal, each a button in the answer's notification. */
export type AnswerAction = 'explainRid' | 'copyIp' | 'showQuota' | 'resetQuota';

export interface AnswerAdvice {
	/** What the errcode means, in the user's language (or that the extension does not know it). */
	readonly meaning: string;
	/** What to do about it, when there is more to say than the meaning. */
	readonly advice: string | undefined;
	readonly actions: readonly AnswerAction[];
	/** The token no longer works (40001/40014/42001): the dead-token flow of Check takes over, with its own message. */
	readonly deadToken: boolean;
	/** The caller's IP WeChat named (IP whitelist errors), for Copy IP. */
	readonly ip: string | undefined;
}

/** The errcodes that name the caller's IP: the API IP whitelist and its confirmations. */
const IP_ERRCODES: ReadonlySet<number> = new Set([40164, 61004, 89501, 89503, 89506, 89507]);

/**
 * A non-zero errcode in an API's answer, explained from the errcode table, with the actions the extension already has
 * (PROTOCOLS.md §6, §8): a dead token → the fix Check offers; the IP whitelist → Copy IP; 48001 → not a token fault;
 * 45009 → the path's quota, and a reset behind its modal; any rid → Explain Error.
 */
export function adviseOnRefusal(refusal: WechatRefusal, l10n: Localizer): AnswerAdvice {
	const { errcode } = refusal;
	const actions: AnswerAction[] = [];
	let advice: string | undefined;
	const ip = IP_ERRCODES.has(errcode) ? parseCallerIp(refusal.errmsg) : undefined;
	const deadToken = DEAD_TOKEN_ERRCODES.has(errcode);
	if (deadToken) {
		advice = l10n.t(
			'The token no longer works: the app is marked in the sidebar, and the message offers what fixes it.',
		);
	} else if (errcode === 48001) {
		advice = l10n.t(
			'This account may not call this API: it is not a token fault, and a new token would not help. Check the account type and its permissions on the WeChat platform.',
		);
	} else if (errcode === 45009) {
		actions.push('showQuota', 'resetQuota');
		advice = l10n.t(
			'Show Quota reads what is left of this API’s daily quota. Reset API Quota… starts it over for the whole account: a month allows 10 resets, shared with the WeChat web console.',
		);
	}
	if (ip !== undefined) {
		actions.push('copyIp');
	}
	// A dead token's message is Check's, with its own fix: nothing is offered beside it.
	if (refusal.rid !== undefined && !deadToken) {
		actions.push('explainRid');
	}
	return {
		meaning: explainWechatErrcode(errcode, l10n) ?? l10n.t('The extension does not know this errcode.'),
		advice,
		actions,
		deadToken,
		ip,
	};
}

export function answerActionLabel(action: AnswerAction, l10n: Localizer): string {
	switch (action) {
		case 'explainRid':
			return l10n.t('Explain Error');
		case 'copyIp':
			return l10n.t('Copy IP');
		case 'showQuota':
			return l10n.t('Show Quota');
		case 'resetQuota':
			return l10n.t('Reset API Quota…');
	}
}
