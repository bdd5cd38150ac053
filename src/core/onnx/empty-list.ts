// Most list fields of a node, attribute or tensor are empty, and a 200,000-node graph would otherwise hold a
// million empty arrays. The reader gives them all one frozen empty array (so a stray mutation throws instead of
// leaking into other models); the first element replaces it with a real array.
const EMPTY: readonly never[] = Object.freeze([]);

/** The shared empty list. */
export function none<T>(): T[] {
  return EMPTY as unknown as T[];
}

/** Whether `list` is the shared empty list (not merely some empty array). */
export function isNone(list: readonly unknown[]): boolean {
  return list === EMPTY;
}
