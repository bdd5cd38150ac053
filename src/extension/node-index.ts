// Finding a model's nodes by stable path or by name. Free of `vscode`, so the inspector's pictures stay testable.
import type { NodeRef } from '../core/onnx/walk';
import type { LoadedModel } from './model-store';

/** Path and name indexes of a model's nodes. */
export function indexNodes(nodes: NodeRef[]): Pick<LoadedModel, 'byPath' | 'byName'> {
  const byName = new Map<string, NodeRef>();
  for (const ref of nodes) if (ref.node.name !== '' && !byName.has(ref.node.name)) byName.set(ref.node.name, ref);
  return { byPath: new Map(nodes.map((ref) => [ref.path, ref])), byName };
}

/** A node as a decomposition match names it: by stable path, or by name. */
export function findNode(loaded: LoadedModel, id: string): NodeRef | undefined {
  return loaded.byPath.get(id) ?? loaded.byName.get(id);
}
