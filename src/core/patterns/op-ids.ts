// Op types as small integers, shared by patterns and graph indexes: the matcher's innermost test ("is this node one
// of the pattern's op types?") becomes an integer compare instead of string compares of names read from a file.
const ids = new Map<string, number>();

/** The id of an op type name (ids are process-wide and never reused). */
export function opId(name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(name, id);
  }
  return id;
}
