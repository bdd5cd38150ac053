// One traversal of every node a model runs: the main graph, the subgraphs of control-flow nodes
// (If/Loop/Scan and any graph-valued attribute) at any depth, and optionally model-local function bodies.
// Iterative, so a hostile model nested 10,000 levels deep cannot overflow the stack.
import type { Graph, Model, Node, OnnxFunction, OperatorSetId } from './model';
import { nodeValuesOf, type NodeValues } from './node-values';

export interface GraphScope {
  kind: 'main' | 'subgraph' | 'function';
  /** Stable path of the graph: "" for the main graph, "<parent node path>/<attribute>" for a subgraph, "fn:<domain>::<name>" for a function. */
  path: string;
  graph?: Graph;
  function?: OnnxFunction;
  /** The opset imports in force: the model's, or the function's own. */
  opsetImport: OperatorSetId[];
  depth: number;
}

export interface NodeRef {
  node: Node;
  index: number;
  scope: GraphScope;
  /** Stable path of the node, independent of its name: "<graph path>/<index>:<opType>". */
  path: string;
}

/** The name users see for a node: its own name when it has one, else its stable path. */
export function nodeLabel(ref: NodeRef): string {
  return ref.node.name !== '' ? ref.node.name : ref.path;
}

export function* iterateNodes(model: Model, options: { functions?: boolean } = {}): Generator<NodeRef> {
  for (const root of rootScopes(model, options.functions ?? false)) yield* iterateScope(root);
}

/** The scopes a traversal starts from: the main graph, then (when asked) each model-local function body. */
export function rootScopes(model: Model, functions: boolean): GraphScope[] {
  const roots: GraphScope[] = [{ kind: 'main', path: '', graph: model.graph, opsetImport: model.opsetImport, depth: 0 }];
  if (functions) {
    for (const fn of model.functions) {
      roots.push({ kind: 'function', path: `fn:${fn.domain}::${fn.name}${fn.overload ? `:${fn.overload}` : ''}`, function: fn, opsetImport: fn.opsetImport, depth: 0 });
    }
  }
  return roots;
}

/** A depth-first walk over a scope and every subgraph below it, in file order (a node, then its subgraphs' nodes,
 *  then the next node): the one traversal behind iterateScope and visitNodes. */
export class ScopeWalk {
  /** The scope of the node `next` returned last, and its index in that scope's node list. */
  scope: GraphScope;
  index = -1;
  private readonly stack: WalkFrame[];
  /** The frame of the node `next` returned last. */
  private frame: WalkFrame;
  private readonly children: GraphScope[] = [];

  constructor(root: GraphScope) {
    this.scope = root;
    this.frame = { scope: root, nodes: nodesOf(root), next: 0 };
    this.stack = [this.frame];
  }

  /** The value ids (node-values.ts) of the node list the last node belongs to, looked up once per graph. */
  get values(): NodeValues {
    return (this.frame.values ??= nodeValuesOf(this.frame.nodes));
  }

  /** The next node, or undefined when the walk is over. */
  next(): Node | undefined {
    const stack = this.stack;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next >= frame.nodes.length) {
        stack.pop();
        continue;
      }
      const index = frame.next++;
      const node = frame.nodes[index]!;
      this.frame = frame;
      this.scope = frame.scope;
      this.index = index;
      const children = this.children;
      addSubScopes(frame.scope, index, node, children);
      if (children.length > 0) {
        // In reverse, so the subgraphs come next, in attribute order.
        for (let i = children.length - 1; i >= 0; i--) stack.push({ scope: children[i]!, nodes: nodesOf(children[i]!), next: 0 });
        children.length = 0;
      }
      return node;
    }
    return undefined;
  }
}

interface WalkFrame {
  scope: GraphScope;
  nodes: readonly Node[];
  next: number;
  values?: NodeValues;
}

/** Nodes of one scope and of every subgraph below it, depth first, in file order. */
export function* iterateScope(root: GraphScope): Generator<NodeRef> {
  const walk = new ScopeWalk(root);
  for (let node = walk.next(); node !== undefined; node = walk.next()) {
    yield { node, index: walk.index, scope: walk.scope, path: `${walk.scope.path}/${walk.index}:${node.opType}` };
  }
}

/** Calls `visit` for every node in exactly iterateNodes' order, with its scope, its index there and the value ids
 *  of that scope's node list (its inputs and outputs are values.inIds/outIds from inStart/outStart[index]),
 *  without making a NodeRef or a path string per node. */
export function visitNodes(model: Model, functions: boolean, visit: (node: Node, scope: GraphScope, index: number, values: NodeValues) => void): void {
  for (const root of rootScopes(model, functions)) {
    const walk = new ScopeWalk(root);
    for (let node = walk.next(); node !== undefined; node = walk.next()) visit(node, walk.scope, walk.index, walk.values);
  }
}

/** The node a stable path names (iterateNodes' `path`), found by following the path down from its root scope, so
 *  no index of every node is needed. Paths are compared whole, never split, so names holding '/' or ':' cannot
 *  mislead it; a subgraph whose path prefixes another's is tried too. Undefined when no node has that path. */
export function nodeAtPath(model: Model, path: string): NodeRef | undefined {
  const pending = rootScopes(model, true).filter((root) => path.startsWith(`${root.path}/`));
  const subs: GraphScope[] = [];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    // The rest of the path: "<index>:<opType>", then "/<attribute>/…" below a subgraph.
    const from = scope.path.length + 1;
    const colon = path.indexOf(':', from);
    const digits = path.slice(from, colon);
    if (colon <= from || !/^(?:0|[1-9]\d*)$/.test(digits)) continue;
    const index = Number(digits);
    const node = nodesOf(scope)[index];
    if (!node || !path.startsWith(node.opType, colon + 1)) continue;
    const end = colon + 1 + node.opType.length;
    if (end === path.length) return { node, index, scope, path };
    if (path[end] !== '/') continue;
    addSubScopes(scope, index, node, subs);
    for (const sub of subs) if (path.startsWith(sub.path) && path[sub.path.length] === '/') pending.push(sub);
    subs.length = 0;
  }
  return undefined;
}

/** Appends the subgraph scopes of node `index` of `scope`, in attribute order, with their stable paths. */
export function addSubScopes(scope: GraphScope, index: number, node: Node, out: GraphScope[]): void {
  // Loops, no closure anywhere in this function: it runs for every node of every scan, and a closure capturing
  // the parameters made V8 allocate a context at every call (11 MB per 200,000-node scan), subgraphs or not.
  const attributes = node.attributes;
  let any = false;
  for (let k = 0; k < attributes.length && !any; k++) any = attributes[k]!.g !== undefined || attributes[k]!.graphs.length > 0;
  if (!any) return;
  const path = `${scope.path}/${index}:${node.opType}`;
  const seen = new Set<string>();
  for (const attr of node.attributes) {
    // A hostile model may repeat an attribute name; suffix repeats so every subgraph keeps a path of its own.
    let key = attr.name;
    for (let n = 2; seen.has(key); n++) key = `${attr.name}~${n}`;
    seen.add(key);
    if (attr.g) out.push(subScope(scope, `${path}/${key}`, attr.g));
    for (let i = 0; i < attr.graphs.length; i++) out.push(subScope(scope, `${path}/${key}[${i}]`, attr.graphs[i]!));
  }
}

function subScope(parent: GraphScope, path: string, graph: Graph): GraphScope {
  return { kind: 'subgraph', path, graph, function: parent.function, opsetImport: parent.opsetImport, depth: parent.depth + 1 };
}

/** The training_info graphs (initialization, algorithm) with their paths. ONNX Runtime's training APIs run them;
 *  inference runtimes never do, so traversals of what a model runs leave them out. */
export function trainingGraphs(model: Model): Array<{ path: string; graph: Graph }> {
  const out: Array<{ path: string; graph: Graph }> = [];
  model.trainingInfo.forEach((t, i) => {
    if (t.initialization) out.push({ path: `training_info[${i}].initialization`, graph: t.initialization });
    if (t.algorithm) out.push({ path: `training_info[${i}].algorithm`, graph: t.algorithm });
  });
  return out;
}

/** Nodes of a graph and of every subgraph nested in it. */
export function countGraphNodes(graph: Graph, opsetImport: OperatorSetId[]): number {
  const walk = new ScopeWalk({ kind: 'main', path: '', graph, opsetImport, depth: 0 });
  let count = 0;
  while (walk.next() !== undefined) count++;
  return count;
}

export function nodesOf(scope: GraphScope): Node[] {
  return scope.graph ? scope.graph.nodes : scope.function ? scope.function.nodes : [];
}
