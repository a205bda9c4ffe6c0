import type { RidReport } from '../../core/diagnostics/diagnosticTypes';
import type { Localizer } from '../ports/localizer';
import { dateTimeFormat } from '../presentation/dateTimeFormats';
import { codeCell, fenced } from '../presentation/markdownCode';
import { explainWechatErrcode } from './wechatErrcodes';

export interface RidDocumentContext {
	readonly appName: string;
	readonly appId: string;
	readonly l10n: Localizer;
	/** VS Code's display language, for the date. */
	readonly locale: string | undefined;
	/** An IANA zone; the machine's when absent (tests name one). */
	readonly timeZone?: string;
}

/**
 * The read-only document "Explain WeChat Error (rid)" opens: when the call was made and how long it took, the request
 * (URL with its token masked, body with secrets blanked: done by the client), WeChat's answer with its errcode
 * explained in the user's language, and the client IP WeChat saw.
 */
export function renderRidDocument(report: RidReport, context: RidDocumentContext): string {
	const { l10n } = context;
	const answer = parseAnswer(report.responseBody);
	const lines = [
		`# ${l10n.t({ message: 'WeChat call {0}', args: [report.rid], comment: ['{0} is the rid, a request id WeChat gives each call'] })}`,
		'',
		`| | |`,
		`|---|---|`,
		`| ${l10n.t('App')} | ${codeCell(context.appName)} (${codeCell(context.appId)}) |`,
		`| ${l10n.t('Called at')} | ${formatInstant(report.invokedAt, context.locale, context.timeZone)} |`,
		`| ${l10n.t('Took')} | ${report.costMs} ms |`,
		`| ${l10n.t('Client IP WeChat saw')} | ${report.clientIp ? codeCell(report.clientIp) : '—'} |`,
		'',
		`## ${l10n.t('Request')}`,
		'',
		fenced(report.requestUrl, 'text'),
		'',
		...(report.requestBody === ''
			? [l10n.t('No request body.')]
			: [fenced(prettyJson(report.requestBody), 'json')]),
		'',
		`## ${l10n.t('WeChat’s answer')}`,
		'',
		fenced(prettyJson(report.responseBody), 'json'),
		'',
		...explanation(answer, l10n),
	];
	return `${lines.join('\n')}\n`;
}

function explanation(answer: { errcode?: number; errmsg?: string }, l10n: Localizer): string[] {
	if (answer.errcode === undefined || answer.errcode === 0) {
		return [];
	}
	const meaning =
		explainWechatErrcode(answer.errcode, l10n) ??
		l10n.t('The extension does not know this errcode; WeChat’s own words are above.');
	return [`**errcode ${answer.errcode}**: ${meaning}`, ''];
}

function parseAnswer(text: string): { errcode?: number; errmsg?: string } {
	try {
		const value = JSON.parse(text) as unknown;
		if (typeof value === 'object' && value !== null) {
			const { errcode, errmsg } = value as Record<string, unknown>;
			return {
				...(typeof errcode === 'number' ? { errcode } : {}),
				...(typeof errmsg === 'string' ? { errmsg } : {}),
			};
		}
	} catch {
		// Not JSON: shown as it came, with nothing to explain.
	}
	return {};
}

function prettyJson(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text), null, 2);
	} catch {
		return text;
	}
}

/** The date and time, always with the date: a rid can be days old. */
export function formatInstant(ms: number, locale: string | undefined, timeZone?: string): string {
	const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium', timeZone };
	return dateTimeFormat(locale, options).format(ms);
}
