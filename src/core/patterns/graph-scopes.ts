// The graphs a scan indexes: the main graph, every control-flow subgraph at any depth and, optionally, model-local
// function bodies — each with its node list, without a NodeRef per node. A scan over 2M nodes needs the nodes of
// each graph, not 2M path strings; NodeRefs are made only for the nodes a match reports (GraphIndex.ref).
// Scope paths and order are those of iterateNodes (walk.ts): graphs in the order their first node is visited,
// graphs without nodes left out. Iterative, so 10,000 levels of nesting cannot overflow the stack.
import type { Model, Node } from '../onnx/model';
import { addSubScopes, nodesOf, rootScopes, type GraphScope } from '../onnx/walk';

export interface ScopeNodes {
  scope: GraphScope;
  nodes: readonly Node[];
  /** Position in the returned list of the graph this subgraph belongs to; -1 for main graph and functions. */
  parent: number;
}

export function graphScopes(model: Model, functions: boolean): ScopeNodes[] {
  const found: ScopeNodes[] = [];
  for (const root of rootScopes(model, functions)) {
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
      for (let index = 0; index < nodes.length; index++) addSubScopes(scope, index, nodes[index]!, children);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ scope: children[i]!, parent: position });
    }
  }
  return found;
}
