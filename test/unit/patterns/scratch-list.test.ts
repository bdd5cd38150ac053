// ScratchList: the reused integer list of the scan. Growth past its first storage, -1 values, sorting by both
// paths (insertion for short lists, native for long ones), dedupe, and exact-size copies that later reuse leaves intact.
import { describe, expect, it } from 'vitest';
import { ScratchList } from '../../../src/core/patterns/scratch-list';

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % 401) - 200;
}

describe('ScratchList', () => {
  it('sorts and dedupes like Set + sort, short and long, across reuse', () => {
    const next = random(7);
    const list = new ScratchList();
    for (let round = 0; round < 300; round++) {
      const n = round % 150;
      const values = Array.from({ length: n }, next);
      list.clear();
      for (const v of values) list.push(v);
      expect(list.includes(values[0] ?? 12345)).toBe(n > 0);
      list.sortUnique();
      expect(list.toArray()).toEqual([...new Set(values)].sort((a, b) => a - b));
    }
  });

  it('copies are exact and independent of later use', () => {
    const list = new ScratchList();
    for (let k = 0; k < 100; k++) list.push(100 - k);
    const copy = list.toArray();
    list.clear();
    list.push(-1);
    expect(copy).toHaveLength(100);
    expect(copy[0]).toBe(100);
    expect(list.toArray()).toEqual([-1]);
    expect([...list.view()]).toEqual([-1]);
  });
});
