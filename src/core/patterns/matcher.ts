// The one matcher: runs any pattern (pattern.ts) backwards from an anchor node, with backtracking over
// alternatives and commutative inputs, then checks that the chain is self-contained (inner values used only
// inside it), takes in the Constant nodes and Q/DQ pairs that belong to it, and asks the rule for its params.
// Work per anchor is bounded by the pattern's size, so a scan is linear in the number of nodes.
import type { Node } from '../onnx/model';
import { normalizeDomain } from '../onnx/model';
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
  vars: List<readonly [string, string]>;
  nodes: List<number>;
  captures: List<readonly [string, number]>;
  constants: List<readonly [string, number[]]>;
  droppable: List<number>;
}

const EMPTY: State = { vars: null, nodes: null, captures: null, constants: null, droppable: null };

function find<K, T>(list: List<readonly [K, T]>, key: K): T | undefined {
  for (let l = list; l; l = l.tail) if (l.head[0] === key) return l.head[1];
  return undefined;
}

function has(list: List<number>, value: number): boolean {
  for (let l = list; l; l = l.tail) if (l.head === value) return true;
  return false;
}

function toArray<T>(list: List<T>): T[] {
  const out: T[] = [];
  for (let l = list; l; l = l.tail) out.push(l.head);
  return out;
}

const COMMUTATIVE = new Set(['Add', 'Mul']);

export class Matcher {
  constructor(private readonly graph: GraphIndex) {}

  /** The rule's match rooted at node `root`, or null. First complete alternative wins. */
  matchAt(rule: Rule, root: number): Candidate | null {
    const rootNode = this.graph.nodes[root]!;
    const start = rootNode.outputs[0];
    if (!start) return null;
    let found: Candidate | null = null;
    this.match(rule.pattern, start, EMPTY, (st) => {
      if (st.nodes === null || st.nodes.head === undefined) return false;
      found = this.complete(rule, root, st);
      return found !== null;
    });
    return found;
  }

  private match(p: Pattern, value: string, st: State, k: (st: State) => boolean): boolean {
    const g = this.graph;
    switch (p.kind) {
      case 'absent':
        return value === '' && k(st);
      case 'var': {
        if (value === '') return false;
        const canon = g.canonical(value);
        const bound = find(st.vars, p.name);
        if (bound !== undefined) return bound === canon && k(st);
        const bind = (s: State): State => ({ ...s, vars: { head: [p.name, canon] as const, tail: s.vars } });
        return p.inner ? this.match(p.inner, value, st, (s) => k(bind(s))) : k(bind(st));
      }
      case 'const': {
        if (value === '' || !g.isConstant(value)) return false;
        if (!p.test && !p.capture) return k(st);
        const numbers = g.constantNumbers(value, p.maxElements);
        if (!numbers || (p.test && !p.test(numbers))) return false;
        return k(p.capture ? { ...st, constants: { head: [p.capture, numbers] as const, tail: st.constants } } : st);
      }
      case 'alt':
        for (const option of p.options) if (this.match(option, value, st, k)) return true;
        return false;
      case 'op': {
        if (value === '') return false;
        const index = g.producer.get(g.canonical(value));
        if (index === undefined || has(st.nodes, index)) return false;
        const node = g.nodes[index]!;
        if (!p.ops.includes(node.opType) || normalizeDomain(node.domain) !== '') return false;
        const used = lastUsedInput(node.inputs);
        if (used > p.inputs.length) return false;
        if (p.options.where && !p.options.where(node, g)) return false;
        let next: State = { ...st, nodes: { head: index, tail: st.nodes } };
        if (p.options.capture) next = { ...next, captures: { head: [p.options.capture, index] as const, tail: next.captures } };
        if (p.options.droppable) next = { ...next, droppable: { head: index, tail: next.droppable } };
        const inputs = node.inputs;
        if (this.matchInputs(p.inputs, inputs, 0, next, k)) return true;
        const commutative = p.options.commutative ?? COMMUTATIVE.has(node.opType);
        if (commutative && p.inputs.length === 2 && inputs.length === 2) {
          return this.matchInputs(p.inputs, [inputs[1]!, inputs[0]!], 0, next, k);
        }
        return false;
      }
    }
  }

  private matchInputs(patterns: Pattern[], values: readonly string[], i: number, st: State, k: (st: State) => boolean): boolean {
    if (i === patterns.length) return k(st);
    return this.match(patterns[i]!, values[i] ?? '', st, (s) => this.matchInputs(patterns, values, i + 1, s, k));
  }

  /** Structural match found: self-containment, constants, Q/DQ, then the rule's own checks. */
  private complete(rule: Rule, root: number, st: State): Candidate | null {
    const g = this.graph;
    const inChain = new Set(toArray(st.nodes));
    // An input-side optional node whose output is also read elsewhere leaves the chain (the chain starts after it).
    for (const d of toArray(st.droppable)) {
      if (d !== root && this.escapes(d, inChain)) inChain.delete(d);
    }
    const qdq: number[] = [];
    for (const i of inChain) {
      if (i === root) continue;
      for (const out of g.nodes[i]!.outputs) {
        if (out === '') continue;
        const reach = g.reach(out);
        if (reach.escapes || reach.consumers.some((c) => !inChain.has(c))) return null;
        qdq.push(...reach.qdq);
      }
    }
    const view = this.view(st, root, inChain);
    const params = rule.finish(view);
    if (params === null) return null;

    // Nodes computing only from constants (Cast(weight) + 1 of the Gemma form) make weights, not activations.
    const constants = new Set<number>();
    const constantValued = new Set<string>();
    const ops: number[] = [];
    for (const i of [...inChain].sort((a, b) => a - b)) {
      const node = g.nodes[i]!;
      if (i !== root && node.inputs.every((x) => x === '' || constantValued.has(x) || g.isConstant(x))) {
        constants.add(i);
        node.outputs.forEach((o) => constantValued.add(o));
      } else {
        ops.push(i);
      }
    }
    // Constants feeding only the chain belong to it; a constant shared with others stays outside.
    const inputs: string[] = [];
    const seenInputs = new Set<string>();
    for (const i of [...inChain].sort((a, b) => a - b)) {
      for (const input of g.nodes[i]!.inputs) {
        if (input === '' || constantValued.has(input)) continue;
        const chain = g.constantChain(input)?.filter((n) => !inChain.has(n));
        if (chain !== undefined) {
          if (chain.length > 0 && chain.every((n) => this.feedsOnly(n, inChain, chain))) chain.forEach((n) => constants.add(n));
          continue;
        }
        const canon = g.canonical(input);
        const producer = g.producer.get(canon);
        if (producer !== undefined && inChain.has(producer)) continue;
        if (!seenInputs.has(canon)) {
          seenInputs.add(canon);
          inputs.push(canon);
        }
      }
    }
    const intermediates: string[] = [];
    for (const i of ops) if (i !== root) for (const out of g.nodes[i]!.outputs) if (out !== '') intermediates.push(out);
    return {
      rule, root, ops,
      constants: [...constants].sort((a, b) => a - b),
      qdq: [...new Set(qdq)].sort((a, b) => a - b),
      params, inputs,
      outputs: g.nodes[root]!.outputs.filter((o) => o !== ''),
      intermediates,
    };
  }

  private escapes(node: number, inChain: ReadonlySet<number>): boolean {
    for (const out of this.graph.nodes[node]!.outputs) {
      if (out === '') continue;
      const reach = this.graph.reach(out);
      if (reach.escapes || reach.consumers.some((c) => !inChain.has(c))) return true;
    }
    return false;
  }

  /** Every reader of the node's outputs is in the chain or in the same constant chain. */
  private feedsOnly(node: number, inChain: ReadonlySet<number>, chain: readonly number[]): boolean {
    const g = this.graph;
    for (const out of g.nodes[node]!.outputs) {
      if (out === '') continue;
      if (g.outputs.has(out)) return false;
      for (const c of g.consumers.get(out) ?? []) if (!inChain.has(c) && !chain.includes(c)) return false;
    }
    return true;
  }

  private view(st: State, root: number, inChain: ReadonlySet<number>): MatchView {
    const g = this.graph;
    return {
      graph: g,
      root: g.nodes[root]!,
      node: (capture) => {
        const i = find(st.captures, capture);
        return i === undefined || !inChain.has(i) ? undefined : g.nodes[i];
      },
      value: (name) => find(st.vars, name),
      constant: (capture) => find(st.constants, capture),
    };
  }
}

/** Index of the last non-empty input + 1 (trailing '' inputs are absent inputs). */
function lastUsedInput(inputs: readonly string[]): number {
  let n = inputs.length;
  while (n > 0 && inputs[n - 1] === '') n--;
  return n;
}

export { isDequantize, isQuantize };
