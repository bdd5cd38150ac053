// Activation tensors of a model: the places a static quantizer could go. They are the graph inputs that are not
// initializers and the outputs of compute nodes that depend on one. Constants, Q/DQ copies and values computed
// only from weights (Cast(weight) + 1) are not activations.
import type { Model } from '../onnx/model';
import type { NodeValues } from '../onnx/node-values';
import { visitNodes } from '../onnx/walk';

/** The values known to be constant so far, in visiting order. Within one node list a value is its id, so a model
 *  of one graph (most exports) is answered from one flag per id and never spells a name. A subgraph reads outer
 *  values by name, so from the first subgraph or function body on, constants are also kept by name. */
class ConstantValues {
  private readonly flags = new Map<NodeValues, Uint8Array>();
  private readonly initializers: string[] = [];
  private byName: Set<string> | undefined;

  flagsOf(values: NodeValues): Uint8Array {
    let flags = this.flags.get(values);
    if (flags === undefined) this.flags.set(values, (flags = new Uint8Array(values.names.size)));
    return flags;
  }

  addInitializers(names: readonly { name: string }[], values: NodeValues, flags: Uint8Array): void {
    for (const { name } of names) {
      this.initializers.push(name);
      this.byName?.add(name);
      const id = values.names.idOf(name);
      if (id >= 0) flags[id] = 1;
    }
  }

  has(values: NodeValues, flags: Uint8Array, id: number): boolean {
    return flags[id] === 1 || (this.byName !== undefined && this.byName.has(values.names.nameOf(id)));
  }

  add(values: NodeValues, flags: Uint8Array, id: number): void {
    flags[id] = 1;
    this.byName?.add(values.names.nameOf(id));
  }

  /** From now on, names too: every constant so far, in any node list, by name. */
  keepNames(): void {
    if (this.byName !== undefined) return;
    const byName = new Set(this.initializers);
    for (const [values, flags] of this.flags) {
      for (let id = 0; id < flags.length; id++) if (flags[id] === 1) byName.add(values.names.nameOf(id));
    }
    this.byName = byName;
  }
}

export function countActivationTensors(model: Model, options: { functions?: boolean } = { functions: true }): number {
  const initializerNames = new Set(model.graph.initializers.map((t) => t.name));
  let count = model.graph.inputs.filter((i) => !initializerNames.has(i.name)).length;
  const constants = new ConstantValues();
  const seenGraphs = new Set<unknown>();
  // visitNodes: iterateNodes' order (what is constant so far depends on it) without a NodeRef per node.
  visitNodes(model, options.functions ?? false, (node, scope, index, values) => {
    if (scope.kind !== 'main') constants.keepNames();
    const flags = constants.flagsOf(values);
    if (scope.graph && !seenGraphs.has(scope.graph)) {
      seenGraphs.add(scope.graph);
      constants.addInitializers(scope.graph.initializers, values, flags);
    }
    const { inStart, inIds, outStart, outIds } = values;
    const op = node.opType;
    let fromConstants = op === 'Constant';
    if (!fromConstants) {
      fromConstants = true;
      for (let k = inStart[index]!; k < inStart[index + 1]!; k++) {
        const id = inIds[k]!;
        if (id >= 0 && !constants.has(values, flags, id)) {
          fromConstants = false;
          break;
        }
      }
    }
    if (fromConstants) {
      for (let k = outStart[index]!; k < outStart[index + 1]!; k++) if (outIds[k]! >= 0) constants.add(values, flags, outIds[k]!);
      return;
    }
    if (op === 'QuantizeLinear' || op === 'DequantizeLinear') return;
    for (let k = outStart[index]!; k < outStart[index + 1]!; k++) if (outIds[k]! >= 0) count++;
  });
  return count;
}
