// The graphs a scan indexes: the main graph, every control-flow subgraph at any depth and, optionally, model-local
// function bodies — each with its node list, without a NodeRef per node. A scan over 2M nodes needs the nodes of
// each graph, not 2M path strings; NodeRefs are made only for the nodes a match reports (GraphIndex.ref).
// Scope paths and order are those of iterateNodes (walk.ts): graphs in the order their first node is visited,
// graphs without nodes left out. Iterative, so 10,000 levels of nesting cannot overflow the stack.
import type { Graph, Model, Node } from '../onnx/model';
import type { GraphScope } from '../onnx/walk';

export interface ScopeNodes {
  scope: GraphScope;
  nodes: readonly Node[];
  /** Position in the returned list of the graph this subgraph belongs to; -1 for main graph and functions. */
  parent: number;
}

export function graphScopes(model: Model, functions: boolean): ScopeNodes[] {
  const roots: GraphScope[] = [{ kind: 'main', path: '', graph: model.graph, opsetImport: model.opsetImport, depth: 0 }];
  if (functions) {
    for (const fn of model.functions) {
      roots.push({ kind: 'function', path: `fn:${fn.domain}::${fn.name}${fn.overload ? `:${fn.overload}` : ''}`, function: fn, opsetImport: fn.opsetImport, depth: 0 });
    }
  }
  const found: ScopeNodes[] = [];
  for (const root of roots) {
    // Depth first: a graph's subgraphs are pushed in reverse (node, attribute) order, so the first node's first
    // subgraph is visited next, with everything below it, before the second — the order iterateNodes yields in.
    const stack: Array<{ scope: GraphScope; parent: number }> = [{ scope: root, parent: -1 }];
    while (stack.length > 0) {
      const { scope, parent } = stack.pop()!;
      const nodes = nodesOf(scope);
      if (nodes.length === 0) continue;
      const position = found.length;
      found.push({ scope, nodes, parent });
      const children: GraphScope[] = [];
      for (let index = 0; index < nodes.length; index++) {
        const node = nodes[index]!;
        if (!node.attributes.some((a) => a.g || a.graphs.length > 0)) continue;
        const path = `${scope.path}/${index}:${node.opType}`;
        const seen = new Set<string>();
        for (const attr of node.attributes) {
          // A repeated attribute name is suffixed, as walk.ts does, so every subgraph keeps a path of its own.
          let key = attr.name;
          for (let n = 2; seen.has(key); n++) key = `${attr.name}~${n}`;
          seen.add(key);
          if (attr.g) children.push(subScope(scope, `${path}/${key}`, attr.g));
          attr.graphs.forEach((g, i) => children.push(subScope(scope, `${path}/${key}[${i}]`, g)));
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push({ scope: children[i]!, parent: position });
    }
  }
  return found;
}

function subScope(parent: GraphScope, path: string, graph: Graph): GraphScope {
  return { kind: 'subgraph', path, graph, function: parent.function, opsetImport: parent.opsetImport, depth: parent.depth + 1 };
}

function nodesOf(scope: GraphScope): readonly Node[] {
  return scope.graph ? scope.graph.nodes : scope.function ? scope.function.nodes : [];
}
