import * as vscode from 'vscode';
import { wechatApiBaseUrl } from '../../app/config/wechatApiBaseUrl';
import { requestProblemText } from '../../app/wechatApi/requestProblemTexts';
import type { ApiCallRequest } from '../../core/wechatHttp/apiAnswer';
import { canSend } from '../../core/wechatHttp/requestFile';
import type { WechatRequest } from '../../core/wechatHttp/requestFile';
import { pathAndQueryOf, TOKEN_PLACEHOLDER, withAccessToken } from '../../core/wechatHttp/sendUrl';
import { pathOf, presentAnswer } from '../flows/apiAnswerFlow';
import { resolveApp } from '../flows/appPicker';
import type { CommandHandler, CommandServices } from '../flows/commandServices';
import { tokenForDiagnostics } from '../flows/diagnosticsToken';
import { showErrorMessage, showWarningMessage } from '../notifications';
import { withCancellableProgress } from '../progress';
import { WECHAT_HTTP_LANGUAGE } from '../requestFiles/requestFileLanguage';

/**
 * "Send WeChat API Request" (the lens above a request, the editor's title button, Ctrl+Alt+Enter): sends the request
 * at the cursor (or the lens's) as its app (`@app`, else the status bar's app, else a pick), with the app's token
 * added to the query at send time: never written into the file, and only ever sent to the app's WeChat API host (a
 * request naming another host is refused before any token is read). The token is obtained as Get obtains it.
 */
export function sendApiRequestCommand(services: CommandServices): CommandHandler {
	return async (run, uriArg, lineArg) => {
		const located = await requestAt(services, uriArg, lineArg);
		if (located === undefined) {
			return;
		}
		const { request, line } = located;
		if (!canSend(request)) {
			const problem = request.problems.find((candidate) => candidate.severity === 'error');
			void showErrorMessage(
				vscode.l10n.t({
					message: 'Not sent: the request on line {0} cannot be sent as written. {1}',
					args: [line + 1, problem === undefined ? '' : requestProblemText(problem, vscode.l10n)],
					comment: ['{0} is a line number, {1} what is wrong'],
				}),
			);
			return;
		}
		const active = request.app === undefined ? services.activeApp.state()?.app : undefined;
		const app =
			active ??
			(await resolveApp(services, run, request.app, {
				placeHolder: vscode.l10n.t('Send the request as which app?'),
			}));
		if (app === undefined) {
			return;
		}
		run.app = app;
		const apiHost = wechatApiBaseUrl(app, services.settings.read().wechatApiHost);
		const address = withAccessToken(request.target, apiHost, TOKEN_PLACEHOLDER);
		if (!address.ok) {
			void showErrorMessage(
				vscode.l10n.t({
					message:
						'Not sent: the request goes to {0}, but the token of “{1}” is only ever sent to its WeChat API host, {2}. Write the path alone (/cgi-bin/…) or a URL on that host.',
					args: [address.problem === 'other-host' ? address.host : '?', app.name, apiHost],
					comment: ['{0} is a host name, {1} the app name, {2} an address'],
				}),
			);
			services.log.warn(`Refused to send a request of "${app.name}" to another host than ${apiHost}.`);
			return;
		}
		const token = await tokenForDiagnostics(services, run, app);
		if (token === undefined) {
			return;
		}
		const call: ApiCallRequest = {
			method: request.method,
			pathAndQuery: pathAndQueryOf(request.target),
			headers: request.headers,
			...(request.body === undefined ? {} : { body: request.body }),
		};
		const title = vscode.l10n.t({
			message: 'Sending {0} {1} as “{2}”…',
			args: [call.method, pathOf(call.pathAndQuery), app.name],
			comment: ['{0} is GET or POST, {1} an API path, {2} the app name'],
		});
		const answer = await withCancellableProgress(title, (signal) =>
			services.healthCalls.api({ app, accessToken: token.accessToken, signal }, call),
		);
		services.log.info(
			`Sent ${call.method} ${address.redactedUrl} as "${app.name}": HTTP ${answer.status}, ${answer.kind}${answer.kind === 'json' && answer.refusal ? `, errcode ${answer.refusal.errcode}` : ''}, ${answer.durationMs} ms.`,
		);
		await presentAnswer(services, app, token, call, answer);
	};
}

/** The request file and the request a lens named, or the one at the active editor's cursor. */
async function requestAt(
	services: CommandServices,
	uriArg: unknown,
	lineArg: unknown,
): Promise<{ request: WechatRequest; line: number } | undefined> {
	const editor = vscode.window.activeTextEditor;
	const document = uriArg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uriArg) : editor?.document;
	if (document === undefined || document.languageId !== WECHAT_HTTP_LANGUAGE) {
		void showWarningMessage(
			vscode.l10n.t(
				'Open a .wechat.http file and put the cursor in a request, or run “New WeChat API Request…”.',
			),
		);
		return undefined;
	}
	const line =
		typeof lineArg === 'number'
			? lineArg
			: editor !== undefined && editor.document === document
				? editor.selection.active.line
				: 0;
	const { requests } = services.requestFiles.parse(document);
	const request =
		requests.find((candidate) => line >= candidate.range.startLine && line <= candidate.range.endLine) ??
		requests.find((candidate) => candidate.range.startLine > line);
	if (request === undefined) {
		void showWarningMessage(
			vscode.l10n.t('There is no request at the cursor: write one, such as GET /cgi-bin/get_api_domain_ip.'),
		);
		return undefined;
	}
	return { request, line: request.requestLine };
}
