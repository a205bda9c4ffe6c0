/**
 * A plain object with every own enumerable member of `target` (getters stay live, read on each access) and the
 * `overrides`, which also add members `target` only inherits (a class's methods).
 */
export function forward<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
	const out = {} as T;
	const keys = new Set<keyof T>([
		...(Object.keys(target) as (keyof T)[]),
		...(Object.keys(overrides) as (keyof T)[]),
	]);
	for (const key of keys) {
		Object.defineProperty(out, key, {
			enumerable: true,
			get: () => (key in overrides ? overrides[key] : target[key]),
		});
	}
	return out;
}
