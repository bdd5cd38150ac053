// The tree's ranges for long node lists (src/extension/tree/ranges.ts): every level holds at most 1,000 rows, the
// ranges of a level cover the list exactly once, and the path to an item ends in the range that lists it.
import { describe, expect, it } from 'vitest';
import { rangePath, rangesOf, rangeStep, ROWS_PER_LEVEL } from '../../../src/extension/tree/ranges';

/** Every item index reached by expanding the rows of [start, end) down to the items, in order. */
function expand(start: number, end: number): number[] {
  const ranges = rangesOf(start, end);
  if (!ranges) return Array.from({ length: end - start }, (_, k) => start + k);
  expect(ranges.length).toBeLessThanOrEqual(ROWS_PER_LEVEL);
  return ranges.flatMap(([s, e]) => expand(s, e));
}

describe('tree ranges', () => {
  it('shows up to 1,000 items directly, then ranges of a power of 1,000', () => {
    expect(rangesOf(0, 1000)).toBeUndefined();
    expect(rangesOf(0, 1001)).toEqual([[0, 1000], [1000, 1001]]);
    expect(rangesOf(0, 200_000)!.length).toBe(200);
    expect(rangeStep(200_000)).toBe(1000);
    expect(rangeStep(2_000_000)).toBe(1_000_000);
    expect(rangesOf(0, 2_000_000)).toEqual([[0, 1_000_000], [1_000_000, 2_000_000]]);
  });

  it.each([1001, 2500, 200_000, 1_000_001])('covers %i items exactly once, in order', (n) => {
    const items = expand(0, n);
    expect(items.length).toBe(n);
    expect(items.every((v, k) => v === k)).toBe(true);
  });

  it('leads to the range that lists an item, through ranges the rows above show', () => {
    for (const [n, position] of [[2500, 2345], [1001, 1000], [200_000, 0], [2_000_000, 1_234_567], [900, 5]] as const) {
      const path = rangePath(n, position);
      let [start, end]: [number, number] = [0, n];
      for (const [s, e] of path) {
        expect(rangesOf(start, end)).toContainEqual([s, e]);
        [start, end] = [s, e];
      }
      expect(position >= start && position < end).toBe(true);
      expect(rangesOf(start, end)).toBeUndefined(); // the last range lists the item itself
    }
    expect(rangePath(900, 5)).toEqual([]);
    expect(rangePath(2_000_000, 1_234_567)).toEqual([[1_000_000, 2_000_000], [1_234_000, 1_235_000]]);
  });
});
