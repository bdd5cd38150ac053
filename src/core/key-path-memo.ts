// A memo keyed by a path of values (an object, a string, a number, each of a list of types…) held as nested Maps:
// looking up a path seen before allocates nothing, where joining the keys into one string per lookup allocated more than the
// work it saved when the lookup runs once per node of a 200,000-node graph. `undefined` is a key like any other.

type Level = Map<unknown, unknown>;
const VALUE = Symbol('value');
const LIST_END = Symbol('list end');

export class KeyPathMemo<V> {
  private readonly root: Level = new Map();
  private level: Level = this.root;

  /** Starts a path; then `key`/`keys` step down it, and `has`/`get`/`set` read or write its end. No callback
   *  makes the value: a closure made per lookup is what this memo exists to avoid. */
  start(): this {
    this.level = this.root;
    return this;
  }

  key(key: unknown): this {
    let next = this.level.get(key) as Level | undefined;
    if (next === undefined) this.level.set(key, (next = new Map()));
    this.level = next;
    return this;
  }

  /** Every element of a list, then an end mark: [a] then [b] is not the path of [a, b]. */
  keys(list: readonly unknown[]): this {
    for (let i = 0; i < list.length; i++) this.key(list[i]);
    return this.key(LIST_END);
  }

  /** Whether a value is remembered at the end of the path. */
  has(): boolean {
    return this.level.has(VALUE);
  }

  /** The value remembered at the end of the path (undefined when none is, or when it is undefined). */
  get(): V | undefined {
    return this.level.get(VALUE) as V | undefined;
  }

  /** Remembers `value` at the end of the path; returns it. */
  set(value: V): V {
    this.level.set(VALUE, value);
    return value;
  }
}
