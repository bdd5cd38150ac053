// detectDecompositions: every rule over every graph of a model (main graph, control-flow subgraphs, function
// bodies). Each graph is indexed once; each rule is tried only at nodes of its root op types; overlapping
// candidates are settled greedily, larger first. Linear in the number of nodes.
import type { Model, Node, Tensor } from '../onnx/model';
import { normalizeDomain, qualifiedOp } from '../onnx/model';
import type { GraphScope, NodeRef } from '../onnx/walk';
import { nodeLabel } from '../onnx/walk';
import { chainQuantization, type DecompositionQuantization } from '../quantization/cost';
import { flatString } from './flat-string';
import { GraphIndex } from './graph-index';
import { graphScopes } from './graph-scopes';
import { Matcher, type Candidate, type Params } from './matcher';
import { sortAscending } from './scratch-list';
import { AnchorFinder } from './anchors';
import { preferredReplacement, replacementStatus, type ReplacementStatus, type StatusCache } from './replacements';
import { RULE_INFO, type PatternId } from './rule-info';
import { RULES } from './rules';
import { matchScope, sourceLocation } from './scope';

export interface DetectTarget {
  /** The ai.onnx opset to judge replacements against; default: the one the model (or function) imports. */
  opset?: number;
  /** A runtime id of the catalog ('ort-cpu', 'tensorrt', …); runtimeSupported is null without one. */
  runtime?: string;
}

export interface DetectOptions {
  /** Scan model-local function bodies too (default true). */
  functions?: boolean;
}

export interface Decomposition {
  pattern: PatternId;
  /** "RMSNorm". */
  title: string;
  /** Every node the match consumes (name, or stable path when unnamed), graph order: compute nodes, the
   *  Constant nodes feeding only the match, and Q/DQ pairs on its intermediates. */
  nodes: string[];
  /** The node whose output is the chain's output. */
  root: NodeRef;
  params: Params;
  /** PyTorch module path from node names or dynamo metadata; '' for the top-level module; null when unknown. */
  scope: string | null;
  /** Stable path of the graph the match is in: '' for the main graph. */
  graph: string;
  /** "file.py:42" from dynamo's stack trace metadata, when present. */
  sourceLocation?: string;
  replacements: ReplacementStatus[];
  /** Activation tensors the chain reads, makes internally and hands on. */
  inputs: string[];
  intermediates: string[];
  outputs: string[];
  /** "RMSNorm at layers.0.input_layernorm (12 nodes): one RMSNormalization (opset 23) …". */
  message: string;
  quantization: DecompositionQuantization;
}

interface ScopeGroup {
  scope: GraphScope;
  nodes: readonly Node[];
  /** The group of the graph this subgraph belongs to; -1 for the main graph and functions. */
  parent: number;
  /** Values read by nodes of subgraphs below this graph. */
  readBelow: Set<string>;
}

export function detectDecompositions(model: Model, target: DetectTarget = {}, options: DetectOptions = {}): Decomposition[] {
  const groups = groupByGraph(model, options.functions ?? true);
  const outerInitializers = new Map<string, Tensor>();
  for (const t of model.graph.initializers) outerInitializers.set(t.name, t);
  const found: Decomposition[] = [];
  const statusCache: StatusCache = new Map();
  for (const group of groups) {
    const index = new GraphIndex(model, group.scope, group.nodes, group.readBelow, group.scope.kind === 'subgraph' ? outerInitializers : new Map());
    for (const candidate of selectCandidates(index)) found.push(describe(index, candidate, target, statusCache));
  }
  return found;
}

/** Every candidate of every rule, then a greedy pick: larger chains first, rule order on ties, no shared node. */
export function selectCandidates(index: GraphIndex): Candidate[] {
  const matcher = new Matcher(index);
  const anchors = new AnchorFinder(index);
  const candidates: Array<{ candidate: Candidate; priority: number }> = [];
  RULES.forEach((rule, priority) => {
    const roots = anchors.roots(rule.pattern);
    for (let k = 0; k < roots.length; k++) {
      const candidate = matcher.matchAt(rule, roots[k]!);
      if (candidate) candidates.push({ candidate, priority });
    }
  });
  candidates.sort((a, b) => b.candidate.ops.length - a.candidate.ops.length || a.priority - b.priority || a.candidate.root - b.candidate.root);
  // One flag per node rather than a Set of every claimed node (hundreds of thousands in a large model).
  const claimed = new Uint8Array(index.nodes.length);
  const chosen: Candidate[] = [];
  for (const { candidate } of candidates) {
    if (anyClaimed(claimed, candidate.ops) || anyClaimed(claimed, candidate.constants) || anyClaimed(claimed, candidate.qdq)) continue;
    for (const n of candidate.ops) claimed[n] = 1;
    for (const n of candidate.constants) claimed[n] = 1;
    for (const n of candidate.qdq) claimed[n] = 1;
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.root - b.root);
}

function anyClaimed(claimed: Uint8Array, nodes: readonly number[]): boolean {
  for (const n of nodes) if (claimed[n] === 1) return true;
  return false;
}

function describe(index: GraphIndex, candidate: Candidate, target: DetectTarget, statusCache: StatusCache): Decomposition {
  const info = RULE_INFO[candidate.rule.id];
  const consumed = sortAscending([...candidate.ops, ...candidate.constants, ...candidate.qdq]);
  // Labels straight from the nodes: a NodeRef (and its path string) only for the rare unnamed node.
  const nodes = consumed.map((i) => index.nodes[i]!.name || nodeLabel(index.ref(i)));
  const opNodes: Node[] = candidate.ops.map((i) => index.nodes[i]!);
  const scope = matchScope(opNodes);
  const root = index.ref(candidate.root);
  const opset = target.opset ?? defaultOpset(index.scope);
  const replacements = info.replacements.map((r) => replacementStatus(r, candidate.params, opset, target.runtime, statusCache));
  const where = scope ? scope : nodeLabel(root);
  const preferred = preferredReplacement(replacements);
  const fusedOp = preferred ? qualifiedOp(preferred.domain, preferred.op) : info.title;
  const onnx = replacements.find((r) => r.target === 'onnx');
  const advice = onnx
    ? onnx.availableInTarget ? `one ${onnx.op} node would do (opset ${onnx.sinceOpset})` : `${onnx.op} needs opset ${onnx.sinceOpset}${opset !== undefined ? ` (target: ${opset})` : ''}`
    : '';
  let location: string | undefined;
  for (let k = 0; k < opNodes.length && location === undefined; k++) location = sourceLocation(opNodes[k]!);
  const decomposition: Decomposition = {
    pattern: candidate.rule.id,
    title: info.title,
    nodes,
    root,
    params: candidate.params,
    scope,
    graph: index.scope.path,
    replacements,
    inputs: candidate.inputs,
    intermediates: candidate.intermediates,
    outputs: candidate.outputs,
    message: flatString(`${info.title} at ${where} is decomposed into ${candidate.ops.length} op${candidate.ops.length === 1 ? '' : 's'}${advice ? `; ${advice}` : ''}`),
    quantization: chainQuantization(index, {
      pattern: candidate.rule.id, ops: candidate.ops.length, inputs: candidate.inputs,
      intermediates: candidate.intermediates, outputs: candidate.outputs, qdq: candidate.qdq,
    }, where, fusedOp),
  };
  if (location) decomposition.sourceLocation = location;
  return decomposition;
}

function defaultOpset(scope: GraphScope): number | undefined {
  return scope.opsetImport.find((o) => normalizeDomain(o.domain) === '')?.version;
}

/** Nodes grouped by the graph they belong to, each with the values its nested subgraphs read (implicit inputs). */
function groupByGraph(model: Model, functions: boolean): ScopeGroup[] {
  const groups: ScopeGroup[] = graphScopes(model, functions).map((g) => ({ ...g, readBelow: new Set<string>() }));
  // Subgraphs come after the graph they belong to: in reverse, a subgraph's free reads are complete (its own
  // subgraphs done) before they become read-below for its parent.
  for (let k = groups.length - 1; k >= 0; k--) {
    const group = groups[k]!;
    if (group.scope.kind !== 'subgraph' || group.parent < 0) continue;
    const produced = new Set<string>();
    for (const node of group.nodes) for (const o of node.outputs) produced.add(o);
    if (group.scope.graph) {
      for (const i of group.scope.graph.inputs) produced.add(i.name);
      for (const t of group.scope.graph.initializers) produced.add(t.name);
    }
    const free = new Set<string>();
    for (const node of group.nodes) for (const i of node.inputs) if (i !== '' && !produced.has(i)) free.add(i);
    for (const name of group.readBelow) if (!produced.has(name)) free.add(name);
    const parent = groups[group.parent]!;
    for (const name of free) parent.readBelow.add(name);
  }
  return groups;
}
