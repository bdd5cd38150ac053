// Activation tensors: graph inputs that are not initializers and outputs of compute nodes that depend on one.
// Within a graph the count works on value ids; a subgraph reads outer constants by name, which must still count
// as constants there.
import { describe, expect, it } from 'vitest';
import { attr, buildModel, DataType, type NodeSpec } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';
import { countActivationTensors } from '../../../src/core/quantization';

const scalar = (name: string) => ({ name, dataType: DataType.FLOAT, dims: [], raw: new Uint8Array(new Float32Array([2]).buffer) });

function count(nodes: NodeSpec[], inputs = ['x']): number {
  return countActivationTensors(readModelBytes(buildModel({
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      inputs: [...inputs.map((name) => ({ name, elemType: DataType.FLOAT })), { name: 'w', elemType: DataType.FLOAT }],
      outputs: [{ name: nodes[nodes.length - 1]!.outputs![0]! }],
      initializers: [scalar('w'), scalar('s')],
      nodes,
    },
  })));
}

describe('countActivationTensors', () => {
  it('counts inputs that are not weights and what is computed from them; not constants, weights or Q/DQ copies', () => {
    expect(count([
      { opType: 'Constant', outputs: ['c'], attributes: { value: attr.tensor(scalar('v')) } },
      { opType: 'Cast', inputs: ['w'], outputs: ['wc'], attributes: { to: DataType.FLOAT } },
      { opType: 'Add', inputs: ['wc', 'c'], outputs: ['wc1'] },
      { opType: 'Mul', inputs: ['x', 'wc1'], outputs: ['m'] },
      { opType: 'QuantizeLinear', inputs: ['m', 's'], outputs: ['q'] },
      { opType: 'DequantizeLinear', inputs: ['q', 's'], outputs: ['dq'] },
      { opType: 'Relu', inputs: ['dq'], outputs: ['y'] },
    ])).toBe(3); // x, m, y (w is an input with an initializer: a weight)
  });

  it('treats an outer constant read by name inside a subgraph as a constant, and what the subgraph computes from x as an activation', () => {
    const branch = (opType: string, inputs: string[], output: string) => attr.graph({ nodes: [{ opType, inputs, outputs: [output] }], outputs: [{ name: output }] });
    expect(count([
      { opType: 'Constant', outputs: ['k'], attributes: { value: attr.tensor(scalar('v')) } },
      { opType: 'Add', inputs: ['k', 'w'], outputs: ['kw'] },
      {
        opType: 'If', inputs: ['cond'], outputs: ['out'],
        attributes: { then_branch: branch('Mul', ['kw', 'k'], 't'), else_branch: branch('Mul', ['x', 'k'], 'e') },
      },
    ], ['x', 'cond'])).toBe(4); // x, cond, e, out; t is made from outer constants only
  });
});
