// Model generators for benchmarks: write big ONNX files straight to disk, piece by piece, with the test-model
// builder's encoders. Weights are streamed from one reusable buffer, so generating a 1.5 GB model needs a few MB.
// Later benchmarks (coverage, decomposition scan, QDQ, 2M nodes) add their own generators beside these.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ModelSpec, NodeSpec, TensorSpec, ValueInfoSpec } from '../../src/core/onnx/builder';
import { buildModel, encodeNode, encodeTensor, encodeValueInfo, fieldHeader, frame } from '../../src/core/onnx/builder';
import { DataType } from '../../src/core/onnx/model';

export interface WeightSpec {
  /** The tensor without data; its raw_data is `rawLength` bytes streamed from a filler (0: no raw_data field,
   *  e.g. a tensor whose `external` points into a data file). */
  tensor: TensorSpec;
  rawLength: number;
}

export interface StreamedModel {
  header: Omit<ModelSpec, 'graph'>;
  graphName: string;
  nodes: Iterable<NodeSpec>;
  weights: WeightSpec[];
  inputs: ValueInfoSpec[];
  outputs: ValueInfoSpec[];
}

export interface WrittenModel {
  path: string;
  bytes: number;
  nodes: number;
  weights: number;
  opHistogram: Record<string, number>;
}

const LEN = 2;
const CHUNK = 4 << 20;

/** Writes a model in onnx.save's field order (graph: nodes, name, initializers, inputs, outputs). */
export function writeStreamedModel(path: string, model: StreamedModel): WrittenModel {
  const opHistogram: Record<string, number> = {};
  const nodeFrames: Uint8Array[] = [];
  for (const node of model.nodes) {
    nodeFrames.push(frame(1, encodeNode(node)));
    const key = node.domain ? `${node.domain}::${node.opType}` : node.opType;
    opHistogram[key] = (opHistogram[key] ?? 0) + 1;
  }
  const name = frame(2, new TextEncoder().encode(model.graphName));
  // An initializer is its header fields, then raw_data (field 9): framed around a payload written separately.
  const weightParts = model.weights.map((w) => {
    const head = encodeTensor(w.tensor);
    const rawHeader = w.rawLength > 0 ? fieldHeader(9, LEN, w.rawLength) : new Uint8Array(0);
    const messageLength = head.length + rawHeader.length + w.rawLength;
    return { head, rawHeader, rawLength: w.rawLength, frameHeader: fieldHeader(5, LEN, messageLength), messageLength };
  });
  const ioFrames = [...model.inputs.map((v) => frame(11, encodeValueInfo(v))), ...model.outputs.map((v) => frame(12, encodeValueInfo(v)))];
  const graphLength = sum(nodeFrames.map((f) => f.length)) + name.length + sum(weightParts.map((p) => p.frameHeader.length + p.messageLength)) + sum(ioFrames.map((f) => f.length));

  const fd = openSync(path, 'w');
  let written = 0;
  const put = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
    written += bytes.length;
  };
  try {
    put(buildModel(model.header));
    put(fieldHeader(7, LEN, graphLength));
    for (const f of nodeFrames) put(f);
    put(name);
    const filler = weightFiller();
    for (const p of weightParts) {
      put(p.frameHeader);
      put(p.head);
      put(p.rawHeader);
      for (let left = p.rawLength; left > 0; left -= CHUNK) put(left >= CHUNK ? filler : filler.subarray(0, left));
    }
    for (const f of ioFrames) put(f);
  } finally {
    closeSync(fd);
  }
  return { path, bytes: written, nodes: nodeFrames.length, weights: weightParts.length, opHistogram };
}

/** Small, non-zero float32 values, so the file is not a sparse run of zeros. */
function weightFiller(): Uint8Array {
  const floats = new Float32Array(CHUNK / 4);
  for (let i = 0; i < floats.length; i++) floats[i] = ((i * 2654435761) % 1000) / 1e5 - 0.005;
  return new Uint8Array(floats.buffer);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A transformer-like chain of `count` nodes with torch-dynamo-style names, consuming `weights` MatMul weights. */
export function* transformerNodes(count: number, weights: string[]): Generator<NodeSpec> {
  const cycle: Array<(i: number, layer: string, prev: string) => NodeSpec> = [
    (i, layer, prev) => ({ opType: 'MatMul', name: `${layer}/MatMul_${i}`, inputs: [prev, weights.length ? weights[i % weights.length]! : `${layer}/w`], outputs: [`${layer}/MatMul_${i}_output_0`] }),
    (i, layer, prev) => ({ opType: 'Add', name: `${layer}/Add_${i}`, inputs: [prev, `${layer}/bias`], outputs: [`${layer}/Add_${i}_output_0`] }),
    (i, layer, prev) => ({ opType: 'Pow', name: `${layer}/norm/Pow_${i}`, inputs: [prev, '/Constant_2_output_0'], outputs: [`${layer}/norm/Pow_${i}_output_0`] }),
    (i, layer, prev) => ({ opType: 'ReduceMean', name: `${layer}/norm/ReduceMean_${i}`, inputs: [prev], outputs: [`${layer}/norm/ReduceMean_${i}_output_0`], attributes: { axes: [-1], keepdims: 1 } }),
    (i, layer, prev) => ({ opType: 'Sqrt', name: `${layer}/norm/Sqrt_${i}`, inputs: [prev], outputs: [`${layer}/norm/Sqrt_${i}_output_0`] }),
    (i, layer, prev) => ({ opType: 'Div', name: `${layer}/norm/Div_${i}`, inputs: [prev, `${layer}/norm/eps`], outputs: [`${layer}/norm/Div_${i}_output_0`] }),
    (i, layer, prev) => ({ opType: 'Reshape', name: `${layer}/attn/Reshape_${i}`, inputs: [prev, '/Constant_7_output_0'], outputs: [`${layer}/attn/Reshape_${i}_output_0`], attributes: { allowzero: 0 } }),
    (i, layer, prev) => ({ opType: 'Transpose', name: `${layer}/attn/Transpose_${i}`, inputs: [prev], outputs: [`${layer}/attn/Transpose_${i}_output_0`], attributes: { perm: [0, 2, 1, 3] } }),
    (i, layer, prev) => ({ opType: 'Softmax', name: `${layer}/attn/Softmax_${i}`, inputs: [prev], outputs: [`${layer}/attn/Softmax_${i}_output_0`], attributes: { axis: -1 } }),
    (i, layer, prev) => ({ opType: 'Mul', name: `${layer}/mlp/Mul_${i}`, inputs: [prev, `${layer}/mlp/scale`], outputs: [`${layer}/mlp/Mul_${i}_output_0`] }),
  ];
  let prev = 'input_ids';
  for (let i = 0; i < count; i++) {
    const layer = `/model/layers.${Math.floor(i / 100)}`;
    const node = cycle[i % cycle.length]!(i, layer, prev);
    prev = node.outputs![0]!;
    yield node;
  }
}

/** ~1.5 GB: `weights` float32 matrices (raw_data) and `nodes` nodes, in one file. */
export function writeLargeWeightsModel(path: string, options: { totalBytes?: number; weights?: number; nodes?: number } = {}): WrittenModel {
  const weights = options.weights ?? 200;
  const perWeight = Math.floor((options.totalBytes ?? 1.5e9) / weights / 4);
  const cols = 1024;
  const rows = Math.max(1, Math.floor(perWeight / cols));
  const names = Array.from({ length: weights }, (_, i) => `model.layers.${i}.weight`);
  return writeStreamedModel(path, {
    header: { irVersion: 8, producerName: 'onnx-coverage-bench', producerVersion: '1', opsetImport: [{ domain: '', version: 17 }] },
    graphName: 'large_weights',
    nodes: transformerNodes(options.nodes ?? 20_000, names),
    weights: names.map((name) => ({ tensor: { name, dataType: DataType.FLOAT, dims: [rows, cols] }, rawLength: rows * cols * 4 })),
    inputs: [{ name: 'input_ids', elemType: DataType.FLOAT, shape: ['batch', 'seq', cols] }],
    outputs: [{ name: 'logits', elemType: DataType.FLOAT, shape: ['batch', 'seq', cols] }],
  });
}

/** Many nodes and no weights to speak of: the structure-bound case. */
export function writeManyNodesModel(path: string, options: { nodes?: number } = {}): WrittenModel {
  return writeStreamedModel(path, {
    header: { irVersion: 8, producerName: 'onnx-coverage-bench', producerVersion: '1', opsetImport: [{ domain: '', version: 17 }] },
    graphName: 'many_nodes',
    nodes: transformerNodes(options.nodes ?? 200_000, []),
    weights: [],
    inputs: [{ name: 'input_ids', elemType: DataType.FLOAT, shape: ['batch', 'seq', 1024] }],
    outputs: [{ name: 'logits', elemType: DataType.FLOAT, shape: ['batch', 'seq', 1024] }],
  });
}

/** A model whose `weights` float32 weights (`dataBytes` in all, default 2.2 GB) live in one external data file
 *  beside it. The data file is sparse (ftruncate): it costs no disk, and the structure must be read without it. */
export function writeExternalDataModel(path: string, options: { dataBytes?: number; weights?: number; nodes?: number } = {}): WrittenModel & { dataPath: string; dataBytes: number } {
  const weights = options.weights ?? 200;
  const cols = 1024;
  const rows = Math.max(1, Math.floor((options.dataBytes ?? 2.2e9) / weights / 4 / cols));
  const perWeight = rows * cols * 4;
  const dataPath = join(dirname(path), `${basename(path, '.onnx')}.data`);
  const fd = openSync(dataPath, 'w');
  try {
    ftruncateSync(fd, perWeight * weights);
  } finally {
    closeSync(fd);
  }
  const names = Array.from({ length: weights }, (_, i) => `model.layers.${i}.weight`);
  const location = basename(dataPath);
  const model = writeStreamedModel(path, {
    header: { irVersion: 8, producerName: 'onnx-coverage-bench', producerVersion: '1', opsetImport: [{ domain: '', version: 17 }] },
    graphName: 'external_data',
    nodes: transformerNodes(options.nodes ?? 20_000, names),
    weights: names.map((name, i) => ({ tensor: { name, dataType: DataType.FLOAT, dims: [rows, cols], external: { location, offset: i * perWeight, length: perWeight } }, rawLength: 0 })),
    inputs: [{ name: 'input_ids', elemType: DataType.FLOAT, shape: ['batch', 'seq', cols] }],
    outputs: [{ name: 'logits', elemType: DataType.FLOAT, shape: ['batch', 'seq', cols] }],
  });
  return { ...model, dataPath, dataBytes: perWeight * weights };
}
