// Which printed op name sits under a text position (hovers on the model's text view). A printed 200,000-node model
// has 200,000 op ranges; a hover must not scan them all, so they are grouped by line once per printed model.
import type { OpRange, PrintedModel } from './printer';

export interface PrintedOp {
  /** The node's stable path (walk.ts). */
  path: string;
  range: OpRange;
}

const byLineOf = new WeakMap<PrintedModel, Map<number, PrintedOp[]>>();

/** The op whose name covers `character` on `line` (its end included, as a cursor right after a word is on it). */
export function printedOpAt(printed: PrintedModel, line: number, character: number): PrintedOp | undefined {
  let byLine = byLineOf.get(printed);
  if (!byLine) {
    byLine = new Map();
    for (const [path, range] of printed.opRanges) {
      const onLine = byLine.get(range.line);
      if (onLine) onLine.push({ path, range });
      else byLine.set(range.line, [{ path, range }]);
    }
    byLineOf.set(printed, byLine);
  }
  return byLine.get(line)?.find((op) => character >= op.range.start && character <= op.range.end);
}
