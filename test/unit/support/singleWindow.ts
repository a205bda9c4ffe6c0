/**
 * Lease tuning for a TokenService that is the only window: no other window writes the lease, so there is no write to
 * wait for, and suites that fetch many classic tokens skip the 250 ms each would cost. twoWindows.test.ts tests the
 * lease itself.
 */
export const SINGLE_WINDOW_LEASE = { settleMs: 0 } as const;
