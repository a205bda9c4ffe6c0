/** A JSON object (not null, not an array): the shape every parsed body and settings entry is checked against. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
