/**
 * The entry point of the trace build (`traceBuild.ts`): the shipped extension's `activate`, given a context whose
 * SecretStorage and mementos are timestamped, while its `vscode` import is `tracedVscode.ts`. The records go to
 * `bench-trace.jsonl` in the extension's log folder.
 */
import type * as vscode from 'vscode';
import { activate as activateExtension } from '../../../src/extension';
import { tracedContext } from './tracedContext';
import { startTraceRecorder } from './traceRecorder';

export function activate(context: vscode.ExtensionContext): ReturnType<typeof activateExtension> {
	startTraceRecorder(context.logUri.fsPath);
	return activateExtension(tracedContext(context));
}

export { deactivate } from '../../../src/extension';
