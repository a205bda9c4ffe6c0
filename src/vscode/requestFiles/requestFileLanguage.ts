import * as vscode from 'vscode';
import { requestProblemText } from '../../app/wechatApi/requestProblemTexts';
import { DisposableOwner } from '../../app/ports/lifecycle';
import type { RequestFile, RequestProblem } from '../../core/wechatHttp/requestFile';
import { parseRequestFile } from '../../core/wechatHttp/requestFile';
import type { TextRange } from '../../core/wechatHttp/textRange';
import { COMMAND_ID } from '../commandIds';
import { UI_INVOCATION } from '../invocationOrigin';

/** The language of `*.wechat.http` files: their own id, so REST Client (`.http`) does not claim them. */
export const WECHAT_HTTP_LANGUAGE = 'wechat-http';
const SELECTOR: vscode.DocumentSelector = { language: WECHAT_HTTP_LANGUAGE };
/** The diagnostics' source, and the quick fix's kind. */
const SOURCE = 'WeChat Access Token';

/**
 * What the editor shows in a request file: a Send lens above each request, folding per request, the file's problems
 * as squiggles (a JSON error in a body, a token written into the file, …) and the quick fix that removes a token.
 * Each document is parsed once per version, shared by all four.
 */
export class RequestFileLanguage extends DisposableOwner {
	private readonly parsed = new Map<string, { version: number; file: RequestFile }>();
	private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection(WECHAT_HTTP_LANGUAGE));
	private readonly lensesChanged = this.register(new vscode.EventEmitter<void>());

	constructor() {
		super();
		this.register(
			vscode.languages.registerCodeLensProvider(SELECTOR, {
				onDidChangeCodeLenses: this.lensesChanged.event,
				provideCodeLenses: (document) => this.codeLenses(document),
			}),
		);
		this.register(
			vscode.languages.registerFoldingRangeProvider(SELECTOR, {
				provideFoldingRanges: (document) =>
					this.parse(document).foldingRanges.map(
						(range) =>
							new vscode.FoldingRange(range.startLine, range.endLine, vscode.FoldingRangeKind.Region),
					),
			}),
		);
		this.register(
			vscode.languages.registerCodeActionsProvider(
				SELECTOR,
				{ provideCodeActions: (document, range) => this.quickFixes(document, range) },
				{ providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
			),
		);
		this.register(vscode.workspace.onDidOpenTextDocument((document) => this.check(document)));
		this.register(vscode.workspace.onDidChangeTextDocument(({ document }) => this.check(document)));
		this.register(
			vscode.workspace.onDidCloseTextDocument((document) => {
				this.diagnostics.delete(document.uri);
				this.parsed.delete(document.uri.toString());
			}),
		);
		vscode.workspace.textDocuments.forEach((document) => this.check(document));
	}

	/** The parsed file, from the cache while the document is unchanged. */
	parse(document: vscode.TextDocument): RequestFile {
		const key = document.uri.toString();
		const cached = this.parsed.get(key);
		if (cached !== undefined && cached.version === document.version) {
			return cached.file;
		}
		const file = parseRequestFile(document.getText());
		this.parsed.set(key, { version: document.version, file });
		return file;
	}

	private check(document: vscode.TextDocument): void {
		if (document.languageId !== WECHAT_HTTP_LANGUAGE) {
			return;
		}
		const problems = this.parse(document).requests.flatMap((request) => request.problems);
		this.diagnostics.set(document.uri, problems.map(toDiagnostic));
	}

	private codeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
		return this.parse(document).requests.map((request) => {
			const line = new vscode.Range(request.requestLine, 0, request.requestLine, 0);
			const title = request.app
				? vscode.l10n.t({
						message: 'Send Request as “{0}”',
						args: [request.app],
						comment: ['a link above a request; {0} is the app name'],
					})
				: vscode.l10n.t('Send Request');
			return new vscode.CodeLens(line, {
				title,
				command: COMMAND_ID.sendApiRequest,
				// The lens is the extension's own UI: the run is the user's.
				arguments: [document.uri, request.requestLine, UI_INVOCATION],
			});
		});
	}

	private quickFixes(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
		const fixes = this.parse(document)
			.requests.flatMap((request) => request.problems)
			.filter((problem) => problem.fix !== undefined && toRange(problem.range).intersection(range) !== undefined);
		return fixes.map((problem) => {
			const action = new vscode.CodeAction(
				vscode.l10n.t('Remove the access token from the file'),
				vscode.CodeActionKind.QuickFix,
			);
			const edit = new vscode.WorkspaceEdit();
			if (problem.fix !== undefined) {
				edit.replace(document.uri, toRange(problem.fix.range), problem.fix.newText);
			}
			action.edit = edit;
			action.diagnostics = [toDiagnostic(problem)];
			action.isPreferred = true;
			return action;
		});
	}
}

function toDiagnostic(problem: RequestProblem): vscode.Diagnostic {
	const diagnostic = new vscode.Diagnostic(
		toRange(problem.range),
		requestProblemText(problem, vscode.l10n),
		problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
	);
	diagnostic.source = SOURCE;
	diagnostic.code = problem.code;
	return diagnostic;
}

export function toRange(range: TextRange): vscode.Range {
	return new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn);
}
