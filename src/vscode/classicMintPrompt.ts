import * as vscode from 'vscode';
import type { ClassicMintQuestion } from '../app/tokens/classicMintGuard';
import { classicMintQuestionText } from '../app/presentation/classicMintQuestionText';
import { showWarningMessage } from './notifications';

/**
 * The question before a classic token request, as a modal warning: it cannot be missed or answered by accident, and
 * closing it (Cancel, Escape) is a no. Resolves `true` only for "Get New Token".
 */
export async function askClassicMint(question: ClassicMintQuestion): Promise<boolean> {
	const text = classicMintQuestionText(question, vscode.l10n);
	const choice = await showWarningMessage(text.message, { modal: true, detail: text.detail }, text.confirm);
	return choice === text.confirm;
}
