// Op types as small integers, shared by patterns and graph indexes: the matcher's innermost test ("is this node one
// of the pattern's op types?") becomes an integer compare instead of string compares of names read from a file.
const ids = new Map<string, number>();
const names: string[] = [];

/** The id of an op type name, made on first use. Only patterns make ids (when their modules load): a graph's op
 *  types are looked up with knownOpId, so models opened over a long session cannot grow this table. */
export function opId(name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(name, id);
    names.push(name);
  }
  return id;
}

/** How many op types have ids (ids are 0 .. opIdCount() - 1). */
export function opIdCount(): number {
  return names.length;
}

/** The op type name of an id. */
export function opNameOf(id: number): string {
  return names[id]!;
}

/** The id of an op type some pattern names; -1 for any other (no pattern can match it). */
export function knownOpId(name: string): number {
  return ids.get(name) ?? -1;
}
