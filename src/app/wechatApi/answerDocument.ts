import { withoutAccessToken } from '../../core/wechatHttp/accessTokenParam';
import type { ApiCallRequest, JsonAnswer, TextAnswer } from '../../core/wechatHttp/apiAnswer';
import type { Localizer } from '../ports/localizer';
import { dateTimeFormat } from '../presentation/dateTimeFormats';
import { codeCell, fenced } from '../presentation/markdownCode';
import { adviseOnRefusal } from './answerAdvice';

export interface AnswerDocumentContext {
	readonly appName: string;
	readonly appId: string;
	readonly l10n: Localizer;
	/** VS Code's display language, for the time. */
	readonly locale: string | undefined;
	/** An IANA zone; the machine's when absent (tests name one). */
	readonly timeZone?: string;
}

/**
 * The read-only document an API call's answer opens in, beside its request file: the call (never its token), the
 * status and time taken, the answer (pretty JSON, or text), and a non-zero errcode explained in the user's language
 * with what to do. Images and other files are shown as what they are, not here.
 */
export function renderAnswerDocument(
	request: ApiCallRequest,
	answer: JsonAnswer | TextAnswer,
	context: AnswerDocumentContext,
): string {
	const { l10n } = context;
	const received = dateTimeFormat(context.locale, {
		dateStyle: 'medium',
		timeStyle: 'medium',
		timeZone: context.timeZone,
	}).format(answer.receivedAt);
	const lines = [
		`# ${request.method} ${codeCell(withoutAccessToken(request.pathAndQuery))}`,
		'',
		'| | |',
		'|---|---|',
		`| ${l10n.t('App')} | ${codeCell(context.appName)} (${codeCell(context.appId)}) |`,
		`| ${l10n.t('Status')} | HTTP ${answer.status} · ${answer.durationMs} ms |`,
		`| ${l10n.t('Received')} | ${received} |`,
		`| Content-Type | ${answer.contentType === '' ? '—' : codeCell(answer.contentType)} |`,
		'',
		...refusalSection(answer, l10n),
		`## ${l10n.t('Answer')}`,
		'',
		answer.kind === 'json' ? fenced(JSON.stringify(answer.json, null, 2), 'json') : fenced(answer.text, 'text'),
		'',
		l10n.t(
			'The access token was added to the query when the request was sent; it is not shown here, nor written to the file.',
		),
	];
	return `${lines.join('\n')}\n`;
}

function refusalSection(answer: JsonAnswer | TextAnswer, l10n: Localizer): string[] {
	if (answer.kind !== 'json' || answer.refusal === undefined) {
		return [];
	}
	const { refusal } = answer;
	const advice = adviseOnRefusal(refusal, l10n);
	return [
		`## errcode ${refusal.errcode}`,
		'',
		`**${advice.meaning}**`,
		'',
		...(advice.advice === undefined ? [] : [advice.advice, '']),
		`${l10n.t('WeChat said:')} ${codeCell(refusal.errmsg)}`,
		'',
	];
}
