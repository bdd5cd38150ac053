// One graph (main graph, subgraph or function body) indexed once for matching: who produces each value, who
// consumes it, which values are constants, which escape (graph outputs, reads from nested subgraphs).
// QDQ models: a QuantizeLinear → DequantizeLinear pair on an activation is transparent here (`canonical`), so the
// patterns written for float graphs match quantized ones; the pairs are found again when a match is accounted.
import type { GraphScope, NodeRef } from '../onnx/walk';
import type { Model, Node, Tensor } from '../onnx/model';
import { normalizeDomain } from '../onnx/model';
import { readTensorNumbers } from '../onnx/reader';
import type { MatchContext } from './pattern';

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

/** Where a value goes once Q→DQ pairs are seen through. */
export interface Reach {
  /** Nodes that read the value (or a DequantizeLinear copy of it), Q/DQ excluded. */
  consumers: number[];
  /** The Q and DQ nodes on the way. */
  qdq: number[];
  /** Read by something outside this graph's node list: a graph output, a nested subgraph, a Q without DQ. */
  escapes: boolean;
}

export class GraphIndex implements MatchContext {
  readonly nodes: Node[];
  readonly producer = new Map<string, number>();
  readonly consumers = new Map<string, number[]>();
  readonly outputs: Set<string>;
  readonly initializers = new Map<string, Tensor>();
  /** Nodes per op type (default domain only): the anchors of patterns. */
  readonly byOp = new Map<string, number[]>();
  private readonly numberCache = new Map<string, number[] | null>();

  constructor(
    readonly model: Model,
    readonly scope: GraphScope,
    readonly refs: NodeRef[],
    /** Values read by nodes of subgraphs nested below this graph (implicit captures). */
    private readonly readBelow: ReadonlySet<string>,
    outerInitializers: ReadonlyMap<string, Tensor>,
  ) {
    this.nodes = refs.map((r) => r.node);
    for (const [name, t] of outerInitializers) this.initializers.set(name, t);
    if (scope.graph) for (const t of scope.graph.initializers) this.initializers.set(t.name, t);
    this.outputs = new Set(scope.graph ? scope.graph.outputs.map((o) => o.name) : scope.function ? scope.function.outputs : []);
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i]!;
      for (const out of node.outputs) if (out !== '') this.producer.set(out, i);
      for (const input of node.inputs) {
        if (input === '') continue;
        const list = this.consumers.get(input);
        if (list) list.push(i);
        else this.consumers.set(input, [i]);
      }
      if (normalizeDomain(node.domain) === '') {
        const list = this.byOp.get(node.opType);
        if (list) list.push(i);
        else this.byOp.set(node.opType, [i]);
      }
    }
  }

  producerNode(value: string): Node | undefined {
    const i = this.producer.get(value);
    return i === undefined ? undefined : this.nodes[i];
  }

  /** The value a QuantizeLinear → DequantizeLinear chain copies (the float tensor before quantization). */
  canonical(value: string): string {
    let current = value;
    for (let guard = 0; guard < 8; guard++) {
      const dq = this.producerNode(current);
      if (!dq || !isDequantize(dq)) return current;
      const q = this.producerNode(dq.inputs[0] ?? '');
      if (!q || !isQuantize(q)) return current;
      current = q.inputs[0] ?? '';
    }
    return current;
  }

  /** The nodes that make a constant value from stored data: Constant, and Q/DQ/Cast wrapped around one;
   *  undefined when the value is not such a constant. An initializer gives []. */
  constantChain(value: string): number[] | undefined {
    const chain: number[] = [];
    let current = value;
    for (let guard = 0; guard < 8; guard++) {
      const i = this.producer.get(current);
      if (i === undefined) return this.initializers.has(current) ? chain : undefined;
      const node = this.nodes[i]!;
      if (node.opType === 'Constant' && normalizeDomain(node.domain) === '') {
        chain.push(i);
        return chain;
      }
      if (!(isDequantize(node) || isQuantize(node) || isCastOp(node))) return undefined;
      chain.push(i);
      current = node.inputs[0] ?? '';
    }
    return undefined;
  }

  isConstant(value: string): boolean {
    return value !== '' && this.constantChain(value) !== undefined;
  }

  constantNumbers(value: string, maxElements = 64): number[] | undefined {
    const key = `${maxElements}\u0000${value}`;
    const cached = this.numberCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const numbers = this.decodeConstant(value, maxElements, 0);
    this.numberCache.set(key, numbers ?? null);
    return numbers;
  }

  private decodeConstant(value: string, maxElements: number, depth: number): number[] | undefined {
    if (depth > 8) return undefined;
    const i = this.producer.get(value);
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

  /** Where a value goes, seeing through Q→DQ pairs. */
  reach(value: string): Reach {
    const result: Reach = { consumers: [], qdq: [], escapes: false };
    const stack = [value];
    for (let guard = 0; stack.length > 0 && guard < 64; guard++) {
      const current = stack.pop()!;
      if (this.outputs.has(current) || this.readBelow.has(current)) result.escapes = true;
      for (const i of this.consumers.get(current) ?? []) {
        const node = this.nodes[i]!;
        if (isQuantize(node) && node.inputs[0] === current) {
          result.qdq.push(i);
          const qOut = node.outputs[0] ?? '';
          if (this.outputs.has(qOut) || this.readBelow.has(qOut)) result.escapes = true;
          for (const j of this.consumers.get(qOut) ?? []) {
            const dq = this.nodes[j]!;
            if (isDequantize(dq) && dq.inputs[0] === qOut) {
              result.qdq.push(j);
              stack.push(dq.outputs[0] ?? '');
            } else {
              result.escapes = true;
            }
          }
        } else {
          result.consumers.push(i);
        }
      }
    }
    if (stack.length > 0) result.escapes = true;
    return result;
  }
}
