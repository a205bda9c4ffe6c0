import * as vscode from 'vscode';
import type { WechatApp } from '../../app/config/appConfig';
import type { AnswerAction } from '../../app/wechatApi/answerAdvice';
import { adviseOnRefusal, answerActionLabel } from '../../app/wechatApi/answerAdvice';
import { renderAnswerDocument } from '../../app/wechatApi/answerDocument';
import type { WechatRefusal } from '../../core/diagnostics/diagnosticTypes';
import type { AccessToken } from '../../core/tokenTypes';
import type { ApiAnswer, ApiCallRequest, FileAnswer } from '../../core/wechatHttp/apiAnswer';
import { COMMAND_ID } from '../commandIds';
import { UI_INVOCATION } from '../invocationOrigin';
import { showInformationMessage, showWarningMessage } from '../notifications';
import type { CommandServices } from './commandServices';
import { copyIp } from './runCommand';
import { reportDeadToken } from './wechatCalls';

/**
 * Shows what an API call brought back, beside its request: a JSON or text answer as a read-only document, an image in
 * VS Code's image preview, any other file offered for saving. A refusal is explained with what fixes it: a dead token
 * goes to Check's flow; anything else gets a message with its actions.
 */
export async function presentAnswer(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	request: ApiCallRequest,
	answer: ApiAnswer,
): Promise<void> {
	const name = fileNameOf(request.pathAndQuery);
	if (answer.kind === 'image' || answer.kind === 'binary') {
		await presentFile(services, app, request, answer, name);
		return;
	}
	const document = renderAnswerDocument(request, answer, {
		appName: app.name,
		appId: app.appId,
		l10n: vscode.l10n,
		locale: vscode.env.language,
	});
	const uri = services.answers.add(`${name}.md`, new TextEncoder().encode(document));
	await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
	if (answer.kind === 'json' && answer.refusal !== undefined) {
		await explainRefusal(services, app, token, request, answer.refusal);
	}
}

async function presentFile(
	services: CommandServices,
	app: WechatApp,
	request: ApiCallRequest,
	answer: FileAnswer,
	name: string,
): Promise<void> {
	const uri = services.answers.add(`${name}${extensionOf(answer.contentType)}`, answer.bytes);
	const size = formatSize(answer.bytes.byteLength);
	const saveAs = vscode.l10n.t('Save As…');
	let message: string;
	if (answer.kind === 'image') {
		await vscode.commands.executeCommand('vscode.open', uri, {
			viewColumn: vscode.ViewColumn.Beside,
			preserveFocus: true,
		});
		message = vscode.l10n.t({
			message: '“{0}”: {1} answered an image ({2}, {3}).',
			args: [app.name, pathOf(request.pathAndQuery), answer.contentType, size],
			comment: [
				'{0} is the app name, {1} an API path, {2} a content type such as image/png, {3} a size such as 12 KB',
			],
		});
	} else {
		message = vscode.l10n.t({
			message: '“{0}”: {1} answered a file ({2}, {3}).',
			args: [app.name, pathOf(request.pathAndQuery), answer.contentType || '?', size],
			comment: ['{0} is the app name, {1} an API path, {2} a content type, {3} a size such as 12 KB'],
		});
	}
	const choice = await showInformationMessage(message, saveAs);
	if (choice === saveAs) {
		await vscode.commands.executeCommand(COMMAND_ID.saveApiAnswer, uri, UI_INVOCATION);
	}
}

async function explainRefusal(
	services: CommandServices,
	app: WechatApp,
	token: AccessToken,
	request: ApiCallRequest,
	refusal: WechatRefusal,
): Promise<void> {
	const advice = adviseOnRefusal(refusal, vscode.l10n);
	services.log.info(`WeChat refused ${pathOf(request.pathAndQuery)} for "${app.name}" with ${refusal.errcode}.`);
	if (advice.deadToken) {
		await reportDeadToken(services, app, token, refusal);
		return;
	}
	const buttons = advice.actions.map((action) => ({ title: answerActionLabel(action, vscode.l10n), action }));
	const choice = await showWarningMessage(
		vscode.l10n.t({
			message: '“{0}”: WeChat refused {1} with errcode {2}: {3}',
			args: [
				app.name,
				pathOf(request.pathAndQuery),
				refusal.errcode,
				[advice.meaning, advice.advice].filter(Boolean).join(' '),
			],
			comment: ['{0} is the app name, {1} an API path, {2} a number, {3} what it means and what to do'],
		}),
		...buttons,
	);
	if (choice !== undefined) {
		await runAnswerAction(choice.action, app, request, refusal, advice.ip);
	}
}

async function runAnswerAction(
	action: AnswerAction,
	app: WechatApp,
	request: ApiCallRequest,
	refusal: WechatRefusal,
	ip: string | undefined,
): Promise<unknown> {
	// Each is the user's click in the extension's own message: the runs are the user's.
	switch (action) {
		case 'explainRid':
			return vscode.commands.executeCommand(COMMAND_ID.explainRid, app.name, refusal.rid, UI_INVOCATION);
		case 'copyIp':
			return copyIp(ip);
		case 'showQuota':
			return vscode.commands.executeCommand(
				COMMAND_ID.showQuota,
				app.name,
				pathOf(request.pathAndQuery),
				UI_INVOCATION,
			);
		case 'resetQuota':
			return vscode.commands.executeCommand(COMMAND_ID.resetApiQuota, app.name, UI_INVOCATION);
	}
}

/** The API path without its query: what the quota read and the messages name. */
export function pathOf(pathAndQuery: string): string {
	const at = pathAndQuery.indexOf('?');
	return at < 0 ? pathAndQuery : pathAndQuery.slice(0, at);
}

/** `wxa-getwxacodeunlimit`: a file name from the API path, for the answer's tab and Save As. */
function fileNameOf(pathAndQuery: string): string {
	const name = pathOf(pathAndQuery)
		.replace(/^\/+/, '')
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return name === '' ? 'answer' : name;
}

function extensionOf(contentType: string): string {
	const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
	switch (type) {
		case 'image/png':
			return '.png';
		case 'image/jpeg':
		case 'image/jpg':
			return '.jpg';
		case 'image/gif':
			return '.gif';
		case 'application/pdf':
			return '.pdf';
		case 'audio/amr':
			return '.amr';
		case 'video/mp4':
			return '.mp4';
		default:
			return '.bin';
	}
}

function formatSize(bytes: number): string {
	return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 102.4) / 10} KB`;
}
