// Long node lists in the tree are split into ranges of rows, as VS Code's debugger splits long arrays: a level
// never holds more than ROWS_PER_LEVEL rows, so a 200,000-node graph shows 200 rows "[0 … 999]", … instead of
// sending 200,000 rows to the window at once (and a 2M-node graph 2 rows of 1,000,000, each of 1,000 ranges).
// Pure arithmetic, no vscode: the tree provider turns these into rows.

export const ROWS_PER_LEVEL = 1000;

/** The size of the ranges a list of `count` rows is split into: a power of ROWS_PER_LEVEL, the smallest that
 *  leaves at most ROWS_PER_LEVEL ranges. */
export function rangeStep(count: number): number {
  let step = ROWS_PER_LEVEL;
  while (count / step > ROWS_PER_LEVEL) step *= ROWS_PER_LEVEL;
  return step;
}

/** The rows shown for items [start, end) of a list: the items themselves when there are few enough, else the
 *  ranges, each [start, end). */
export function rangesOf(start: number, end: number): Array<[number, number]> | undefined {
  if (end - start <= ROWS_PER_LEVEL) return undefined;
  const step = rangeStep(end - start);
  const out: Array<[number, number]> = [];
  for (let s = start; s < end; s += step) out.push([s, Math.min(s + step, end)]);
  return out;
}

/** The ranges from the top of a list of `length` items down to the one holding item `position`, outermost first
 *  (empty when the list is short enough to show its items directly). */
export function rangePath(length: number, position: number): Array<[number, number]> {
  const path: Array<[number, number]> = [];
  let start = 0;
  let end = length;
  while (end - start > ROWS_PER_LEVEL) {
    const step = rangeStep(end - start);
    start += Math.floor((position - start) / step) * step;
    end = Math.min(start + step, end);
    path.push([start, end]);
  }
  return path;
}
