import type { DiagnosticsClient } from '../../core/diagnostics/diagnosticsClient';
import { createDiagnosticsClient } from '../../core/diagnostics/diagnosticsClient';
import type { TokenClient } from '../../core/tokenClient';
import { createTokenClient } from '../../core/tokenClient';
import type { Log } from '../ports/log';
import { maskToken } from './maskToken';

/** The core client as the extension configures it: the user's timeout and language, retries logged. */
export function createConfiguredClient(timeoutSeconds: number, displayLanguage: string, log: Log): TokenClient {
	return createTokenClient({
		timeoutMs: timeoutSeconds * 1000,
		// Authing words its messages in the language asked for; it knows these two.
		lang: displayLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US',
		onRetry: ({ attempt, delayMs, error }) =>
			log.info(`Attempt ${attempt} failed (${error.reason}); retrying in ${delayMs} ms.`),
	});
}

/** The diagnostics calls as the extension makes them: the user's timeout, tokens in WeChat's records masked. */
export function createConfiguredDiagnostics(timeoutSeconds: number): DiagnosticsClient {
	return createDiagnosticsClient({ timeoutMs: timeoutSeconds * 1000, maskToken });
}
