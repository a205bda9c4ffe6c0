import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** One `l10n.t(…)` call in the source, with the key VS Code looks it up by (`message`, or `message/comment`). */
export interface L10nCall {
	readonly file: string;
	readonly line: number;
	/** `undefined` when the first argument is not a literal: such a message can never be translated. */
	readonly key: string | undefined;
	readonly message?: string;
	readonly comment?: readonly string[];
}

/** Every `….l10n.t(…)` / `l10n.t(…)` call under `dir`, read with the TypeScript parser (not a regex). */
export function findL10nCalls(dir: string): L10nCall[] {
	return listTsFiles(dir).flatMap((file) => callsIn(file));
}

function listTsFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? listTsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
	});
}

function callsIn(file: string): L10nCall[] {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const calls: L10nCall[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && isL10nT(node.expression)) {
			const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
			calls.push({ file, line, ...keyOf(node.arguments[0]) });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return calls;
}

function isL10nT(callee: ts.Expression): boolean {
	if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') {
		return false;
	}
	const target = callee.expression;
	return (
		(ts.isIdentifier(target) && target.text === 'l10n') ||
		(ts.isPropertyAccessExpression(target) && target.name.text === 'l10n')
	);
}

function keyOf(argument: ts.Expression | undefined): { key: string | undefined; message?: string; comment?: string[] } {
	if (argument !== undefined && ts.isStringLiteralLike(argument)) {
		return { key: argument.text, message: argument.text };
	}
	if (argument !== undefined && ts.isObjectLiteralExpression(argument)) {
		const message = literalProperty(argument, 'message');
		const commentNode = propertyValue(argument, 'comment');
		const comment =
			commentNode === undefined
				? []
				: ts.isStringLiteralLike(commentNode)
					? [commentNode.text]
					: ts.isArrayLiteralExpression(commentNode) && commentNode.elements.every(ts.isStringLiteralLike)
						? commentNode.elements.map((element) => (element as ts.StringLiteralLike).text)
						: undefined;
		if (message === undefined || comment === undefined) {
			return { key: undefined };
		}
		return { key: comment.length === 0 ? message : `${message}/${comment.join('')}`, message, comment };
	}
	return { key: undefined };
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
	for (const property of object.properties) {
		if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === name) {
			return property.initializer;
		}
	}
	return undefined;
}

function literalProperty(object: ts.ObjectLiteralExpression, name: string): string | undefined {
	const value = propertyValue(object, name);
	return value !== undefined && ts.isStringLiteralLike(value) ? value.text : undefined;
}

/** The English bundle as `@vscode/l10n-dev export` writes it: plain strings, or `{ message, comment }` with a comment. */
export function englishBundle(
	calls: readonly L10nCall[],
): Record<string, string | { message: string; comment: string[] }> {
	const bundle: Record<string, string | { message: string; comment: string[] }> = {};
	for (const call of calls) {
		if (call.key === undefined || call.message === undefined) {
			continue;
		}
		bundle[call.key] =
			call.comment && call.comment.length > 0
				? { message: call.message, comment: [...call.comment] }
				: call.message;
	}
	return bundle;
}
