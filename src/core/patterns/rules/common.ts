// Small helpers the rules share: reading attributes and reduction axes, and the product forms an exporter writes
// for a·b·k (any association, any order).
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

/** a·b·k written as (a·b)·k, (a·k)·b or a·(b·k); Mul's own commutativity covers the operand orders. */
export function product3(a: Pattern, b: Pattern, k: Pattern): Pattern {
  return alt(
    op('Mul', [op('Mul', [a, b]), k]),
    op('Mul', [op('Mul', [a, k]), b]),
    op('Mul', [a, op('Mul', [b, k])]),
  );
}

export function firstScalar(values: number[] | undefined): number | undefined {
  return values && values.length >= 1 ? values[0] : undefined;
}
