/** The numeric settings, their defaults and bounds; package.json's schema states the same (a test compares them). */
export const NUMERIC_SETTINGS = {
	refreshMarginMinutes: { default: 5, minimum: 0, maximum: 60 },
	warnBeforeExpiryMinutes: { default: 10, minimum: 0, maximum: 120 },
	requestTimeoutSeconds: { default: 15, minimum: 1, maximum: 120 },
} as const;

export type NumericSetting = keyof typeof NUMERIC_SETTINGS;

/** The setting's value if it is a number within bounds (clamped), else its default: a bad value never breaks anything. */
export function readNumericSetting(name: NumericSetting, value: unknown): number {
	const { default: fallback, minimum, maximum } = NUMERIC_SETTINGS[name];
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return fallback;
	}
	return Math.min(maximum, Math.max(minimum, value));
}

const MINUTE_MS = 60_000;

/** The one conversion of the settings counted in minutes (`refreshMarginMinutes`, `warnBeforeExpiryMinutes`) to ms. */
export function minutesToMs(minutes: number): number {
	return minutes * MINUTE_MS;
}
