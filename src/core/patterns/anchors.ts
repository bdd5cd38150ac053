// Where to try a rule: a pattern is anchored on its rarest required op, not on its root. A requirement is a set of
// op types one of which every match contains, with the greatest depth (in op hops above the root) it can sit at.
// The matcher is then tried only at root-type nodes within that many hops below an occurrence, so a Mul-rooted
// RMSNorm costs nothing in a graph region without a Sqrt. Cost stays linear: each rare node's down-cone is small.
import type { GraphIndex } from './graph-index';
import type { Pattern } from './pattern';
import { opId } from './op-ids';
import { rootOps } from './pattern';
import { ScratchList } from './scratch-list';

interface Requirement {
  /** The op set, sorted and duplicate-free. */
  ops: readonly string[];
  depth: number;
  /** The op set spelled as one string, to merge equal sets. */
  key: string;
}

const MAX_REQUIREMENTS = 16;
const CROSS_PRODUCT_SIDE = 6;

/** Requirements every match of `p` satisfies, depths counted from `p` itself (in op hops above it). Memoised per
 *  pattern object: the rules share sub-patterns (a named `v('xf', …)` appears at every use), and a cross product of
 *  alternatives is worth computing once per process, not once per use. */
const relative = new WeakMap<Pattern, Requirement[]>();

function relativeRequirements(p: Pattern): Requirement[] {
  let known = relative.get(p);
  if (!known) relative.set(p, (known = compute(p)));
  return known;
}

function compute(p: Pattern): Requirement[] {
  switch (p.kind) {
    case 'op': {
      const all: Requirement[] = [keyed([...new Set(p.ops)].sort(), 0)];
      for (const input of p.inputs) for (const r of relativeRequirements(input)) all.push({ ...r, depth: r.depth + 1 });
      return prune(all);
    }
    case 'var':
      return p.inner ? relativeRequirements(p.inner) : [];
    case 'alt': {
      let acc: Requirement[] | null = null;
      for (const option of p.options) {
        const reqs = relativeRequirements(option);
        if (acc === null) {
          acc = reqs;
          continue;
        }
        // Only the most specific few of each side enter the cross product: every requirement is a necessary
        // condition, so dropping some only makes anchoring less selective, never wrong — and a product of
        // 16 × 16 lists per alternative, nested, was most of a cold start's anchoring time.
        const combined: Requirement[] = [];
        for (const a of acc.slice(0, CROSS_PRODUCT_SIDE)) for (const b of reqs.slice(0, CROSS_PRODUCT_SIDE)) combined.push(keyed(union(a.ops, b.ops), Math.max(a.depth, b.depth)));
        acc = prune(combined);
      }
      return acc ?? [];
    }
    default:
      return [];
  }
}

function keyed(ops: readonly string[], depth: number): Requirement {
  return { ops, depth, key: ops.join('|') };
}

/** The union of two sorted, duplicate-free lists, sorted. */
function union(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

function prune(reqs: Requirement[]): Requirement[] {
  // Merge requirements on the same op set (deepest wins), keep the most specific ones.
  const byKey = new Map<string, Requirement>();
  for (const r of reqs) {
    const seen = byKey.get(r.key);
    if (!seen || seen.depth < r.depth) byKey.set(r.key, r);
  }
  return [...byKey.values()].sort((a, b) => a.ops.length - b.ops.length || a.depth - b.depth).slice(0, MAX_REQUIREMENTS);
}

const rootsOf = new WeakMap<Pattern, string[]>();

function patternRoots(p: Pattern): string[] {
  let roots = rootsOf.get(p);
  if (!roots) rootsOf.set(p, (roots = rootOps(p)));
  return roots;
}

/** Finds where to try each pattern in one graph, reusing its lists across rules and anchors (a 2M-node graph has
 *  hundreds of thousands of anchors; lists made per anchor were a steady stream of garbage). No node-sized arrays:
 *  each walk down from an anchor visits a handful of nodes. */
export class AnchorFinder {
  private frontier = new ScratchList();
  private next = new ScratchList();
  /** Nodes reached from the current start node: a short list (the walk is a few hops deep), and a Set as well
   *  once a wide fan-out makes it long, so a hub node cannot make the walk quadratic. */
  private readonly seen = new ScratchList();
  private seenSet: Set<number> | null = null;
  private readonly anchored = new ScratchList();

  constructor(private readonly index: GraphIndex) {}

  /** Marks node n reached from the current start; false when it already was. */
  private visit(n: number): boolean {
    if (this.seenSet !== null) {
      if (this.seenSet.has(n)) return false;
      this.seenSet.add(n);
      return true;
    }
    if (this.seen.includes(n)) return false;
    this.seen.push(n);
    if (this.seen.length > 64) this.seenSet = new Set(this.seen.view());
    return true;
  }

  /** The nodes at which to try `pattern`'s root, ascending. A view of a reused list: read it before the next call. */
  roots(pattern: Pattern): Int32Array {
    const index = this.index;
    const roots = patternRoots(pattern);
    const count = (ops: readonly string[]): number => {
      let n = 0;
      for (let k = 0; k < ops.length; k++) n += index.byOp.get(ops[k]!)?.length ?? 0;
      return n;
    };
    const anchored = this.anchored;
    anchored.clear();
    const rootCount = count(roots);
    // No root op in this graph: nothing to try, and the pattern's requirements need not be worked out.
    if (rootCount === 0) return anchored.view();
    let best: Requirement | undefined;
    let bestCount = rootCount;
    for (const r of relativeRequirements(pattern)) {
      const n = count(r.ops);
      // Fewest occurrences first; on a tie the shallower requirement, whose walks down to the roots are shorter.
      if (n < bestCount || (best !== undefined && n === bestCount && r.depth < best.depth)) {
        best = r;
        bestCount = n;
      }
    }
    if (!best) {
      for (const op of roots) {
        const nodes = index.byOp.get(op);
        for (let k = 0; nodes !== undefined && k < nodes.length; k++) anchored.push(nodes[k]!);
      }
      // One ascending list per root op: several need sorting.
      if (roots.length > 1) anchored.sort();
      return anchored.view();
    }
    const rootIds = roots.map(opId);
    for (const op of best.ops) {
      const starts = index.byOp.get(op);
      // Indexed: for...of over a typed array allocates a result object per element until V8 optimises the loop.
      for (let s = 0; starts !== undefined && s < starts.length; s++) {
        const start = starts[s]!;
        // Breadth-first down the consumers (Q/DQ seen through) up to the requirement's depth.
        let frontier = this.frontier;
        let next = this.next;
        frontier.clear();
        frontier.push(start);
        this.seen.clear();
        this.seenSet = null;
        this.visit(start);
        for (let hop = 0; hop <= best.depth && frontier.length > 0; hop++) {
          next.clear();
          for (let f = 0; f < frontier.length; f++) {
            const n = frontier.at(f);
            if (rootIds.includes(index.opIdAt(n))) anchored.push(n);
            if (hop === best.depth) continue;
            for (let k = index.outputBegin(n), end = index.outputEnd(n); k < end; k++) {
              const out = index.outputAt(k);
              if (out < 0) continue;
              index.reachInto(out, null);
              for (let r = 0; r < index.reachCount; r++) {
                const c = index.reachConsumers[r]!;
                if (this.visit(c)) next.push(c);
              }
            }
          }
          const done = frontier;
          frontier = next;
          next = done;
        }
        this.frontier = frontier;
        this.next = next;
      }
    }
    // A root reached from several anchors is tried once.
    anchored.sortUnique();
    return anchored.view();
  }
}
