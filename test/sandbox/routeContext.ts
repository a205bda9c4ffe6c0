import type { ContentKind, FaultOf } from './faults';
import type { Dialect, Reply } from './reply';
import type { RecordedRequest, SandboxState } from './state';

/** What a route handler gets: the request, the state, and the clock and faults that apply to this answer. */
export interface RouteContext {
	readonly request: RecordedRequest;
	readonly state: SandboxState;
	/** The sandbox clock when the answer is made, ms. Token lifetimes run on this clock. */
	readonly now: number;
	/** How far the clock the answer reports (Date header, `expiresAt`) is off, ms (a `server-date` fault). */
	readonly skewMs: number;
	/** Takes a content fault armed for this request; routes call it only when they write a token. */
	takeFault<K extends ContentKind>(kind: K): FaultOf<K> | undefined;
}

export interface Route {
	readonly method: 'GET' | 'POST';
	readonly path: string;
	readonly dialect: Dialect;
	readonly handle: (context: RouteContext) => Reply;
}
