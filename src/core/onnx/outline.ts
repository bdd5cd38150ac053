// The outline of a printed model (printer.ts): its graphs, model-local functions and nodes, nested as the model
// nests them, each with the lines it spans in the text. The extension turns it into document symbols, so the model
// text view gets an Outline, breadcrumbs and Go to Symbol.
import type { Model } from './model';
import { nodeDisplayName } from './node-names';
import { iterateNodes, type GraphScope, type NodeRef } from './walk';

export interface OutlineEntry {
  kind: 'graph' | 'function' | 'subgraph' | 'node';
  name: string;
  /** The node's op (and module path), the subgraph's graph name; '' for the others. */
  detail: string;
  /** 0-based lines of the text the entry spans, both included; children lie within. */
  line: number;
  endLine: number;
  children: OutlineEntry[];
}

/** The model's outline; `nodeLines` maps each node's stable path to its (first) printed line. */
export function modelOutline(model: Model, nodeLines: ReadonlyMap<string, number>): OutlineEntry[] {
  const roots: OutlineEntry[] = [];
  const scopes = new Map<string, OutlineEntry>();
  const nodes = new Map<string, OutlineEntry>();
  for (const ref of iterateNodes(model, { functions: true })) {
    const line = nodeLines.get(ref.path);
    if (line === undefined) continue;
    let scope = scopes.get(ref.scope.path);
    if (!scope) {
      scope = scopeEntry(ref.scope, line);
      scopes.set(ref.scope.path, scope);
      const owner = ref.scope.kind === 'subgraph' ? nodes.get(ref.scope.path.slice(0, ref.scope.path.lastIndexOf('/'))) : undefined;
      (owner ? owner.children : roots).push(scope);
    }
    const entry: OutlineEntry = { kind: 'node', ...nodeName(ref), line, endLine: line, children: [] };
    scope.children.push(entry);
    // Kept by path only for nodes that own subgraphs, whose scopes come next and look for them.
    if (ref.node.attributes.some((a) => a.g !== undefined || a.graphs.length > 0)) nodes.set(ref.path, entry);
  }
  for (const root of roots) close(root);
  return roots;
}

function nodeName(ref: NodeRef): { name: string; detail: string } {
  const { label, op, module } = nodeDisplayName(ref);
  return { name: label, detail: module ? `${op} · ${module}` : op };
}

function scopeEntry(scope: GraphScope, firstNodeLine: number): OutlineEntry {
  // The scope's header is printed on the line above its first node.
  const line = Math.max(0, firstNodeLine - 1);
  if (scope.kind === 'function') return { kind: 'function', name: scope.path.slice('fn:'.length), detail: '', line, endLine: line, children: [] };
  if (scope.kind === 'main') return { kind: 'graph', name: scope.graph?.name || 'main graph', detail: '', line, endLine: line, children: [] };
  return { kind: 'subgraph', name: scope.path.slice(scope.path.lastIndexOf('/') + 1), detail: scope.graph?.name ?? '', line, endLine: line, children: [] };
}

/** Stretches every entry over its children; a graph or function also over its closing brace. */
function close(entry: OutlineEntry): void {
  for (const child of entry.children) {
    close(child);
    if (child.endLine > entry.endLine) entry.endLine = child.endLine;
  }
  if (entry.kind !== 'node' && entry.children.length > 0) entry.endLine += 1;
}
