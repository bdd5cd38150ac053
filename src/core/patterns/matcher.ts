// The one matcher: runs any pattern (pattern.ts) backwards from an anchor node, with backtracking over
// alternatives and commutative inputs, then checks that the chain is self-contained (inner values used only
// inside it), takes in the Constant nodes and Q/DQ pairs that belong to it, and asks the rule for its params.
// Work per anchor is bounded by the pattern's size, so a scan is linear in the number of nodes.
import type { Node } from '../onnx/model';
import { GraphIndex, isDequantize, isQuantize } from './graph-index';
import { opId } from './op-ids';
import { ScratchList } from './scratch-list';
import type { Pattern } from './pattern';
import type { PatternId } from './rule-info';

/** What a rule's `finish` sees of a structural match. */
export interface MatchView {
  readonly graph: GraphIndex;
  /** The node a pattern captured with `{ capture }`. */
  node(capture: string): Node | undefined;
  /** The id in `graph` of the value a `v(name)` bound (canonical: Q/DQ seen through), -1 when it bound nothing:
   *  finish code asks the graph by id, not by name. */
  valueId(name: string): number;
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

/** Two-input ops whose inputs a pattern may match in either order unless it says otherwise. */
const ADD = opId('Add');
const MUL = opId('Mul');

/** The matcher is also the view a rule's `finish` gets of the match being completed (one object per graph, not one
 *  per match: a scan completes tens of thousands); valid while finish runs, as the stacks hold the match. */
export class Matcher implements MatchView {
  // Chain membership of the candidate being completed, as epoch stamps: a node is in the chain when
  // chainMark[node] === epoch. One array per graph instead of Sets per candidate.
  private readonly chainMark: Int32Array;
  private epoch = 0;

  // The search state, mutable with undo: every step pushes, tries the rest, and pops again when the rest fails,
  // so a scan allocates nothing per step (no state objects, no continuation closures).
  // Goals still to match, last one next: match `goalPattern[i]` at value `goalValue[i]`, or, when `goalBind[i]`
  // is set, bind that variable to `goalValue[i]` (a named sub-pattern binds after its inner pattern matched).
  private readonly goalPattern: Array<Pattern | null> = [];
  private readonly goalBind: Array<string | null> = [];
  private readonly goalValue: number[] = [];
  private goalTop = 0;
  private readonly varNames: string[] = [];
  private readonly varIds: number[] = [];
  private varTop = 0;
  /** Matched nodes, and whether each may be dropped (OpOptions.droppable). */
  private readonly chainNodes: number[] = [];
  private readonly chainDroppable: boolean[] = [];
  private nodeTop = 0;
  private readonly captureNames: string[] = [];
  private readonly captureNodes: number[] = [];
  private captureTop = 0;
  // complete()'s working lists, reused by every candidate.
  private readonly members = new ScratchList();
  private readonly constantValued = new ScratchList();
  private readonly constants = new ScratchList();
  private readonly ops = new ScratchList();
  private readonly inputIds = new ScratchList();
  private readonly intermediateIds = new ScratchList();
  private readonly qdq = new ScratchList();
  /** The nodes making one constant input, outside the match (constantChainFeedsOnly). */
  private readonly constantChain = new ScratchList();
  private readonly constantNames: string[] = [];
  private readonly constantValues: number[][] = [];
  private constantTop = 0;
  private rule: Rule | null = null;
  private rootIndex = -1;
  private found: Candidate | null = null;

  constructor(readonly graph: GraphIndex) {
    this.chainMark = new Int32Array(graph.nodes.length);
  }

  /** The rule's match rooted at node `root`, or null. First complete alternative wins. */
  matchAt(rule: Rule, root: number): Candidate | null {
    const start = this.graph.firstOutput(root);
    if (start < 0) return null;
    this.rule = rule;
    this.rootIndex = root;
    this.found = null;
    this.goalTop = this.varTop = this.nodeTop = this.captureTop = this.constantTop = 0;
    this.pushGoal(rule.pattern, null, start);
    this.solve();
    const found = this.found;
    this.rule = null;
    this.found = null;
    return found;
  }

  private pushGoal(p: Pattern | null, bind: string | null, value: number): void {
    const top = this.goalTop++;
    this.goalPattern[top] = p;
    this.goalBind[top] = bind;
    this.goalValue[top] = value;
  }

  /** Matches the remaining goals; on failure leaves every stack as it found it. */
  private solve(): boolean {
    if (this.goalTop === 0) return this.accept();
    const top = --this.goalTop;
    const p = this.goalPattern[top]!;
    const bind = this.goalBind[top]!;
    const value = this.goalValue[top]!;
    const ok = bind !== null ? this.withVar(bind, value) : this.step(p!, value);
    if (!ok) {
      this.goalTop = top;
      this.pushGoal(p, bind, value);
    }
    return ok;
  }

  /** Every goal matched: the structural match is complete. */
  private accept(): boolean {
    if (this.nodeTop === 0) return false;
    this.found = this.complete(this.rule!, this.rootIndex);
    return this.found !== null;
  }

  /** Binds variable `name` to value `id` and solves the rest. */
  private withVar(name: string, id: number): boolean {
    const top = this.varTop++;
    this.varNames[top] = name;
    this.varIds[top] = id;
    if (this.solve()) return true;
    this.varTop = top;
    return false;
  }

  private boundVar(name: string): number | undefined {
    for (let i = this.varTop - 1; i >= 0; i--) if (this.varNames[i] === name) return this.varIds[i];
    return undefined;
  }

  private inChainSoFar(index: number): boolean {
    for (let i = 0; i < this.nodeTop; i++) if (this.chainNodes[i] === index) return true;
    return false;
  }

  /** Matches pattern `p` at value `value` (ids of the graph index, -1: an absent input), then the other goals. */
  private step(p: Pattern, value: number): boolean {
    const g = this.graph;
    switch (p.kind) {
      case 'absent':
        return value < 0 && this.solve();
      case 'var': {
        if (value < 0) return false;
        const canon = g.canonicalId(value);
        const bound = this.boundVar(p.name);
        if (bound !== undefined) return bound === canon && this.solve();
        if (!p.inner) return this.withVar(p.name, canon);
        const saved = this.goalTop;
        this.pushGoal(null, p.name, canon);
        if (this.step(p.inner, value)) return true;
        this.goalTop = saved;
        return false;
      }
      case 'const': {
        if (!g.isConstantId(value)) return false;
        if (!p.test && !p.capture) return this.solve();
        const numbers = g.constantNumbersId(value, p.maxElements);
        if (!numbers || (p.test && !p.test(numbers))) return false;
        if (!p.capture) return this.solve();
        const top = this.constantTop++;
        this.constantNames[top] = p.capture;
        this.constantValues[top] = numbers;
        if (this.solve()) return true;
        this.constantTop = top;
        return false;
      }
      case 'alt':
        // Indexed: step recurses deeply, and an iterator per alternative tried is garbage when it is not inlined.
        for (let k = 0; k < p.options.length; k++) if (this.step(p.options[k]!, value)) return true;
        return false;
      case 'op': {
        if (value < 0) return false;
        const index = g.producerIndex(g.canonicalId(value));
        if (index < 0 || this.inChainSoFar(index)) return false;
        if (!p.opIds.includes(g.opIdAt(index)) || !g.isDefaultDomainAt(index)) return false;
        const node = g.nodes[index]!;
        const inputCount = g.inputCount(index);
        if (lastUsedInput(g, index, inputCount) > p.inputs.length) return false;
        if (p.options.where && !p.options.where(node, g, index)) return false;
        const nodeTop = this.nodeTop++;
        this.chainNodes[nodeTop] = index;
        this.chainDroppable[nodeTop] = p.options.droppable === true;
        const captureTop = this.captureTop;
        if (p.options.capture) {
          this.captureNames[captureTop] = p.options.capture;
          this.captureNodes[captureTop] = index;
          this.captureTop++;
        }
        let ok = this.matchInputs(p.inputs, index, false);
        const commutative = p.options.commutative ?? (g.opIdAt(index) === ADD || g.opIdAt(index) === MUL);
        if (!ok && commutative && p.inputs.length === 2 && inputCount === 2) ok = this.matchInputs(p.inputs, index, true);
        if (!ok) {
          this.nodeTop = nodeTop;
          this.captureTop = captureTop;
        }
        return ok;
      }
    }
  }

  /** Matches input patterns in order against node `node`'s inputs (its two inputs swapped when `swapped`), then
   *  the other goals. */
  private matchInputs(patterns: Pattern[], node: number, swapped: boolean): boolean {
    const saved = this.goalTop;
    // Pushed last to first: the first input is matched first.
    for (let i = patterns.length - 1; i >= 0; i--) this.pushGoal(patterns[i]!, null, this.graph.inputAt(node, swapped ? 1 - i : i));
    if (this.solve()) return true;
    this.goalTop = saved;
    return false;
  }

  /** Structural match found: self-containment, constants, Q/DQ, then the rule's own checks. */
  private complete(rule: Rule, root: number): Candidate | null {
    const g = this.graph;
    const epoch = ++this.epoch;
    const inChain = this.chainMark;
    const members = this.members;
    members.clear();
    // Newest first, as the chain was built backwards from the root.
    for (let k = this.nodeTop - 1; k >= 0; k--) {
      const i = this.chainNodes[k]!;
      if (inChain[i] !== epoch) {
        inChain[i] = epoch;
        members.push(i);
      }
    }
    // An input-side optional node whose output is also read elsewhere leaves the chain (the chain starts after it).
    for (let k = this.nodeTop - 1; k >= 0; k--) {
      const d = this.chainNodes[k]!;
      if (this.chainDroppable[k] && d !== root && this.escapes(d, epoch)) inChain[d] = 0;
    }
    const qdq = this.qdq;
    qdq.clear();
    for (let m = 0; m < members.length; m++) {
      const i = members.at(m);
      if (i === root || inChain[i] !== epoch) continue;
      for (let k = g.outputBegin(i), end = g.outputEnd(i); k < end; k++) {
        const out = g.outputAt(k);
        if (out >= 0 && !this.staysInChain(out, epoch, qdq)) return null;
      }
    }
    const params = rule.finish(this);
    if (params === null) return null;

    // Nodes computing only from constants (Cast(weight) + 1 of the Gemma form) make weights, not activations.
    let kept = 0;
    for (let m = 0; m < members.length; m++) if (inChain[members.at(m)] === epoch) members.set(kept++, members.at(m));
    members.length = kept;
    members.sort();
    // Values computed from constants only, within this chain: a handful, so a short list rather than a mark per
    // value of the graph (tens of megabytes per scan on a 2M-node graph).
    const { constantValued, constants, ops, inputIds, intermediateIds } = this;
    constantValued.clear();
    constants.clear();
    ops.clear();
    for (let m = 0; m < members.length; m++) {
      const i = members.at(m);
      let fromConstants = i !== root;
      for (let j = 0, n = g.inputCount(i); fromConstants && j < n; j++) {
        const x = g.inputAt(i, j);
        if (x >= 0 && !constantValued.includes(x) && !g.isConstantId(x)) fromConstants = false;
      }
      if (fromConstants) {
        constants.push(i);
        for (let k = g.outputBegin(i), end = g.outputEnd(i); k < end; k++) {
          const o = g.outputAt(k);
          if (o >= 0) constantValued.push(o);
        }
      } else {
        ops.push(i);
      }
    }
    // Constants feeding only the chain belong to it; a constant shared with others stays outside.
    inputIds.clear();
    for (let m = 0; m < members.length; m++) {
      const i = members.at(m);
      for (let j = 0, n = g.inputCount(i); j < n; j++) {
        const input = g.inputAt(i, j);
        if (input < 0 || constantValued.includes(input)) continue;
        // isConstantId is memoised: ask it first, walk the chain only for a constant.
        if (g.isConstantId(input)) {
          if (this.constantChainFeedsOnly(input, epoch)) for (let k = 0; k < this.constantChain.length; k++) constants.push(this.constantChain.at(k));
          continue;
        }
        const canon = g.canonicalId(input);
        const producer = g.producerIndex(canon);
        if (producer >= 0 && inChain[producer] === epoch) continue;
        if (!inputIds.includes(canon)) inputIds.push(canon);
      }
    }
    intermediateIds.clear();
    for (let m = 0; m < ops.length; m++) {
      const i = ops.at(m);
      if (i === root) continue;
      for (let k = g.outputBegin(i), end = g.outputEnd(i); k < end; k++) if (g.outputAt(k) >= 0) intermediateIds.push(g.outputAt(k));
    }
    constants.sortUnique();
    qdq.sortUnique();
    // What the candidate keeps is copied at its exact size; the scratch lists serve the next candidate.
    return {
      rule, root,
      ops: ops.toArray(),
      constants: constants.toArray(),
      qdq: qdq.toArray(),
      params,
      inputs: this.namesOf(inputIds),
      outputs: g.nodes[root]!.outputs.filter((o) => o !== '').slice(), // filter's result has room for 17
      intermediates: this.namesOf(intermediateIds),
    };
  }

  private namesOf(ids: ScratchList): string[] {
    const names = new Array<string>(ids.length);
    for (let k = 0; k < ids.length; k++) names[k] = this.graph.nameOf(ids.at(k));
    return names;
  }

  /** Every reader of value `out` (Q/DQ seen through, their nodes appended to `qdq`) is in the chain. */
  private staysInChain(out: number, epoch: number, qdq: ScratchList | null): boolean {
    const g = this.graph;
    if (g.reachInto(out, qdq)) return false;
    for (let k = 0; k < g.reachCount; k++) if (this.chainMark[g.reachConsumers[k]!] !== epoch) return false;
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

  /** Whether the nodes making constant `input` that are not yet in the match (at least one) feed only the match
   *  and each other; they are left in `constantChain`. */
  private constantChainFeedsOnly(input: number, epoch: number): boolean {
    const g = this.graph;
    const length = g.constantChainInto(input);
    const chain = this.constantChain;
    chain.clear();
    for (let k = 0; k < length; k++) {
      const n = g.constantChainNodes[k]!;
      if (this.chainMark[n] !== epoch) chain.push(n);
    }
    if (chain.length === 0) return false;
    for (let k = 0; k < chain.length; k++) if (!this.feedsOnly(chain.at(k), epoch)) return false;
    return true;
  }

  /** Every reader of node `node`'s outputs is in the match or in `constantChain`. */
  private feedsOnly(node: number, epoch: number): boolean {
    const g = this.graph;
    for (let k = g.outputBegin(node), end = g.outputEnd(node); k < end; k++) {
      const out = g.outputAt(k);
      if (out < 0) continue;
      if (g.escapesId(out)) return false;
      for (let m = g.consumerBegin(out), mEnd = g.consumerEnd(out); m < mEnd; m++) {
        const c = g.consumerAt(m);
        if (this.chainMark[c] !== epoch && !this.constantChain.includes(c)) return false;
      }
    }
    return true;
  }

  // MatchView: the match being completed is the one at rootIndex, its chain marked with the current epoch.
  get root(): Node {
    return this.graph.nodes[this.rootIndex]!;
  }

  node(capture: string): Node | undefined {
    const i = lookup(this.captureNames, this.captureNodes, this.captureTop, capture);
    return i === undefined || this.chainMark[i] !== this.epoch ? undefined : this.graph.nodes[i];
  }

  valueId(name: string): number {
    return this.boundVar(name) ?? -1;
  }

  constant(capture: string): number[] | undefined {
    return lookup(this.constantNames, this.constantValues, this.constantTop, capture);
  }
}

/** The newest of the first `top` entries named `key`. */
function lookup<T>(names: readonly string[], values: readonly T[], top: number, key: string): T | undefined {
  for (let i = top - 1; i >= 0; i--) if (names[i] === key) return values[i];
  return undefined;
}

/** Index of the last present input + 1 (trailing '' inputs, id -1, are absent inputs). */
function lastUsedInput(g: GraphIndex, node: number, count: number): number {
  let n = count;
  while (n > 0 && g.inputAt(node, n - 1) < 0) n--;
  return n;
}

export { isDequantize, isQuantize };
