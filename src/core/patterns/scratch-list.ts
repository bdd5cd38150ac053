// A list of integers (node indices, value ids; -1 allowed) reused from one candidate, anchor or rule to the next:
// cleared by resetting its length, never reallocated to shrink. A scan completes tens of thousands of candidates
// and walks from hundreds of thousands of anchors; lists made for each were most of what it allocated, and on a
// 2M-node graph every young-generation collection also costs time in proportion to the heap.

/** values[0 .. length) ascending, in place. Insertion sort: a chain has tens of nodes, and Array.prototype.sort
 *  allocates per call. */
export function sortAscending<T extends { [index: number]: number; length: number }>(values: T, length = values.length): T {
  for (let i = 1; i < length; i++) {
    const x = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > x) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = x;
  }
  return values;
}

export class ScratchList {
  // Small to start: every graph (a model may hold thousands of tiny If/Loop bodies) gets its own lists.
  private items = new Int32Array(8);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(x: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = x;
  }

  at(k: number): number {
    return this.items[k]!;
  }

  set(k: number, x: number): void {
    this.items[k] = x;
  }

  includes(x: number): boolean {
    for (let k = 0; k < this.length; k++) if (this.items[k] === x) return true;
    return false;
  }

  /** Ascending, in place: insertion sort for the short lists of a chain, the native sort for long ones. */
  sort(): void {
    if (this.length > 32) this.view().sort();
    else sortAscending(this.items, this.length);
  }

  /** Ascending with duplicates removed, in place. */
  sortUnique(): void {
    this.sort();
    let n = 0;
    for (let k = 0; k < this.length; k++) if (k === 0 || this.items[k] !== this.items[n - 1]) this.items[n++] = this.items[k]!;
    this.length = n;
  }

  /** The items as a view: valid until the list next changes. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }

  /** An exact-size copy, to keep. */
  toArray(): number[] {
    const out = new Array<number>(this.length);
    for (let k = 0; k < this.length; k++) out[k] = this.items[k]!;
    return out;
  }
}
