// The pattern language: a decomposition is a small DAG of op types, written backwards from its output.
// Data plus small predicates; one matcher (matcher.ts) runs every pattern. Patterns never look at node names.
//
//   op('Mul', [x, op('Sigmoid', [x])])      x·sigmoid(x); Add and Mul inputs are tried in both orders
//   v('x')                                  any value; every use of the same name must be the same tensor
//   v('xf', maybe('Cast', x))               a named sub-pattern: matched once, then shared by every use
//   c(isNear(2))                            a constant (initializer, Constant node, DequantizeLinear of one)
//   alt(a, b)                               either form, tried in order (first that completes wins)
//   maybe('Cast', inner)                    an optional single-input node in front of `inner`
//   absent()                                an input that is missing or written as ''
import type { Node } from '../onnx/model';
import { opId } from './op-ids';

/** What a predicate may ask about the graph while matching (see graph-index.ts). Predicates run at every node
 *  a pattern is tried on, so they ask by ids (node index, value id), never by name. */
export interface MatchContext {
  /** The value id of input `k` of node `node` (-1 when absent). */
  inputAt(node: number, k: number): number;
  /** True when the value is a constant (initializer, Constant output, DequantizeLinear of one). */
  isConstantId(id: number): boolean;
}

export interface OpOptions {
  /** Names the matched node so the rule's `finish` can read it (attributes, inputs). */
  capture?: string;
  /** Extra test on the node (attributes, constant inputs); `index` is the node's index for `ctx`. */
  where?: (node: Node, ctx: MatchContext, index: number) => boolean;
  /** Inputs may be matched in either order (default: true for two-input Add and Mul). */
  commutative?: boolean;
  /** An input-side optional node (a Cast) that leaves the match, instead of failing it, when its output is also
   *  used outside: the chain then starts at its output, as a fused op would. */
  droppable?: boolean;
}

export interface OpPattern {
  kind: 'op';
  ops: readonly string[];
  /** `ops` as op ids (op-ids.ts), what the matcher compares. */
  opIds: readonly number[];
  inputs: Pattern[];
  options: OpOptions;
}

export interface VarPattern {
  kind: 'var';
  name: string;
  inner?: Pattern;
}

export interface ConstPattern {
  kind: 'const';
  test?: (values: number[]) => boolean;
  capture?: string;
  maxElements: number;
}

export interface AltPattern {
  kind: 'alt';
  options: Pattern[];
}

export interface AbsentPattern {
  kind: 'absent';
}

export type Pattern = OpPattern | VarPattern | ConstPattern | AltPattern | AbsentPattern;

export function op(ops: string | readonly string[], inputs: Pattern[], options: OpOptions = {}): OpPattern {
  const names = typeof ops === 'string' ? [ops] : ops;
  return { kind: 'op', ops: names, opIds: names.map(opId), inputs, options };
}

export function v(name: string, inner?: Pattern): VarPattern {
  return inner ? { kind: 'var', name, inner } : { kind: 'var', name };
}

/** A constant whose decoded values satisfy `test` (any constant when omitted). */
export function c(test?: (values: number[]) => boolean, capture?: string, maxElements = 64): ConstPattern {
  const p: ConstPattern = { kind: 'const', maxElements };
  if (test) p.test = test;
  if (capture) p.capture = capture;
  return p;
}

export function alt(...options: Pattern[]): AltPattern {
  return { kind: 'alt', options };
}

export function absent(): AbsentPattern {
  return { kind: 'absent' };
}

/** `opType(inner)` when that node is there, else `inner` itself. */
export function maybe(opType: string, inner: Pattern, options: OpOptions = {}): AltPattern {
  return alt(op(opType, [inner], options), inner);
}

/** An optional trailing constant input (ReduceMean axes from opset 18, ReduceSum axes from 13). */
export function maybeConst(capture: string): AltPattern {
  return alt(absent(), c(undefined, capture, 16));
}

// ---- constant predicates ----
// They run at every constant a pattern meets: loops, not .every(closure).

/** Every element within a relative tolerance of `target` (float16 constants are only that precise). */
export function isNear(target: number, relTol = 2e-3): (values: number[]) => boolean {
  const tolerance = relTol * Math.max(1, Math.abs(target));
  return (values) => {
    for (let k = 0; k < values.length; k++) if (!(Math.abs(values[k]! - target) <= tolerance)) return false;
    return values.length > 0;
  };
}

/** Every element in (low, high]. */
export function inRange(low: number, high: number): (values: number[]) => boolean {
  return (values) => {
    for (let k = 0; k < values.length; k++) if (!(values[k]! > low && values[k]! <= high)) return false;
    return values.length > 0;
  };
}

/** The op types a pattern's root can be: the anchors the matcher indexes. */
export function rootOps(pattern: Pattern): string[] {
  switch (pattern.kind) {
    case 'op': return [...pattern.ops];
    case 'alt': return [...new Set(pattern.options.flatMap(rootOps))];
    case 'var': return pattern.inner ? rootOps(pattern.inner) : [];
    default: return [];
  }
}
