import type { HttpTransport } from '../http/httpTransport';
import type { RetryDependencies } from '../http/retry';
import type { Clock } from '../tokenTypes';

/** What every source needs from its surroundings; built once by `createTokenClient`. */
export interface SourceContext {
	readonly transport: HttpTransport;
	readonly clock: Clock;
	readonly retry: RetryDependencies;
	/** Sent to Authing as `x-authing-lang`, so its messages come in the user's language. */
	readonly lang: 'zh-CN' | 'en-US';
	/**
	 * A credential the request under way carries that is not in the request itself (the management token, a request
	 * signature): the client blanks it out of every error text, as it does the request's own secrets.
	 */
	readonly noteSecret: (value: string) => void;
}

/** GenAuth is Authing outside China: same API, its own brand in header names. Told apart by the host. */
export function serviceName(baseUrl: string): 'Authing' | 'GenAuth' {
	return /(^|\.)genauth\.ai$/i.test(new URL(baseUrl).hostname) ? 'GenAuth' : 'Authing';
}
