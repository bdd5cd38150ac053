// What a node's name tells a reader. The TorchScript exporter names nodes after the module that made them
// (`/layers.0/input_layernorm/Pow`): the folders are the PyTorch module path, the last part the node's own name.
import { qualifiedOp } from './model';
import { nodeLabel, type NodeRef } from './walk';

/** Module path encoded in a TorchScript-exporter node name; null when the name carries none. */
export function nameScope(name: string): string[] | null {
  if (!name.startsWith('/')) return null;
  const parts = name.slice(1).split('/');
  parts.pop();
  return parts;
}

/** The short name a node goes by in lists: the last part of an exporter name ("/layers.0/mlp/Mul_1" → "Mul_1"),
 *  the op it runs, and the module path the name carries ("layers.0.mlp"; '' when none). */
export function nodeDisplayName(ref: NodeRef): { label: string; op: string; module: string } {
  const name = ref.node.name;
  const module = nameScope(name)?.join('.') ?? '';
  const label = (module !== '' && name.slice(name.lastIndexOf('/') + 1)) || nodeLabel(ref);
  return { label, op: qualifiedOp(ref.node.domain, ref.node.opType), module };
}
