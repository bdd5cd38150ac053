// Finding a model's nodes by stable path or by name. Free of `vscode`, so the inspector's pictures stay testable.
// A path is followed down the model (walk.ts nodeAtPath), so no index of every path is kept; names get a Map,
// made the first time a name is asked for.
import type { Model } from '../core/onnx/model';
import { nodeAtPath, type NodeRef } from '../core/onnx/walk';

/** What a lookup needs of a loaded model (LoadedModel has it). */
export interface NodeSource {
  model: Model;
  readonly nodes: NodeRef[];
}

const byNameOf = new WeakMap<Model, Map<string, NodeRef>>();

/** The node at a stable path. */
export function nodeAt(loaded: NodeSource, path: string): NodeRef | undefined {
  return nodeAtPath(loaded.model, path);
}

/** A node as a decomposition match names it: by stable path, or by name (the first node of that name). */
export function findNode(loaded: NodeSource, id: string): NodeRef | undefined {
  const atPath = nodeAtPath(loaded.model, id);
  if (atPath) return atPath;
  let byName = byNameOf.get(loaded.model);
  if (!byName) {
    byName = new Map();
    for (const ref of loaded.nodes) if (ref.node.name !== '' && !byName.has(ref.node.name)) byName.set(ref.node.name, ref);
    byNameOf.set(loaded.model, byName);
  }
  return byName.get(id);
}
