// A list of integers (node indices, value ids) reused from one candidate to the next: cleared, not reallocated.
// A scan completes tens of thousands of candidates; arrays grown by push (room for 17 each) were most of what it
// allocated, and on a 2M-node graph every extra young-generation collection also pays for the size of the heap.

export class ScratchList {
  private readonly items: number[] = [];
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(x: number): void {
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

  /** Ascending, in place (insertion sort: a chain has tens of nodes). */
  sort(): void {
    const a = this.items;
    for (let i = 1; i < this.length; i++) {
      const x = a[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > x) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = x;
    }
  }

  /** Ascending with duplicates removed, in place. */
  sortUnique(): void {
    this.sort();
    let n = 0;
    for (let k = 0; k < this.length; k++) if (k === 0 || this.items[k] !== this.items[n - 1]) this.items[n++] = this.items[k]!;
    this.length = n;
  }

  /** An exact-size copy, to keep. */
  toArray(): number[] {
    return this.items.slice(0, this.length);
  }
}
