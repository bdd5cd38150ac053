// The one matcher: runs any pattern (pattern.ts) backwards from an anchor node, with backtracking over
// alternatives and commutative inputs, then checks that the chain is self-contained (inner values used only
// inside it), takes in the Constant nodes and Q/DQ pairs that belong to it, and asks the rule for its params.
// Work per anchor is bounded by the pattern's size, so a scan is linear in the number of nodes.
import type { Node } from '../onnx/model';
import { GraphIndex, isDequantize, isQuantize } from './graph-index';
import type { Pattern } from './pattern';
import type { PatternId } from './rule-info';

/** What a rule's `finish` sees of a structural match. */
export interface MatchView {
  readonly graph: GraphIndex;
  /** The node a pattern captured with `{ capture }`. */
  node(capture: string): Node | undefined;
  /** The value a `v(name)` bound (canonical: Q/DQ seen through). */
  value(name: string): string | undefined;
  /** The decoded numbers of a constant captured with `c(test, capture)`. */
  constant(capture: string): number[] | undefined;
  /** The root node (the anchor: the chain's output). */
  readonly root: Node;
}

export type Params = Record<string, number | string | boolean>;

export interface Rule {
  id: PatternId;
  pattern: Pattern;
  /** Checks what structure alone cannot (axes agree, attributes) and returns the captured parameters, or null. */
  finish(match: MatchView): Params | null;
}

/** A complete, accepted match in one graph, before overlaps are resolved. */
export interface Candidate {
  rule: Rule;
  root: number;
  /** Compute nodes of the chain (not Constant, not Q/DQ), in graph order. */
  ops: number[];
  /** Constant nodes (and Q/DQ wrapped around constants) that feed only the chain. */
  constants: number[];
  /** Q/DQ nodes on the chain's intermediate values. */
  qdq: number[];
  params: Params;
  /** Activation values the chain reads from outside (canonical). */
  inputs: string[];
  /** Values the chain makes and others read: the root's outputs. */
  outputs: string[];
  /** Activation values made and used only inside the chain (canonical). */
  intermediates: string[];
}

// Persistent linked lists: extending a state on one branch never disturbs another branch.
type List<T> = { head: T; tail: List<T> } | null;
interface State {
  vars: List<readonly [string, number]>;
  nodes: List<number>;
  captures: List<readonly [string, number]>;
  constants: List<readonly [string, number[]]>;
  droppable: List<number>;
}

const EMPTY: State = { vars: null, nodes: null, captures: null, constants: null, droppable: null };

// States are built field by field (a fixed shape, no object spread): matching allocates one per step.
function withVar(s: State, name: string, id: number): State {
  return { vars: { head: [name, id] as const, tail: s.vars }, nodes: s.nodes, captures: s.captures, constants: s.constants, droppable: s.droppable };
}

function withConstant(s: State, capture: string, numbers: number[]): State {
  return { vars: s.vars, nodes: s.nodes, captures: s.captures, constants: { head: [capture, numbers] as const, tail: s.constants }, droppable: s.droppable };
}

function withNode(s: State, index: number, capture: string | undefined, droppable: boolean | undefined): State {
  return {
    vars: s.vars,
    nodes: { head: index, tail: s.nodes },
    captures: capture ? { head: [capture, index] as const, tail: s.captures } : s.captures,
    constants: s.constants,
    droppable: droppable ? { head: index, tail: s.droppable } : s.droppable,
  };
}

function find<K, T>(list: List<readonly [K, T]>, key: K): T | undefined {
  for (let l = list; l; l = l.tail) if (l.head[0] === key) return l.head[1];
  return undefined;
}

function has(list: List<number>, value: number): boolean {
  for (let l = list; l; l = l.tail) if (l.head === value) return true;
  return false;
}

const COMMUTATIVE = new Set(['Add', 'Mul']);

export class Matcher {
  // Chain membership and constant-valued values of the candidate being completed, as epoch stamps: a node is in
  // the chain when chainMark[node] === epoch. One array per graph instead of Sets per candidate.
  private readonly chainMark: Int32Array;
  private readonly valueMark: Int32Array;
  private epoch = 0;
  private readonly consumers: number[] = [];

  constructor(private readonly graph: GraphIndex) {
    this.chainMark = new Int32Array(graph.nodes.length);
    this.valueMark = new Int32Array(graph.valueCount);
  }

  /** The rule's match rooted at node `root`, or null. First complete alternative wins. */
  matchAt(rule: Rule, root: number): Candidate | null {
    const start = this.graph.firstOutput(root);
    if (start < 0) return null;
    let found: Candidate | null = null;
    this.match(rule.pattern, start, EMPTY, (st) => {
      if (st.nodes === null) return false;
      found = this.complete(rule, root, st);
      return found !== null;
    });
    return found;
  }

  /** Values are ids of the graph index (-1: an absent input). */
  private match(p: Pattern, value: number, st: State, k: (st: State) => boolean): boolean {
    const g = this.graph;
    switch (p.kind) {
      case 'absent':
        return value < 0 && k(st);
      case 'var': {
        if (value < 0) return false;
        const canon = g.canonicalId(value);
        const bound = find(st.vars, p.name);
        if (bound !== undefined) return bound === canon && k(st);
        return p.inner ? this.match(p.inner, value, st, (s) => k(withVar(s, p.name, canon))) : k(withVar(st, p.name, canon));
      }
      case 'const': {
        if (!g.isConstantId(value)) return false;
        if (!p.test && !p.capture) return k(st);
        const numbers = g.constantNumbersId(value, p.maxElements);
        if (!numbers || (p.test && !p.test(numbers))) return false;
        return k(p.capture ? withConstant(st, p.capture, numbers) : st);
      }
      case 'alt':
        for (const option of p.options) if (this.match(option, value, st, k)) return true;
        return false;
      case 'op': {
        if (value < 0) return false;
        const index = g.producerIndex(g.canonicalId(value));
        if (index < 0 || has(st.nodes, index)) return false;
        const node = g.nodes[index]!;
        if (!p.ops.includes(node.opType) || !g.isDefaultDomainAt(index)) return false;
        const inputCount = g.inputCount(index);
        if (lastUsedInput(g, index, inputCount) > p.inputs.length) return false;
        if (p.options.where && !p.options.where(node, g)) return false;
        const next = withNode(st, index, p.options.capture, p.options.droppable);
        if (this.matchInputs(p.inputs, index, false, 0, next, k)) return true;
        const commutative = p.options.commutative ?? COMMUTATIVE.has(node.opType);
        if (commutative && p.inputs.length === 2 && inputCount === 2) return this.matchInputs(p.inputs, index, true, 0, next, k);
        return false;
      }
    }
  }

  /** Matches input patterns in order against node `node`'s inputs (its two inputs swapped when `swapped`). */
  private matchInputs(patterns: Pattern[], node: number, swapped: boolean, i: number, st: State, k: (st: State) => boolean): boolean {
    if (i === patterns.length) return k(st);
    const value = this.graph.inputAt(node, swapped ? 1 - i : i);
    return this.match(patterns[i]!, value, st, (s) => this.matchInputs(patterns, node, swapped, i + 1, s, k));
  }

  /** Structural match found: self-containment, constants, Q/DQ, then the rule's own checks. */
  private complete(rule: Rule, root: number, st: State): Candidate | null {
    const g = this.graph;
    const epoch = ++this.epoch;
    const inChain = this.chainMark;
    const members: number[] = [];
    for (let l = st.nodes; l; l = l.tail) {
      if (inChain[l.head] !== epoch) {
        inChain[l.head] = epoch;
        members.push(l.head);
      }
    }
    // An input-side optional node whose output is also read elsewhere leaves the chain (the chain starts after it).
    for (let l = st.droppable; l; l = l.tail) {
      if (l.head !== root && this.escapes(l.head, epoch)) inChain[l.head] = 0;
    }
    const qdq: number[] = [];
    for (const i of members) {
      if (i === root || inChain[i] !== epoch) continue;
      for (let k = g.outputBegin(i), end = g.outputEnd(i); k < end; k++) {
        const out = g.outputAt(k);
        if (out >= 0 && !this.staysInChain(out, epoch, qdq)) return null;
      }
    }
    const params = rule.finish(this.view(st, root, epoch));
    if (params === null) return null;

    // Nodes computing only from constants (Cast(weight) + 1 of the Gemma form) make weights, not activations.
    const sorted = members.filter((i) => inChain[i] === epoch).sort((a, b) => a - b);
    const constantValued = this.valueMark;
    const constants: number[] = [];
    const ops: number[] = [];
    for (const i of sorted) {
      let fromConstants = i !== root;
      for (let j = 0, n = g.inputCount(i); fromConstants && j < n; j++) {
        const x = g.inputAt(i, j);
        if (x >= 0 && constantValued[x] !== epoch && !g.isConstantId(x)) fromConstants = false;
      }
      if (fromConstants) {
        constants.push(i);
        for (let k = g.outputBegin(i), end = g.outputEnd(i); k < end; k++) {
          const o = g.outputAt(k);
          if (o >= 0) constantValued[o] = epoch;
        }
      } else {
        ops.push(i);
      }
    }
    // Constants feeding only the chain belong to it; a constant shared with others stays outside.
    const inputs: string[] = [];
    const seenInputs: number[] = [];
    for (const i of sorted) {
      for (let j = 0, n = g.inputCount(i); j < n; j++) {
        const input = g.inputAt(i, j);
        if (input < 0 || constantValued[input] === epoch) continue;
        // isConstantId is the memoised constantChainId(input) !== undefined: ask it first, skip the chain walk.
        const chain = g.isConstantId(input) ? g.constantChainId(input)?.filter((n) => inChain[n] !== epoch) : undefined;
        if (chain !== undefined) {
          if (chain.length > 0 && chain.every((n) => this.feedsOnly(n, epoch, chain))) for (const n of chain) constants.push(n);
          continue;
        }
        const canon = g.canonicalId(input);
        const producer = g.producerIndex(canon);
        if (producer >= 0 && inChain[producer] === epoch) continue;
        if (!seenInputs.includes(canon)) {
          seenInputs.push(canon);
          inputs.push(g.nameOf(canon));
        }
      }
    }
    const intermediates: string[] = [];
    for (const i of ops) {
      if (i === root) continue;
      for (let k = g.outputBegin(i), end = g.outputEnd(i); k < end; k++) if (g.outputAt(k) >= 0) intermediates.push(g.nameOf(g.outputAt(k)));
    }
    return {
      rule, root, ops,
      constants: sortedUnique(constants),
      qdq: sortedUnique(qdq),
      params, inputs,
      outputs: g.nodes[root]!.outputs.filter((o) => o !== ''),
      intermediates,
    };
  }

  /** Every reader of value `out` (Q/DQ seen through, their nodes appended to `qdq`) is in the chain. */
  private staysInChain(out: number, epoch: number, qdq: number[] | null): boolean {
    const consumers = this.consumers;
    consumers.length = 0;
    if (this.graph.reachInto(out, consumers, qdq)) return false;
    for (const c of consumers) if (this.chainMark[c] !== epoch) return false;
    return true;
  }

  private escapes(node: number, epoch: number): boolean {
    const g = this.graph;
    for (let k = g.outputBegin(node), end = g.outputEnd(node); k < end; k++) {
      const out = g.outputAt(k);
      if (out >= 0 && !this.staysInChain(out, epoch, null)) return true;
    }
    return false;
  }

  /** Every reader of the node's outputs is in the chain or in the same constant chain. */
  private feedsOnly(node: number, epoch: number, chain: readonly number[]): boolean {
    const g = this.graph;
    for (let k = g.outputBegin(node), end = g.outputEnd(node); k < end; k++) {
      const out = g.outputAt(k);
      if (out < 0) continue;
      if (g.escapesId(out)) return false;
      for (let m = g.consumerBegin(out), mEnd = g.consumerEnd(out); m < mEnd; m++) {
        const c = g.consumerAt(m);
        if (this.chainMark[c] !== epoch && !chain.includes(c)) return false;
      }
    }
    return true;
  }

  private view(st: State, root: number, epoch: number): MatchView {
    const g = this.graph;
    const inChain = this.chainMark;
    return {
      graph: g,
      root: g.nodes[root]!,
      node: (capture) => {
        const i = find(st.captures, capture);
        return i === undefined || inChain[i] !== epoch ? undefined : g.nodes[i];
      },
      value: (name) => {
        const id = find(st.vars, name);
        return id === undefined ? undefined : g.nameOf(id);
      },
      constant: (capture) => find(st.constants, capture),
    };
  }
}

/** Ascending, duplicates removed (in place). */
function sortedUnique(values: number[]): number[] {
  values.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  values.length = n;
  return values;
}

/** Index of the last present input + 1 (trailing '' inputs, id -1, are absent inputs). */
function lastUsedInput(g: GraphIndex, node: number, count: number): number {
  let n = count;
  while (n > 0 && g.inputAt(node, n - 1) < 0) n--;
  return n;
}

export { isDequantize, isQuantize };
