// One graph (main graph, subgraph or function body) indexed once for matching: who produces each value, who
// consumes it, which values are constants, which escape (graph outputs, reads from nested subgraphs).
// QDQ models: a QuantizeLinear → DequantizeLinear pair on an activation is transparent here (`canonical`), so the
// patterns written for float graphs match quantized ones; the pairs are found again when a match is accounted.
import type { GraphScope, NodeRef } from '../onnx/walk';
import type { Model, Node, Tensor } from '../onnx/model';
import { normalizeDomain } from '../onnx/model';
import { nodeValuesOf, type ValueNames } from '../onnx/node-values';
import { readTensorNumbers } from '../onnx/reader';
import { knownOpId, opIdCount, opNameOf } from './op-ids';
import type { MatchContext } from './pattern';
import type { ScratchList } from './scratch-list';
import { flatString } from './flat-string';

export function isQuantize(node: Node): boolean {
  return node.opType === 'QuantizeLinear' && isQdqDomain(node.domain);
}

export function isDequantize(node: Node): boolean {
  return node.opType === 'DequantizeLinear' && isQdqDomain(node.domain);
}

/** Cast and CastLike of a constant are constants too (the function-expanded forms wrap every literal so). */
function isCastOp(node: Node): boolean {
  return (node.opType === 'Cast' || node.opType === 'CastLike') && normalizeDomain(node.domain) === '';
}

function isQdqDomain(domain: string): boolean {
  const d = normalizeDomain(domain);
  return d === '' || d === 'com.microsoft';
}

/** Constants up to this many elements are decoded once per graph and reused. */
const CACHED_ELEMENTS = 64;

// Per-node facts the matcher asks for at every step, computed once (no string compares in the hot loops).
const DEFAULT_DOMAIN = 1;
const QUANTIZE = 2;
const DEQUANTIZE = 4;

export class GraphIndex implements MatchContext {
  readonly nodes: readonly Node[];
  /** Nodes per op type that some pattern names (default domain only), ascending: the anchors of patterns. */
  readonly byOp = new Map<string, Int32Array>();
  readonly initializers = new Map<string, Tensor>();
  // Every value name has a small integer id (node-values.ts: made by the reader, or once here for a node list built
  // in memory); matching then works on ids and typed arrays only. Node i's inputs are inIds[inStart[i] ..
  // inStart[i + 1]), -1 for an absent input ''.
  private readonly values: ValueNames;
  private readonly inStart: Int32Array;
  private readonly inIds: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  private producerOf!: Int32Array;
  private consumerStart!: Int32Array;
  private consumerList!: Int32Array;
  /** Value read outside this graph's node list: graph output, or read by a nested subgraph. */
  private escapesGraph!: Uint8Array;
  /** id → the value a Q→DQ chain copies (memo); null in a graph without DequantizeLinear, where it is the id. */
  private canonOf!: Int32Array | null;
  /** 0 unknown, 1 constant, 2 not constant. */
  private constantFlag!: Uint8Array;
  /** Decoded small constants by value id: 0 not asked yet, -1 not a usable constant, k > 0 numberLists[k - 1].
   *  Typed, made on first use: a Map of every asked id was a tenth of a scan, and large in old space. */
  private numberSlot: Int32Array | null = null;
  private readonly numberLists: number[][] = [];
  /** Bit set per node: DEFAULT_DOMAIN, QUANTIZE, DEQUANTIZE. */
  private readonly nodeFlags: Uint8Array;
  /** Op type id per node (op-ids.ts), -1 for an op type no pattern names (ids count the op types patterns name: tens). */
  private readonly opIds: Int16Array;
  /** What the last constantChainInto found (written by index, never truncated). */
  readonly constantChainNodes: number[] = [];
  /** Scratch stack of reachInto (not reentrant: it calls nothing that reaches again). */
  private readonly reachStack: number[] = [];
  /** What the last reachInto found reading the value: reachConsumers[0 .. reachCount). Written by index, never
   *  truncated, so repeated walks reuse one array. Read it before the next reachInto. */
  readonly reachConsumers: number[] = [];
  reachCount = 0;

  constructor(
    readonly model: Model,
    readonly scope: GraphScope,
    nodes: readonly Node[],
    /** Values read by nodes of subgraphs nested below this graph (implicit captures). */
    readBelow: ReadonlySet<string>,
    outerInitializers: ReadonlyMap<string, Tensor>,
  ) {
    this.nodes = nodes;
    for (const [name, t] of outerInitializers) this.initializers.set(name, t);
    if (scope.graph) for (const t of scope.graph.initializers) this.initializers.set(t.name, t);
    const table = nodeValuesOf(nodes);
    this.values = table.names;
    this.inStart = table.inStart;
    this.inIds = table.inIds;
    this.outStart = table.outStart;
    this.outIds = table.outIds;
    this.nodeFlags = new Uint8Array(this.nodes.length);
    this.opIds = new Int16Array(this.nodes.length);
    let dequantizes = false;
    const perOp = new Int32Array(opIdCount());
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i]!;
      const id = knownOpId(node.opType);
      this.opIds[i] = id;
      const defaultDomain = normalizeDomain(node.domain) === '';
      const dequantize = isDequantize(node);
      dequantizes ||= dequantize;
      this.nodeFlags[i] = (defaultDomain ? DEFAULT_DOMAIN : 0) | (isQuantize(node) ? QUANTIZE : 0) | (dequantize ? DEQUANTIZE : 0);
      if (defaultDomain && id >= 0) perOp[id]!++;
    }
    // Counted first, then filled from the op ids: each list is made once at its size (no arrays grown by push,
    // which on a 2M-node graph left megabytes of outgrown copies behind in every scan).
    const lists: Int32Array[] = [];
    for (let id = 0; id < perOp.length; id++) {
      if (perOp[id] === 0) continue;
      lists[id] = new Int32Array(perOp[id]!);
      this.byOp.set(opNameOf(id), lists[id]!);
    }
    perOp.fill(0);
    for (let i = 0; i < this.nodes.length; i++) {
      const id = this.opIds[i]!;
      if (id >= 0 && (this.nodeFlags[i]! & DEFAULT_DOMAIN) !== 0) lists[id]![perOp[id]!++] = i;
    }
    const count = this.values.size;
    this.producerOf = new Int32Array(count).fill(-1);
    const consumerCount = new Int32Array(count + 1);
    for (let i = 0; i < this.nodes.length; i++) {
      for (let j = this.outStart[i]!; j < this.outStart[i + 1]!; j++) if (this.outIds[j]! >= 0) this.producerOf[this.outIds[j]!] = i;
      for (let j = this.inStart[i]!; j < this.inStart[i + 1]!; j++) if (this.inIds[j]! >= 0) consumerCount[this.inIds[j]! + 1]!++;
    }
    for (let v = 0; v < count; v++) consumerCount[v + 1]! += consumerCount[v]!;
    this.consumerList = new Int32Array(consumerCount[count]!);
    // Each value's start serves as its fill cursor and ends as the next value's start; one shift restores the
    // starts (no cursor copy: at 2M values that is 8 MB more of the array memory that sets off full collections).
    for (let i = 0; i < this.nodes.length; i++) {
      for (let j = this.inStart[i]!; j < this.inStart[i + 1]!; j++) {
        const x = this.inIds[j]!;
        if (x >= 0) this.consumerList[consumerCount[x]!++] = i;
      }
    }
    consumerCount.copyWithin(1, 0, count);
    consumerCount[0] = 0;
    this.consumerStart = consumerCount;
    this.escapesGraph = new Uint8Array(count);
    const outputs = scope.graph ? scope.graph.outputs.map((o) => o.name) : scope.function ? scope.function.outputs : [];
    for (const name of [...outputs, ...readBelow]) {
      const id = this.values.idOf(name);
      if (id >= 0) this.escapesGraph[id] = 1;
    }
    // Large graphs allocate every per-value array anew per scan: skip the ones a float graph never needs.
    this.canonOf = dequantizes ? new Int32Array(count).fill(-1) : null;
    this.constantFlag = new Uint8Array(count);
  }

  /** The NodeRef of node i, as iterateNodes makes it (made on demand: a scan reports few nodes of many). */
  ref(i: number): NodeRef {
    const node = this.nodes[i]!;
    return { node, index: i, scope: this.scope, path: flatString(`${this.scope.path}/${i}:${node.opType}`) };
  }

  /** Number of distinct value names in the graph: ids run from 0 to valueCount - 1. */
  get valueCount(): number {
    return this.values.size;
  }

  /** Node i is in the default (ai.onnx) domain. */
  isDefaultDomainAt(i: number): boolean {
    return (this.nodeFlags[i]! & DEFAULT_DOMAIN) !== 0;
  }

  /** Node i's op type id (op-ids.ts). */
  opIdAt(i: number): number {
    return this.opIds[i]!;
  }

  isQuantizeAt(i: number): boolean {
    return (this.nodeFlags[i]! & QUANTIZE) !== 0;
  }

  isDequantizeAt(i: number): boolean {
    return (this.nodeFlags[i]! & DEQUANTIZE) !== 0;
  }

  // Allocation-free iteration (hot loops): node i's outputs are outputAt(k) for k in [outputBegin(i), outputEnd(i)),
  // value id's readers are consumerAt(k) for k in [consumerBegin(id), consumerEnd(id)).
  outputBegin(i: number): number {
    return this.outStart[i]!;
  }

  outputEnd(i: number): number {
    return this.outStart[i + 1]!;
  }

  outputAt(k: number): number {
    return this.outIds[k]!;
  }

  consumerBegin(id: number): number {
    return this.consumerStart[id]!;
  }

  consumerEnd(id: number): number {
    return this.consumerStart[id + 1]!;
  }

  consumerAt(k: number): number {
    return this.consumerList[k]!;
  }

  /** Number of inputs node i lists (absent ones included). */
  inputCount(i: number): number {
    return this.inStart[i + 1]! - this.inStart[i]!;
  }

  /** Id of node i's j-th input; -1 when absent or past its inputs. */
  inputAt(i: number, j: number): number {
    const at = this.inStart[i]! + j;
    return at < this.inStart[i + 1]! ? this.inIds[at]! : -1;
  }

  /** Id of node i's first output, -1 when it has none. */
  firstOutput(i: number): number {
    return this.outStart[i + 1]! > this.outStart[i]! ? this.outIds[this.outStart[i]!]! : -1;
  }

  inputsOf(i: number): Int32Array {
    return this.inIds.subarray(this.inStart[i]!, this.inStart[i + 1]!);
  }

  outputsOf(i: number): Int32Array {
    return this.outIds.subarray(this.outStart[i]!, this.outStart[i + 1]!);
  }

  /** The id of a value name, -1 for '' or a name this graph never mentions. */
  idOf(value: string): number {
    return this.values.idOf(value);
  }

  nameOf(id: number): string {
    return id < 0 ? '' : this.values.nameOf(id);
  }

  /** Node index producing value `id`, -1 when it comes from outside (input, initializer, outer scope). */
  producerIndex(id: number): number {
    return id < 0 ? -1 : this.producerOf[id]!;
  }

  consumersOfId(id: number): Int32Array {
    return this.consumerList.subarray(this.consumerStart[id]!, this.consumerStart[id + 1]!);
  }

  /** Ids: the value a Q→DQ chain copies (memoised). */
  canonicalId(id: number): number {
    if (id < 0 || this.canonOf === null) return id;
    const known = this.canonOf[id]!;
    if (known >= 0) return known;
    let current = id;
    for (let guard = 0; guard < 8; guard++) {
      const dqIndex = this.producerOf[current]!;
      if (dqIndex < 0 || !this.isDequantizeAt(dqIndex)) break;
      const qIn = this.inputAt(dqIndex, 0);
      const qIndex = qIn < 0 ? -1 : this.producerOf[qIn]!;
      if (qIndex < 0 || !this.isQuantizeAt(qIndex)) break;
      const next = this.inputAt(qIndex, 0);
      if (next < 0) break;
      current = next;
    }
    this.canonOf[id] = current;
    return current;
  }

  /** Ids: whether the value is a constant (memoised). */
  isConstantId(id: number): boolean {
    if (id < 0) return false;
    const flag = this.constantFlag[id]!;
    if (flag !== 0) return flag === 1;
    const result = this.constantChainInto(id) >= 0;
    this.constantFlag[id] = result ? 1 : 2;
    return result;
  }

  /** Whether value `id` is a graph output or read by a nested subgraph. */
  escapesId(id: number): boolean {
    return this.escapesGraph[id] === 1;
  }

  /** Node index producing a value, undefined when it comes from outside this graph. */
  producerOfValue(value: string): number | undefined {
    const i = this.producerIndex(this.idOf(value));
    return i < 0 ? undefined : i;
  }

  /** The nodes that make a constant value from stored data — Constant, and Q/DQ/Cast wrapped around one — put in
   *  constantChainNodes[0 .. n), n returned (0 for an initializer); -1 when the value is not such a constant. Nothing is
   *  allocated: every input of every candidate is asked. Read constantChainNodes before the next call. */
  constantChainInto(id: number): number {
    const chain = this.constantChainNodes;
    let n = 0;
    let current = id;
    for (let guard = 0; guard < 8 && current >= 0; guard++) {
      const i = this.producerOf[current]!;
      if (i < 0) return this.initializers.has(this.values.nameOf(current)) ? n : -1;
      const node = this.nodes[i]!;
      if (node.opType === 'Constant' && normalizeDomain(node.domain) === '') {
        chain[n++] = i;
        return n;
      }
      if (!(isDequantize(node) || isQuantize(node) || isCastOp(node))) return -1;
      chain[n++] = i;
      current = this.inputAt(i, 0);
    }
    return -1;
  }

  constantNumbers(value: string, maxElements = 64): number[] | undefined {
    const id = this.idOf(value);
    return id < 0 ? this.decodeConstant(value, maxElements, 0) : this.constantNumbersId(id, maxElements);
  }

  constantNumbersId(id: number, maxElements = 64): number[] | undefined {
    const value = this.values.nameOf(id);
    if (maxElements > CACHED_ELEMENTS) return this.decodeConstant(value, maxElements, 0);
    const slots = (this.numberSlot ??= new Int32Array(this.values.size));
    let slot = slots[id]!;
    if (slot === 0) {
      const decoded = this.decodeConstant(value, CACHED_ELEMENTS, 0);
      slot = decoded ? this.numberLists.push(decoded) : -1;
      slots[id] = slot;
    }
    if (slot < 0) return undefined;
    const numbers = this.numberLists[slot - 1]!;
    return numbers.length > maxElements ? undefined : numbers;
  }

  private decodeConstant(value: string, maxElements: number, depth: number): number[] | undefined {
    if (depth > 8) return undefined;
    const i = this.producerOfValue(value);
    if (i === undefined) {
      const t = this.initializers.get(value);
      return t ? this.readNumbers(t, maxElements) : undefined;
    }
    const node = this.nodes[i]!;
    if (node.opType === 'Constant') return this.constantNodeNumbers(node, maxElements);
    // A cast changes the element type, not the value (integer targets aside, which constants here never are).
    if (isCastOp(node)) return this.decodeConstant(node.inputs[0] ?? '', maxElements, depth + 1);
    if (isDequantize(node) || isQuantize(node)) {
      const x = this.decodeConstant(node.inputs[0] ?? '', maxElements, depth + 1);
      const scale = this.decodeConstant(node.inputs[1] ?? '', maxElements, depth + 1);
      const zero = node.inputs[2] ? this.decodeConstant(node.inputs[2], maxElements, depth + 1) : [0];
      if (!x || !scale || !zero) return undefined;
      // Per-tensor parameters are the common case; per-axis ones would need the axis: give up on them.
      if (scale.length !== 1 || zero.length !== 1) return undefined;
      const s = scale[0]!;
      const z = zero[0]!;
      return isDequantize(node) ? x.map((q) => (q - z) * s) : x.map((f) => Math.round(f / s) + z);
    }
    return undefined;
  }

  private constantNodeNumbers(node: Node, maxElements: number): number[] | undefined {
    for (const a of node.attributes) {
      if (a.name === 'value' && a.t) return this.readNumbers(a.t, maxElements);
      if (a.name === 'value_float' && a.f !== undefined) return [a.f];
      if (a.name === 'value_int' && a.i !== undefined) return [a.i];
      if (a.name === 'value_floats') return a.floats.length <= maxElements ? a.floats : undefined;
      if (a.name === 'value_ints') return a.ints.length <= maxElements ? a.ints : undefined;
    }
    return undefined;
  }

  private readNumbers(t: Tensor, maxElements: number): number[] | undefined {
    try {
      return readTensorNumbers(this.model, t, maxElements);
    } catch {
      // An unreadable payload (refused external data, truncated file) is simply not a usable constant here.
      return undefined;
    }
  }

  /** Where value `start` goes once Q→DQ pairs are seen through, without allocating: puts the nodes that read it
   *  (or a DequantizeLinear copy of it) in reachConsumers[0 .. reachCount), appends the Q/DQ nodes on the way to
   *  `qdq` (when given) and returns whether it escapes (a graph output, a nested subgraph, a Q without DQ). */
  reachInto(start: number, qdq: ScratchList | null): boolean {
    const consumers = this.reachConsumers;
    let count = 0;
    this.reachCount = 0;
    if (start < 0) return false;
    let escapes = false;
    // A manual top: truncating the array would give its storage back and make the next walk grow it again.
    const stack = this.reachStack;
    let top = 0;
    stack[top++] = start;
    for (let guard = 0; top > 0 && guard < 64; guard++) {
      const current = stack[--top]!;
      if (this.escapesGraph[current] === 1) escapes = true;
      for (let k = this.consumerStart[current]!, end = this.consumerStart[current + 1]!; k < end; k++) {
        const i = this.consumerList[k]!;
        if (this.isQuantizeAt(i) && this.inputAt(i, 0) === current) {
          qdq?.push(i);
          const qOut = this.firstOutput(i);
          if (qOut < 0) continue;
          if (this.escapesGraph[qOut] === 1) escapes = true;
          for (let m = this.consumerStart[qOut]!, qEnd = this.consumerStart[qOut + 1]!; m < qEnd; m++) {
            const j = this.consumerList[m]!;
            if (this.isDequantizeAt(j) && this.inputAt(j, 0) === qOut) {
              qdq?.push(j);
              const dqOut = this.firstOutput(j);
              if (dqOut >= 0) stack[top++] = dqOut;
            } else {
              escapes = true;
            }
          }
        } else {
          consumers[count++] = i;
        }
      }
    }
    if (top > 0) escapes = true;
    this.reachCount = count;
    return escapes;
  }
}
