// A hand-written Llama-style RMSNorm graph with knobs, for the engine and near-miss tests (written with the
// project's ONNX builder and read back with the real reader).
import type { NodeSpec, TensorSpec } from '../../../src/core/onnx/builder';
import { attr, buildModel, DataType } from '../../../src/core/onnx/builder';
import type { Model } from '../../../src/core/onnx/model';
import { readModelBytes } from '../../../src/core/onnx/reader';

export interface RmsOptions {
  opset?: number;
  exponent?: number;
  epsilon?: number;
  /** Also read the Div output (an inner value) outside the chain. */
  leakInner?: boolean;
  /** Reciprocal(Sqrt) instead of Div(1, Sqrt). */
  reciprocal?: boolean;
  /** Mul(x, x) instead of Pow(x, 2). */
  square?: boolean;
  /** Swap the operands of every Add and Mul. */
  swapped?: boolean;
  /** Epsilon as an initializer instead of a Constant node. */
  epsilonInitializer?: boolean;
  /** Prefix for node and value names (several norms in one graph). */
  prefix?: string;
  input?: string;
  output?: string;
}

export function rmsNodes(o: RmsOptions = {}): { nodes: NodeSpec[]; initializers: TensorSpec[] } {
  const p = o.prefix ?? '/norm/';
  const x = o.input ?? 'x';
  const y = o.output ?? 'y';
  const opset = o.opset ?? 17;
  const pair = (a: string, b: string): string[] => (o.swapped ? [b, a] : [a, b]);
  const scalar = (name: string, value: number): NodeSpec => ({
    opType: 'Constant', name: `${p}${name}`, outputs: [`${p}${name}_out`],
    attributes: { value: attr.tensor({ dataType: DataType.FLOAT, dims: [], floats: [value] }) },
  });
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [{ name: `${p}weight`, dataType: DataType.FLOAT, dims: [8], floats: [1, 1, 1, 1, 1, 1, 1, 1] }];
  if (o.square) nodes.push({ opType: 'Mul', name: `${p}Pow`, inputs: [x, x], outputs: [`${p}sq`] });
  else nodes.push(scalar('two', o.exponent ?? 2), { opType: 'Pow', name: `${p}Pow`, inputs: [x, `${p}two_out`], outputs: [`${p}sq`] });
  if (opset >= 18) {
    nodes.push({ opType: 'Constant', name: `${p}axes`, outputs: [`${p}axes_out`], attributes: { value: attr.tensor({ dataType: DataType.INT64, dims: [1], ints: [-1] }) } });
    nodes.push({ opType: 'ReduceMean', name: `${p}ReduceMean`, inputs: [`${p}sq`, `${p}axes_out`], outputs: [`${p}mean`], attributes: { keepdims: 1 } });
  } else {
    nodes.push({ opType: 'ReduceMean', name: `${p}ReduceMean`, inputs: [`${p}sq`], outputs: [`${p}mean`], attributes: { axes: [-1], keepdims: 1 } });
  }
  if (o.epsilonInitializer) initializers.push({ name: `${p}eps_out`, dataType: DataType.FLOAT, dims: [], floats: [o.epsilon ?? 1e-6] });
  else nodes.push(scalar('eps', o.epsilon ?? 1e-6));
  nodes.push({ opType: 'Add', name: `${p}Add`, inputs: pair(`${p}mean`, `${p}eps_out`), outputs: [`${p}ve`] });
  nodes.push({ opType: 'Sqrt', name: `${p}Sqrt`, inputs: [`${p}ve`], outputs: [`${p}std`] });
  if (o.reciprocal) nodes.push({ opType: 'Reciprocal', name: `${p}Div`, inputs: [`${p}std`], outputs: [`${p}rstd`] });
  else nodes.push(scalar('one', 1), { opType: 'Div', name: `${p}Div`, inputs: [`${p}one_out`, `${p}std`], outputs: [`${p}rstd`] });
  nodes.push({ opType: 'Mul', name: `${p}Mul`, inputs: pair(x, `${p}rstd`), outputs: [`${p}normed`] });
  nodes.push({ opType: 'Mul', name: `${p}Mul_1`, inputs: pair(`${p}normed`, `${p}weight`), outputs: [o.leakInner ? `${p}scaled` : y] });
  if (o.leakInner) nodes.push({ opType: 'Add', name: `${p}Leak`, inputs: [`${p}scaled`, `${p}rstd`], outputs: [y] });
  return { nodes, initializers };
}

export function rmsModel(o: RmsOptions = {}): Model {
  const { nodes, initializers } = rmsNodes(o);
  return readModelBytes(buildModel({
    opsetImport: [{ domain: '', version: o.opset ?? 17 }],
    graph: {
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 4, 8] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT }],
      initializers, nodes,
    },
  }), 'rms-test');
}
