// Small helpers the rules share: reading attributes and reduction axes, and the product forms an exporter writes
// for a·b·…·k (any association, any order).
import type { Node } from '../../onnx/model';
import type { MatchView } from '../matcher';
import { alt, op, type Pattern } from '../pattern';

export function attrInt(node: Node, name: string): number | undefined {
  return node.attributes.find((a) => a.name === name)?.i;
}

export function attrFloat(node: Node, name: string): number | undefined {
  return node.attributes.find((a) => a.name === name)?.f;
}

export function attrInts(node: Node, name: string): number[] | undefined {
  const a = node.attributes.find((x) => x.name === name);
  return a ? a.ints : undefined;
}

export function hasAttr(node: Node, name: string): boolean {
  return node.attributes.some((a) => a.name === name);
}

/** Axes of a Reduce* node: the `axes` attribute (before opset 18 / 13 for ReduceSum) or its constant second input
 *  (captured as `<capture>_axes`). undefined when the axes are not known (dynamic) or the node keeps no dims. */
export function reduceAxes(view: MatchView, capture: string): number[] | undefined {
  const node = view.node(capture);
  if (!node) return undefined;
  if ((attrInt(node, 'keepdims') ?? 1) !== 1) return undefined;
  const axes = attrInts(node, 'axes') ?? view.constant(`${capture}_axes`);
  return axes && axes.length > 0 ? axes : undefined;
}

/** The first normalised axis when `axes` are the trailing axes (negative, consecutive, ending at -1). */
export function trailingAxis(axes: number[] | undefined): number | undefined {
  if (!axes) return undefined;
  if (axes.length === 1) return axes[0];
  const sorted = [...axes].sort((a, b) => a - b);
  if (sorted[sorted.length - 1] !== -1) return undefined;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]! + 1) return undefined;
  return sorted[0];
}

export function sameAxes(a: number[] | undefined, b: number[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The product of `factors` as an exporter may write it: binary Muls in any association, each distinct tree once.
 * Passing the same Pattern object twice (x, x) means the same factor, so x·x·k has two trees, (x·x)·k and (x·k)·x,
 * not three; Mul's own commutativity covers the operand order inside each Mul. Trees grow as (2n-3)!!, so this is
 * for the few factors of an activation's formula, not for long chains.
 */
export function product(...factors: Pattern[]): Pattern {
  const trees = productTrees(factors, factors.map((f) => factors.indexOf(f)));
  return trees.length === 1 ? trees[0]!.pattern : alt(...trees.map((t) => t.pattern));
}

interface ProductTree { key: string; pattern: Pattern }

/** Every distinct Mul tree over `factors`; `ids` name equal factors alike, and a tree's key is its shape with
 *  operands sorted, so mirrored or relabelled-equal trees are kept once. */
function productTrees(factors: Pattern[], ids: number[]): ProductTree[] {
  if (factors.length === 1) return [{ key: String(ids[0]), pattern: factors[0]! }];
  const trees = new Map<string, Pattern>();
  const rest = factors.length - 1;
  // Each split into two non-empty groups, the first factor always on the left (every unordered split has it on one side).
  for (let mask = 0; mask < (1 << rest) - 1; mask++) {
    const left: number[] = [0];
    const right: number[] = [];
    for (let i = 1; i <= rest; i++) ((mask >> (i - 1)) & 1 ? left : right).push(i);
    const pick = (side: number[]) => productTrees(side.map((i) => factors[i]!), side.map((i) => ids[i]!));
    for (const a of pick(left)) {
      for (const b of pick(right)) {
        const key = a.key < b.key ? `(${a.key}*${b.key})` : `(${b.key}*${a.key})`;
        if (!trees.has(key)) trees.set(key, op('Mul', [a.pattern, b.pattern]));
      }
    }
  }
  return [...trees].map(([key, pattern]) => ({ key, pattern }));
}

export function firstScalar(values: number[] | undefined): number | undefined {
  return values && values.length >= 1 ? values[0] : undefined;
}
