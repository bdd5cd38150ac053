// A model at a glance: what `onnx-coverage inspect` prints, as plain data. Cost follows the graph: payload sizes
// come from dims and data types, never from reading tensor bytes.
import { byteSize, dataTypeName, elementCount } from './data-types';
import type { Model, OnnxFunction, SparseTensor, Tensor, TypeInfo, ValueInfo } from './model';
import { normalizeDomain, qualifiedOp } from './model';
import type { GraphScope } from './walk';
import { countGraphNodes, rootScopes, ScopeWalk, trainingGraphs } from './walk';

export interface ModelSummary {
  irVersion: number;
  producer: { name: string; version: string };
  /** Default domain as "" (an "ai.onnx" import is reported as ""). */
  opsetImport: Array<{ domain: string; version: number }>;
  /** `initializer: true` marks an input that an initializer of the same name feeds (the IR < 4 convention). */
  inputs: Array<{ name: string; type: string; initializer?: true }>;
  outputs: Array<{ name: string; type: string }>;
  /** Nodes of the main graph and every nested subgraph (the sum of opHistogram). */
  nodeCount: number;
  /** `training`: nodes of training_info graphs, which inference runtimes do not run (not in nodeCount). */
  nodeCounts: { mainGraph: number; subgraphs: number; functions: number; training: number };
  /** Initializers of the main graph (dense and sparse); bytes as the data occupies at its data type. */
  initializers: { count: number; bytes: number; external: number };
  /** "Op" or "domain::Op" → count, over the main graph and all nested subgraphs, not function bodies. */
  opHistogram: Record<string, number>;
  functions: Array<{ domain: string; name: string; overload?: string; opHistogram: Record<string, number> }>;
  metadata: Record<string, string>;
}

export function summarize(model: Model): ModelSummary {
  const opHistogram: Record<string, number> = {};
  const main = countOps(rootScopes(model, false)[0]!, opHistogram);
  const nodeCounts = { mainGraph: main.own, subgraphs: main.all - main.own, functions: 0, training: 0 };
  const functions = model.functions.map((fn) => {
    const histogram = functionHistogram(fn);
    nodeCounts.functions += Object.values(histogram).reduce((a, b) => a + b, 0);
    return { domain: fn.domain, name: fn.name, ...(fn.overload ? { overload: fn.overload } : {}), opHistogram: histogram };
  });
  for (const { graph } of trainingGraphs(model)) nodeCounts.training += countGraphNodes(graph, model.opsetImport);
  const graph = model.graph;
  const dense = graph.initializers;
  const initializerNames = new Set(dense.map((t) => t.name));
  const sparseParts = graph.sparseInitializers.flatMap((s: SparseTensor) => [s.values, s.indices].filter((t): t is Tensor => t !== undefined));
  return {
    irVersion: model.irVersion,
    producer: { name: model.producerName, version: model.producerVersion },
    opsetImport: model.opsetImport.map((o) => ({ domain: normalizeDomain(o.domain), version: o.version })),
    inputs: graph.inputs.map((v) => (initializerNames.has(v.name) ? { ...describeValue(v), initializer: true as const } : describeValue(v))),
    outputs: graph.outputs.map(describeValue),
    nodeCount: nodeCounts.mainGraph + nodeCounts.subgraphs,
    nodeCounts,
    initializers: {
      count: dense.length + graph.sparseInitializers.length,
      bytes: [...dense, ...sparseParts].reduce((sum, t) => sum + tensorBytes(t), 0),
      external: dense.filter((t) => t.payload.kind === 'external').length,
    },
    opHistogram,
    functions,
    metadata: Object.fromEntries(model.metadataProps.map((e) => [e.key, e.value])),
  };
}

/** Nodes of a function body, with subgraphs nested inside it. */
function functionHistogram(fn: OnnxFunction): Record<string, number> {
  const histogram: Record<string, number> = {};
  countOps({ kind: 'function', path: '', function: fn, opsetImport: fn.opsetImport, depth: 0 }, histogram);
  return histogram;
}

/** Adds every node of `root` and of the subgraphs below it to `histogram`: how many there are, and how many of
 *  them are `root`'s own. A ScopeWalk rather than iterateScope: no NodeRef or path string per node. */
function countOps(root: GraphScope, histogram: Record<string, number>): { all: number; own: number } {
  let all = 0;
  let own = 0;
  const walk = new ScopeWalk(root);
  for (let node = walk.next(); node !== undefined; node = walk.next()) {
    const key = qualifiedOp(node.domain, node.opType);
    histogram[key] = (histogram[key] ?? 0) + 1;
    all++;
    if (walk.scope === root) own++;
  }
  return { all, own };
}

/** Bytes the tensor's data occupies at its data type; for strings and unknown types, what the file stores. */
export function tensorBytes(t: Tensor): number {
  const count = elementCount(t.dims);
  const size = count === undefined ? undefined : byteSize(t.dataType, count);
  if (size !== undefined) return size;
  const p = t.payload;
  if (p.kind === 'inline') return p.length;
  if (p.kind === 'external') return p.length ?? 0;
  if (p.kind === 'values' && p.field === 'string_data') return (p.values as string[]).reduce((n, s) => n + s.length, 0);
  return 0;
}

function describeValue(v: ValueInfo): { name: string; type: string } {
  return { name: v.name, type: v.type ? typeString(v.type) : 'unknown' };
}

/** A readable type: tensor(float)[1,"seq",768] — dims as numbers, symbolic dims quoted, unknown dims `?`;
 *  no brackets when the rank is unknown, [] for a scalar; seq(…), map(k,v), optional(…), sparse_tensor(…)[…]. */
export function typeString(t: TypeInfo): string {
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor': {
      const head = `${t.kind}(${dataTypeName(t.elemType)})`;
      if (!t.shape) return head;
      const dims = t.shape.map((d) => (d.value !== undefined ? String(d.value) : d.param !== undefined ? JSON.stringify(d.param) : '?'));
      return `${head}[${dims.join(',')}]`;
    }
    case 'sequence': return `seq(${t.elemType ? typeString(t.elemType) : 'unknown'})`;
    case 'optional': return `optional(${t.elemType ? typeString(t.elemType) : 'unknown'})`;
    case 'map': return `map(${dataTypeName(t.keyType)},${t.valueType ? typeString(t.valueType) : 'unknown'})`;
    case 'opaque': return `opaque(${t.domain},${t.name})`;
    case 'unknown': return 'unknown';
  }
}
