// A model file around some initializers, for tests about how tensors are read: float input x[4], output y[4],
// and the nodes given (one Identity from x to y unless told otherwise), written with the project's builder.
import { writeFileSync } from 'node:fs';
import { buildModel, DataType, type NodeSpec, type TensorSpec } from '../../src/core/onnx/builder';

export function writeInitializerModel(path: string, initializers: TensorSpec[], nodes: NodeSpec[] = [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }]): string {
  writeFileSync(path, buildModel({
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      initializers,
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [4] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [4] }],
      nodes,
    },
  }));
  return path;
}
