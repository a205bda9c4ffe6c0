import * as fc from 'fast-check';
import { TOKEN_ERROR_REASONS, TokenError } from '../../../../src/core/errors';

/**
 * Shared by the property suites: runs a property with a fixed number of inputs, counts every input generated, and
 * prints the total once the whole mocha run is over (the count is part of the reliability report, issue 6).
 */
let totalInputs = 0;
const perSuite = new Map<string, number>();

// Registered while mocha loads the first property file, so this is a root-level hook: it runs after every suite.
after(() => {
	if (totalInputs > 0) {
		const lines = [...perSuite].map(([name, count]) => `    ${name}: ${count}`);
		console.log(`\n  property-based tests: ${totalInputs} generated inputs in all\n${lines.join('\n')}`);
	}
});

/** fast-check's `assert`, with the inputs counted under `suite`. A seed from the environment replays a failure. */
export function checkProperty<Ts>(suite: string, property: fc.IProperty<Ts>, numRuns: number): void {
	const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };
	fc.assert(property, { numRuns, ...seed });
	totalInputs += numRuns;
	perSuite.set(suite, (perSuite.get(suite) ?? 0) + numRuns);
}

/** What parsing hostile input may end in: a value, or a TokenError with a known reason. Anything else is a bug. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TokenError };

export function outcomeOf<T>(run: () => T): Outcome<T> {
	try {
		return { ok: true, value: run() };
	} catch (error) {
		if (
			error instanceof TokenError &&
			(TOKEN_ERROR_REASONS as readonly string[]).includes(error.reason) &&
			typeof error.message === 'string'
		) {
			return { ok: false, error };
		}
		throw error;
	}
}
